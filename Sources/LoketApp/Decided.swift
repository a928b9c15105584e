import LoketDomain

/// Runs one lifecycle event on a value a use case read. A refusal becomes the `Refusal` every
/// channel answers with, so a use case writes only what the domain decided.
func decided<Value, State, Event>(
    _ event: () throws(TransitionError<State, Event>) -> Value
) throws(Refusal) -> Value {
    do {
        return try event()
    } catch {
        throw error.asRefusal
    }
}

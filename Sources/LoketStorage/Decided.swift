import LoketDomain

/// Runs one lifecycle event on a value read from the database. A refusal becomes the
/// `BookingError` every channel answers with, so a store writes only what the domain decided.
func decided<Value, State, Event>(
    _ event: () throws(TransitionError<State, Event>) -> Value
) throws(BookingError) -> Value {
    do {
        return try event()
    } catch {
        throw error.bookingError
    }
}

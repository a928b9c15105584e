import LoketDomain
import Testing

/// What one row of a lifecycle table expects: the state the event leads to, or the kind and code
/// it is refused with.
enum Outcome<State: Hashable & Sendable>: Hashable, Sendable, CustomStringConvertible {
    case becomes(State)
    case refused(Refusal.Kind, String)

    var description: String {
        switch self {
        case .becomes(let state): "\(state)"
        case .refused(let kind, let code): "refused \(kind) \(code)"
        }
    }
}

/// Applies `event` to a copy of `value` and says what came of it. A refusal must name the state it
/// found and the event, and leave the value as it was, so the rows need only say the outcome (the
/// kind and code a client sees, written out in each table).
func outcome<Value: Equatable, State, Event>(
    of value: Value, state: (Value) -> State, _ event: Event,
    _ apply: (inout Value) throws(TransitionError<State, Event>) -> Void
) -> Outcome<State> {
    var changed = value
    do {
        try apply(&changed)
        return .becomes(state(changed))
    } catch {
        #expect(error.from == state(value))
        #expect(error.event == event)
        #expect(changed == value)
        return .refused(error.kind, error.code)
    }
}

/// The answer a client would get for what `body` did: nil when it went through.
func answer<State, Event>(_ body: () throws(TransitionError<State, Event>) -> Void) -> Refusal? {
    do throws(TransitionError<State, Event>) {
        try body()
        return nil
    } catch {
        return error.asRefusal
    }
}

/// An event that a lifecycle (hold, appointment, visit, waitlist entry) refused in the state it
/// found, e.g. confirming a hold that already expired.
///
/// It keeps the state and the event so logs and tests can say what was tried; `asRefusal` is
/// the answer the HTTP layer gives, a 409 unless the thing has lapsed (410) or the input is wrong (422).
public struct TransitionError<State: Sendable & Hashable, Event: Sendable & Hashable>: Error, Sendable, Hashable,
    CustomStringConvertible
{
    /// The state the event found.
    public let from: State
    public let event: Event
    public let kind: Refusal.Kind
    /// The field as the client wrote it, e.g. `hold` or `outcome`.
    public let field: String
    /// A stable machine-readable reason, e.g. `hold_used`.
    public let code: String
    public let message: String

    public init(
        from: State, event: Event, _ kind: Refusal.Kind = .conflict, field: String, code: String, _ message: String
    ) {
        self.from = from
        self.event = event
        self.kind = kind
        self.field = field
        self.code = code
        self.message = message
    }

    public var description: String { "\(event) refused in state \(from): \(code)" }
}

extension TransitionError: RefusalConvertible {
    public var asRefusal: Refusal { Refusal(kind, field: field, code: code, message) }
}

/// Runs one lifecycle event on a value read from the database. A refusal becomes the `Refusal`
/// every channel answers with, so a use case (or a store) writes only what the domain decided.
public func decided<Value, State, Event>(
    _ event: () throws(TransitionError<State, Event>) -> Value
) throws(Refusal) -> Value {
    do {
        return try event()
    } catch {
        throw error.asRefusal
    }
}

import Foundation

/// A hold's life: active until it is confirmed into an appointment, lapses at `expiresAt`, or is
/// released early when the waitlist offer it carried ends. Each event refuses a hold that is not
/// active, so its capacity is handed on or given back exactly once.
extension Hold {
    /// What can happen to a hold; a refusal names it.
    public enum Event: String, Sendable, Hashable, Codable {
        case confirm, expire, release
    }

    /// Turns the hold into an appointment's capacity; only while it is active and before `expiresAt`.
    public mutating func confirm(now: Date) throws(TransitionError<State, Event>) {
        try requireActive(.confirm)
        guard now < expiresAt else { throw lapsed(.confirm) }
        state = .confirmed
    }

    /// Lapses the hold once `now` reaches `expiresAt`; its capacity goes back to the pool.
    public mutating func expire(now: Date) throws(TransitionError<State, Event>) {
        try requireActive(.expire)
        guard now >= expiresAt else {
            throw TransitionError(
                from: state, event: .expire, field: "hold", code: "hold_not_due", "This hold has not expired yet.")
        }
        state = .expired
    }

    /// Gives the capacity back before the hold lapses, because the waitlist offer it carried was
    /// declined, left, or ran out.
    public mutating func release() throws(TransitionError<State, Event>) {
        try requireActive(.release)
        state = .released
    }

    private func requireActive(_ event: Event) throws(TransitionError<State, Event>) {
        switch state {
        case .active: return
        case .confirmed:
            throw TransitionError(
                from: state, event: event, field: "hold", code: "hold_used",
                "This hold has already been used for an appointment.")
        case .expired, .released: throw lapsed(event)
        }
    }

    private func lapsed(_ event: Event) -> TransitionError<State, Event> {
        TransitionError(
            from: state, event: event, .gone, field: "hold", code: "hold_expired",
            "This hold has expired; choose a slot again.")
    }
}

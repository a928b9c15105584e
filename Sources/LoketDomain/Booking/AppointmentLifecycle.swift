/// An appointment's life: confirmed until cancelled. Moving it keeps it confirmed at a new slot
/// with a higher revision, which is the SEQUENCE the customer's calendar needs to replace the old entry.
extension Appointment {
    /// What can happen to an appointment; a refusal names it.
    public enum Event: String, Sendable, Hashable, Codable {
        case move, cancel
    }

    /// Whether it was moved since it was first confirmed.
    public var wasMoved: Bool { state == .confirmed && revision > 0 }

    /// How many more times it may be moved when `allowed` moves are allowed in all.
    public func movesLeft(allowed: Int) -> Int { state == .confirmed ? max(0, allowed - revision) : 0 }

    /// The refusal of a move past the limit: by `move(to:allowed:)`, and by a page that does not
    /// offer the calendar to an appointment with no moves left.
    public static func moveLimitReached(allowed: Int) -> TransitionError<State, Event> {
        TransitionError(
            from: .confirmed, event: .move, field: "id", code: "move_limit",
            "This appointment has been moved \(allowed) times and cannot be moved again; cancel it if the time does not suit."
        )
    }

    /// Moves the appointment to the slot of `hold`, which must already be confirmed for it and be
    /// for the same product and party size; a cancelled appointment cannot be moved, nor one moved
    /// `allowed` times already.
    public mutating func move(to hold: Hold, allowed: Int) throws(TransitionError<State, Event>) {
        guard state == .confirmed else {
            throw TransitionError(
                from: state, event: .move, field: "id", code: "cancelled", "A cancelled appointment cannot be moved.")
        }
        // While confirmed, the revision counts the moves.
        guard revision < allowed else { throw Self.moveLimitReached(allowed: allowed) }
        guard hold.state == .confirmed else {
            throw TransitionError(
                from: state, event: .move, field: "hold", code: "hold_not_confirmed",
                "The new hold must be confirmed for this appointment before it moves there.")
        }
        guard hold.product == product, hold.persons == persons else {
            throw TransitionError(
                from: state, event: .move, .invalid, field: "hold", code: "mismatch",
                "The new hold must be for the same product and number of persons.")
        }
        desk = hold.desk
        slot = hold.slot
        date = hold.date
        startTime = hold.startTime
        endTime = hold.endTime
        revision += 1
    }

    /// Cancels the appointment; the revision rises so calendars drop the entry. Cancelling twice is
    /// refused with `already_cancelled`, which callers that cancel idempotently treat as "nothing to do".
    public mutating func cancel() throws(TransitionError<State, Event>) {
        guard state == .confirmed else {
            throw TransitionError(
                from: state, event: .cancel, field: "id", code: "already_cancelled",
                "This appointment is already cancelled.")
        }
        state = .cancelled
        revision += 1
    }
}

import Foundation

/// A waitlist entry's life: waiting until capacity is offered; an offer is accepted (booked), or
/// declined or let lapse, after which the entry waits on for another slot; waiting or offered, it
/// may leave; once the last day of its window has passed it expires. Ending an offer hands it back
/// so the caller can release its hold and remember the slot.
extension WaitlistEntry {
    /// What can happen to a waitlist entry; a refusal names it.
    public enum Event: String, Sendable, Hashable, Codable {
        case offer, accept, decline, lapse, leave, expire
    }

    /// Offers a slot, held for this entry until `offer.expiresAt`; only an entry that is waiting.
    public mutating func offer(_ offer: Offer) throws(TransitionError<State, Event>) {
        guard state == .waiting else {
            throw TransitionError(
                from: state, event: .offer, field: "offer", code: "not_waiting",
                "Only a waiting entry can be offered a slot.")
        }
        state = .offered
        self.offer = offer
    }

    /// Accepts the open offer before it runs out; the entry is done and keeps the offer it booked.
    public mutating func accept(now: Date) throws(TransitionError<State, Event>) {
        let offer = try openOffer(.accept, "There is no offer to accept.")
        guard now < offer.expiresAt else {
            throw TransitionError(
                from: state, event: .accept, .gone, field: "hold", code: "hold_expired",
                "This hold has expired; choose a slot again.")
        }
        state = .booked
    }

    /// Declines the open offer, even after it ran out but before it was lapsed; the entry waits on.
    @discardableResult
    public mutating func decline() throws(TransitionError<State, Event>) -> Offer {
        let offer = try openOffer(.decline, "There is no offer to decline.")
        state = .waiting
        self.offer = nil
        return offer
    }

    /// Ends an offer whose time ran out by `now`; the entry waits on.
    @discardableResult
    public mutating func lapse(now: Date) throws(TransitionError<State, Event>) -> Offer {
        let offer = try openOffer(.lapse, "There is no offer to lapse.")
        guard now >= offer.expiresAt else {
            throw TransitionError(
                from: state, event: .lapse, field: "offer", code: "offer_not_due", "This offer has not run out yet.")
        }
        state = .waiting
        self.offer = nil
        return offer
    }

    /// Leaves the waitlist; an open offer is ended and handed back. A booked or left entry has
    /// nothing to leave.
    @discardableResult
    public mutating func leave() throws(TransitionError<State, Event>) -> Offer? {
        switch state {
        case .waiting, .offered:
            let ended = state == .offered ? offer : nil
            state = .left
            offer = nil
            return ended
        case .booked:
            throw TransitionError(
                from: state, event: .leave, field: "id", code: "already_booked",
                "This waitlist entry has already been booked.")
        case .left, .expired:
            throw TransitionError(
                from: state, event: .leave, field: "id", code: "already_left", "This waitlist entry has already left.")
        }
    }

    /// Ends an entry whose window closed before `today`: nobody waits for days that have passed.
    /// An open offer ends with it (its slot lay in the window, so its day has passed too) and is
    /// handed back.
    @discardableResult
    public mutating func expire(today: LocalDate) throws(TransitionError<State, Event>) -> Offer? {
        guard state == .waiting || state == .offered else {
            throw TransitionError(
                from: state, event: .expire, field: "id", code: "not_waiting", "Only a waiting entry can expire.")
        }
        guard to < today else {
            throw TransitionError(
                from: state, event: .expire, field: "to", code: "window_open", "The entry's last day has not passed.")
        }
        let ended = state == .offered ? offer : nil
        state = .expired
        offer = nil
        return ended
    }

    private func openOffer(_ event: Event, _ message: String) throws(TransitionError<State, Event>) -> Offer {
        guard state == .offered, let offer else {
            throw TransitionError(from: state, event: event, field: "offer", code: "no_offer", message)
        }
        return offer
    }
}

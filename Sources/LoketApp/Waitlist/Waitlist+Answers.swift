import Foundation
import LoketDomain
import LoketStorage

/// Leaving the waitlist and answering an offer. Each use case reads the entry, asks its
/// lifecycle, and writes its steps in one transaction; after the commit it announces the capacity
/// it gave back and wakes the matcher, which offers it to the next in line.
extension Waitlist {
    /// Leaves the waitlist; an open offer goes to the next in line. Leaving twice is nothing to
    /// do; an entry that was booked has nothing to leave (the appointment is cancelled on its own).
    public func leave(id: String, token: String?) async throws {
        try await useCase("waitlist.leave") {
            let now = context.now()
            let desk = try await context.database.write { tx in
                try await Self.leave(
                    try await WaitlistEntries.authorised(id: id, token: token, in: tx), now: now, in: tx)
            }
            if let desk { context.capacityChanges.announce(desk) }
            context.limiter.used(id)
            context.matcherWakeUp.signal()
        }
    }

    /// The entry in which `vNumber` waits for `product` ends (the case system withdrew their
    /// invitation, or it lapsed): an open offer goes to the next in line. False when they wait
    /// in none.
    func leave(person vNumber: String, product: String) async throws -> Bool {
        let now = context.now()
        let (left, desk) = try await context.database.write { tx -> (Bool, String?) in
            guard let read = try await WaitlistEntries.waiting(person: vNumber, product: product, in: tx) else {
                return (false, nil)
            }
            return (true, try await Self.leave(read, now: now, in: tx))
        }
        if let desk { context.capacityChanges.announce(desk) }
        if left { context.matcherWakeUp.signal() }
        return left
    }

    /// Books the offered slot (or moves the appointment being improved to it, one of its moves):
    /// a confirmation like any other, so it counts against `client`'s confirmations. The offer
    /// no longer counts among the holds of the client that joined (nor after declining or leaving).
    public func accept(entry id: String, token: String?, client: String?) async throws -> AcceptedOffer {
        try await useCase("waitlist.accept-offer") {
            try context.admit(.confirmations, client: client)
            let context = self.context
            let now = context.now()
            let movesAllowed = context.network.fairness.movesAllowed
            let (accepted, desks) = try await context.database.write { tx -> (AcceptedOffer, [String]) in
                var entry = try await WaitlistEntries.authorised(id: id, token: token, in: tx)
                try decided { () throws(EntryError) in try entry.accept(now: now) }
                guard let offer = entry.offer else { throw Refusal.noOffer }
                let (hold, placement) = try await Booking.take(offer.hold, by: .carrier, now: now, in: tx)
                let accepted: AcceptedOffer
                var desks = [placement.desk]
                if let improved = entry.appointment {
                    guard let current = try await Appointments.read(id: improved, in: tx),
                        current.appointment.state == .confirmed
                    else { throw Refusal.improvedAppointmentGone }
                    desks.append(current.appointment.desk)
                    // A move like any other: otherwise improvement entries would be swaps past the cap.
                    let moved = try await Booking.move(
                        current, to: hold, at: placement, movesAllowed: movesAllowed, now: now, outbox: context.outbox,
                        in: tx)
                    accepted = AcceptedOffer(appointment: moved, manageToken: nil)
                } else {
                    let applicant = try await WaitlistEntries.applicant(of: id, in: tx)
                    let booking = try await Appointments.insert(
                        holdID: offer.hold, at: placement, customer: applicant.customer, people: applicant.people,
                        now: now,
                        outbox: context.outbox, in: tx)
                    accepted = AcceptedOffer(appointment: booking.appointment, manageToken: booking.manageToken)
                }
                try await WaitlistEntries.booked(
                    entry, appointment: accepted.appointment.id, offer: offer, now: now, in: tx)
                return (accepted, desks)
            }
            for desk in desks { context.capacityChanges.announce(desk) }
            context.limiter.used(id)
            context.metrics.bookings.increment()
            context.logger.info("waitlist offer accepted", metadata: ["waitlist": "\(id)"])
            context.matcherWakeUp.signal() // an improved appointment freed its old slot
            return accepted
        }
    }

    /// Declines the offer: its capacity goes back at once (to the next in line first), the slot
    /// is not offered to this entry again, and the entry waits on.
    public func decline(entry id: String, token: String?) async throws -> WaitlistEntry {
        try await useCase("waitlist.decline-offer") {
            let now = context.now()
            let (entry, desk) = try await context.database.write { tx -> (WaitlistEntry, String?) in
                let read = try await WaitlistEntries.authorised(id: id, token: token, in: tx)
                var entry = read
                let offer = try decided { () throws(EntryError) in try entry.decline() }
                let desk = try await Self.end(offer, of: entry, readIn: read, now: now, in: tx)
                return (try await WaitlistEntries.read(id: id, in: tx)!, desk)
            }
            if let desk { context.capacityChanges.announce(desk) }
            context.limiter.used(id)
            context.matcherWakeUp.signal()
            return entry
        }
    }

    typealias EntryError = TransitionError<WaitlistEntry.State, WaitlistEntry.Event>

    /// Ends the entry as read, as its lifecycle decides; the desk of an offer it gave back.
    static func leave(_ read: WaitlistEntry, now: Date, in tx: Transaction) async throws -> String? {
        var entry = read
        let ended: WaitlistEntry.Offer?
        do throws(EntryError) {
            ended = try entry.leave()
        } catch {
            guard error.code == "already_left" else { throw error.asRefusal }
            return nil
        }
        try await WaitlistEntries.leaveLine(entry: read.id, in: tx)
        if let ended { return try await end(ended, of: entry, readIn: read, now: now, in: tx) }
        guard try await WaitlistEntries.write(entry, readIn: read, in: tx) else {
            throw Refusal.waitlistChangedMeanwhile
        }
        return nil
    }

    /// Ends `offer` as the entry's lifecycle decided, if the entry still holds it, and releases
    /// its hold for the next in line first; the hold's desk.
    static func end(
        _ offer: WaitlistEntry.Offer, of entry: WaitlistEntry, readIn read: WaitlistEntry, now: Date,
        in tx: Transaction
    ) async throws -> String? {
        guard try await WaitlistEntries.endOffer(offer, of: entry, readIn: read, in: tx) else { return nil }
        return try await Holds.release(id: offer.hold, toWaitlist: true, now: now, in: tx)
    }
}

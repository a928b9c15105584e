import Foundation
import LoketDomain
import LoketStorage

/// Offers: capacity offered to one entry (free now, or a freed slot the line is owed), freed
/// slots nobody takes given back, and offers and entries that ran out ended. Each writes its
/// steps in one transaction and announces the capacity change after the commit.
extension Waitlist {
    /// What became of a freed slot offered to an entry.
    enum FreedOutcome {
        /// Offered; `client` is the one that joined, whose active holds the offer counts among.
        case offered(WaitlistEntry, client: String?)
        /// Another matcher handled the slot first.
        case handledElsewhere
        /// The entry stopped waiting between the lookup and the offer; nothing was written.
        case entryMovedOn
    }

    /// Offers `plan` to a waiting entry: takes the capacity as a hold that lasts as long as the
    /// offer, and writes the offer email, in one transaction. Nil when the entry no longer waits.
    func offer(entry id: String, plan: HoldPlan) async throws -> WaitlistEntry? {
        try await offer(entry: id, plan: plan, freed: nil)?.entry
    }

    /// Offers the freed slot to `entry` with `plan` (its units, for the entry's persons), in one
    /// transaction: the slot leaves the matcher's list, the parked hold gives its units to the
    /// offer's hold, and the email is written.
    func offer(_ freed: FreedSlot, to entry: String, plan: HoldPlan) async throws -> FreedOutcome {
        do {
            guard let offered = try await offer(entry: entry, plan: plan, freed: freed) else {
                return .handledElsewhere
            }
            return .offered(offered.entry, client: offered.client)
        } catch is EntryMovedOn {
            return .entryMovedOn
        }
    }

    /// Nobody on the waitlist takes `freed`: its units go back to the open list.
    func release(_ freed: FreedSlot) async throws {
        let now = context.now()
        let desk = try await context.database.write { tx -> String? in
            guard try await FreedSlots.claim(freed, in: tx) else { return nil }
            return try await Holds.release(id: freed.hold, now: now, in: tx)
        }
        if let desk { context.capacityChanges.announce(desk) }
    }

    /// Offers whose time ran out go back to the pool (the next in line first); the entries wait
    /// on. Returns how many were due.
    @discardableResult
    public func lapseOffers() async throws -> Int {
        let now = context.now()
        let due = try await store.offersDue(now: now)
        for id in due {
            let desk = try await context.database.write { tx -> String? in
                guard let read = try await WaitlistEntries.read(id: id, in: tx) else { return nil }
                var entry = read
                // Accepted, declined or left meanwhile: nothing to lapse.
                guard let offer = try? entry.lapse(now: now) else { return nil }
                return try await Self.end(offer, of: entry, readIn: read, now: now, in: tx)
            }
            if let desk { context.capacityChanges.announce(desk) }
        }
        return due.count
    }

    /// Ends the entries whose last day has passed, releasing an open offer; returns how many.
    @discardableResult
    public func endPastEntries() async throws -> Int {
        let now = context.now()
        let today = DeskTime(now, timeZone: DeskTime.amsterdam).date
        var ended = 0
        for id in try await store.pastEntries(today: today) {
            let outcome: (done: Bool, desk: String?)
            do {
                outcome = try await context.database.write { tx in
                    try await Self.endPast(entry: id, today: today, now: now, in: tx)
                }
            } catch is EntryMovedOn {
                continue // offered, accepted or left meanwhile: the next sweep looks again
            }
            if outcome.done { ended += 1 }
            if let desk = outcome.desk { context.capacityChanges.announce(desk) }
        }
        if ended > 0 {
            context.logger.info("waitlist entries past their last day ended", metadata: ["count": "\(ended)"])
        }
        return ended
    }

    /// Ends one entry past its last day as its lifecycle decides.
    private static func endPast(
        entry id: String, today: LocalDate, now: Date, in tx: Transaction
    ) async throws -> (done: Bool, desk: String?) {
        guard let read = try await WaitlistEntries.read(id: id, in: tx) else { return (false, nil) }
        var entry = read
        let offer: WaitlistEntry.Offer?
        do throws(EntryError) {
            offer = try entry.expire(today: today)
        } catch {
            return (false, nil) // offered or left meanwhile: nothing to end
        }
        try await WaitlistEntries.leaveLine(entry: id, in: tx)
        if let offer { return (true, try await end(offer, of: entry, readIn: read, now: now, in: tx)) }
        guard try await WaitlistEntries.write(entry, readIn: read, in: tx) else { throw EntryMovedOn() }
        return (true, nil)
    }

    /// Thrown inside a transaction to roll it back when the entry changed after it was read.
    struct EntryMovedOn: Error {}

    /// Offers `plan` to entry `id` in one transaction; with `freed`, the freed slot is claimed
    /// first and its parked hold released, so its units pass to the offer and never show as free.
    /// Nil when the entry is not waiting (nothing written) or `freed` was claimed by someone else.
    private func offer(
        entry id: String, plan: HoldPlan, freed: FreedSlot?
    ) async throws -> (entry: WaitlistEntry, client: String?)? {
        let now = context.now()
        let outbox = context.outbox
        let offered = try await context.database.write { tx -> (entry: WaitlistEntry, client: String?)? in
            guard var entry = try await WaitlistEntries.read(id: id, in: tx) else { return nil }
            let hold = Holds.newID()
            let offer = WaitlistEntry.Offer(
                hold: hold, desk: plan.desk, slot: plan.slot.description, date: plan.slot.date,
                startTime: plan.slot.start, endTime: plan.end, expiresAt: plan.expiresAt)
            // Only a waiting entry is offered a slot; one that left or was offered meanwhile is skipped.
            guard (try? entry.offer(offer)) != nil else {
                if freed != nil { throw EntryMovedOn() }
                return nil
            }
            if let freed {
                guard try await FreedSlots.claim(freed, in: tx) else { return nil }
                _ = try await Holds.release(id: freed.hold, now: now, in: tx)
            }
            guard let written = try await WaitlistEntries.offer(entry, now: now, in: tx) else {
                if freed != nil { throw EntryMovedOn() }
                return nil
            }
            try await Holds.takeWithoutSecret(id: hold, plan: plan, now: now, in: tx)
            try await OutboxStore.enqueue(
                .waitlistOffer, appointment: id, revision: 0, start: nil, now: now, settings: outbox,
                secret: written.token, in: tx)
            return (try await WaitlistEntries.read(id: id, in: tx)!, written.client)
        }
        if offered != nil {
            context.capacityChanges.announce(plan.desk)
            context.logger.info("waitlist offer made", metadata: ["waitlist": "\(id)", "desk": "\(plan.desk)"])
        }
        return offered
    }
}

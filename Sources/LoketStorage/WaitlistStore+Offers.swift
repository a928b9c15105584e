import Foundation
import LoketDomain
import SQLKit

/// Making offers: capacity free now offered to one entry, a freed slot offered to the first
/// eligible entry (or given back when nobody is), and entries whose last day has passed ended.
extension WaitlistStore {
    /// Offers `plan` to a waiting entry: takes the capacity as a hold that lasts as long as the
    /// offer, and writes the offer email, in one transaction. Returns nil when the entry is no
    /// longer waiting.
    public func makeOffer(entry id: String, plan: HoldPlan, now: Date) async throws -> WaitlistEntry? {
        try await offer(entry: id, plan: plan, now: now, freed: nil)?.entry
    }

    /// What became of a freed slot offered to an entry.
    public enum FreedOutcome: Sendable {
        /// Offered; `client` is the one that joined, whose active holds the offer counts among.
        case offered(WaitlistEntry, client: String?)
        /// Another matcher handled the slot first.
        case handledElsewhere
        /// The entry stopped waiting between the lookup and the offer; nothing was written.
        case entryMovedOn
    }

    /// Offers the freed slot to `entry` with `plan` (its units, for the entry's persons), in one
    /// transaction: the slot leaves the matcher's list, the parked hold gives its units to the
    /// offer's hold, and the email is written.
    public func offerFreed(
        _ freed: FreedSlot, to entry: String, plan: HoldPlan, now: Date
    ) async throws
        -> FreedOutcome
    {
        do {
            guard let offered = try await offer(entry: entry, plan: plan, now: now, freed: freed) else {
                return .handledElsewhere
            }
            return .offered(offered.entry, client: offered.client)
        } catch is EntryMovedOn {
            return .entryMovedOn
        }
    }

    /// The freed slots the matcher still owes the waitlist, oldest first.
    public func freedSlots(limit: Int) async throws -> [FreedSlot] {
        try await database.session { db in try await FreedSlots.pending(limit: limit, on: db) }
    }

    /// The first entry in fair order that may be offered `freed` (`WaitlistLine.firstEligible`).
    public func firstEligible(for freed: FreedSlot) async throws -> WaitlistEntry? {
        try await database.session { db in
            guard let id = try await WaitlistLine.firstEligible(for: freed, on: db) else { return nil }
            return try await Self.fetchWaitlist(id: id, on: db)
        }
    }

    /// Nobody on the waitlist takes `freed`: its units go back to the open list.
    public func releaseFreed(_ freed: FreedSlot, now: Date) async throws {
        let desk = try await database.transaction { db -> String? in
            guard try await FreedSlots.claim(freed, on: db) else { return nil }
            return try await Holds.release(hold: freed.hold, now: now, on: db)
        }
        if let desk { capacityChanges.announce(desk) }
    }

    /// Ends the entries whose last day is before `today`, releasing an open offer; returns how many.
    @discardableResult
    public func endPastEntries(now: Date) async throws -> Int {
        let today = DeskTime(now, timeZone: DeskTime.amsterdam).date
        let due = try await database.session { db in
            try await db.raw(
                "SELECT id FROM waitlist WHERE state IN ('waiting', 'offered') AND to_date < \(bind: today.iso)"
            ).all().map { try $0.decode(column: "id", as: String.self) }
        }
        var ended = 0
        for id in due {
            let outcome: (done: Bool, desk: String?)
            do {
                outcome = try await endPast(entry: id, today: today, now: now)
            } catch is EntryMovedOn {
                continue // offered, accepted or left meanwhile: the next sweep looks again
            }
            if outcome.done { ended += 1 }
            if let desk = outcome.desk { capacityChanges.announce(desk) }
        }
        if ended > 0 { logger.info("waitlist entries past their last day ended", metadata: ["count": "\(ended)"]) }
        return ended
    }

    /// Ends one entry past its last day as its lifecycle decides, in one transaction.
    private func endPast(entry id: String, today: LocalDate, now: Date) async throws -> (done: Bool, desk: String?) {
        try await database.transaction { db -> (done: Bool, desk: String?) in
            guard let read = try await Self.fetchWaitlist(id: id, on: db) else { return (false, nil) }
            var entry = read
            let offer: WaitlistEntry.Offer?
            do throws(EntryError) {
                offer = try entry.expire(today: today)
            } catch {
                return (false, nil) // offered or left meanwhile: nothing to end
            }
            try await WaitlistLine.leave(entry: id, on: db)
            if let offer { return (true, try await Self.endOffer(offer, of: entry, readIn: read, now: now, on: db)) }
            let written =
                try await db.raw(
                    """
                    UPDATE waitlist SET state = \(bind: entry.state.rawValue), offer_token_hash = NULL
                    WHERE id = \(bind: id) AND state = \(bind: read.state.rawValue) RETURNING id
                    """
                ).first() != nil
            guard written else { throw EntryMovedOn() }
            return (true, nil)
        }
    }

    /// Thrown inside a transaction to roll it back when the entry changed after it was read.
    struct EntryMovedOn: Error {}

    /// Offers `plan` to entry `id` in one transaction; with `freed`, the freed slot is claimed
    /// first and its parked hold released, so its units pass to the offer and never show as free.
    /// Nil when the entry is not waiting (nothing written) or `freed` was claimed by someone else.
    private func offer(
        entry id: String, plan: HoldPlan, now: Date, freed: FreedSlot?
    ) async throws
        -> (entry: WaitlistEntry, client: String?)?
    {
        let holdID = Identifiers.make()
        let offerToken = Identifiers.token()
        let outbox = self.outbox
        let offered = try await database.transaction { db -> (entry: WaitlistEntry, client: String?)? in
            guard var entry = try await Self.fetchWaitlist(id: id, on: db) else { return nil }
            let offer = WaitlistEntry.Offer(
                hold: holdID, desk: plan.desk, slot: plan.slot.description, date: plan.slot.date,
                startTime: plan.slot.start, endTime: plan.end, expiresAt: plan.expiresAt)
            // Only a waiting entry is offered a slot; one that left or was offered meanwhile is skipped.
            guard (try? entry.offer(offer)) != nil else {
                if freed != nil { throw EntryMovedOn() }
                return nil
            }
            if let freed {
                guard try await FreedSlots.claim(freed, on: db) else { return nil }
                _ = try await Holds.release(hold: freed.hold, now: now, on: db)
            }
            guard
                let written = try await db.raw(
                    """
                    UPDATE waitlist SET state = \(bind: entry.state.rawValue), offer_hold_id = \(bind: holdID),
                        offer_expires_at = \(bind: plan.expiresAt.millis), offer_token_hash = \(bind: Identifiers.hash(offerToken))
                    WHERE id = \(bind: id) AND state = \(bind: WaitlistEntry.State.waiting.rawValue) RETURNING client
                    """
                ).first()
            else {
                if freed != nil { throw EntryMovedOn() }
                return nil
            }
            try await CapacityStore.take(plan.units, desk: plan.desk, capacity: plan.capacity, on: db)
            try await Holds.insert(id: holdID, plan: plan, tokenHash: nil, now: now, on: db)
            try await db.raw(
                """
                INSERT INTO waitlist_offers (hold_id, desk, product, offered_at)
                VALUES (\(bind: holdID), \(bind: plan.desk), \(bind: entry.product), \(bind: now.millis))
                """
            ).run()
            try await OutboxStore.enqueue(
                .waitlistOffer, appointment: id, revision: 0, start: nil, now: now, settings: outbox,
                secret: offerToken, on: db)
            let client = try written.decode(column: "client", as: String?.self)
            return (try await Self.fetchWaitlist(id: id, on: db)!, client)
        }
        if offered != nil {
            capacityChanges.announce(plan.desk)
            logger.info("waitlist offer made", metadata: ["waitlist": "\(id)", "desk": "\(plan.desk)"])
        }
        return offered
    }
}

import Foundation
import Logging
import LoketDomain
import SQLKit

/// The waitlist: people who want an earlier (or any) slot, the offers made to them when
/// capacity frees up, and accepting, declining or letting an offer lapse. An offer is a hold
/// whose capacity `CapacityStore` takes; accepting it books or moves an appointment through
/// `AppointmentStore` in the same transaction.
public struct WaitlistStore: Sendable {
    let database: Database
    let logger: Logger
    /// Whether and when to write customer messages to the outbox; nil writes none.
    let outbox: OutboxSettings?
    let capacityChanges: CapacityChanges

    public init(database: Database, logger: Logger, outbox: OutboxSettings? = nil, capacityChanges: CapacityChanges) {
        self.database = database
        self.logger = logger
        self.outbox = outbox
        self.capacityChanges = capacityChanges
    }

    /// Adds the entry and puts it in line; refuses a person who already waits for the product
    /// (`alreadyWaiting`) or, unless the entry improves an appointment, already has one
    /// (`alreadyBooked`), both checked by the database in the same transaction.
    public func joinWaitlist(
        _ request: WaitlistRequest, now: Date
    ) async throws -> (entry: WaitlistEntry, token: String) {
        let id = Identifiers.make()
        let token = Identifiers.token()
        let outbox = self.outbox
        let entry = try await database.transaction { db in
            let entry = try await Self.insertEntry(
                request, id: id, tokenHash: Identifiers.hash(token), now: now, on: db)
            // The receipt with the entry's link, which opens in any browser.
            try await OutboxStore.enqueue(
                .waitlistJoined, appointment: id, revision: 0, start: nil, now: now, settings: outbox, secret: token,
                on: db)
            return entry
        }
        logger.info("joined waitlist", metadata: ["waitlist": "\(id)", "product": "\(request.product)"])
        return (entry, token)
    }

    /// Inserts the entry and puts it in line, inside the caller's transaction (a draw puts the
    /// people it did not draw in line this way, with their draw entry's token).
    static func insertEntry(
        _ request: WaitlistRequest, id: String, tokenHash: String, now: Date, on db: any SQLDatabase
    ) async throws -> WaitlistEntry {
        let customer = request.customer
        for vNumber in request.people
        where try await LiveBookings.has(vNumber, product: request.product, now: now, on: db) {
            throw Refusal.alreadyBooked
        }
        // One waiting improvement per appointment: each accepted one is a move, and a stack of
        // them would be a way round the cap on moves.
        if let appointment = request.appointment,
            try await db.raw(
                """
                SELECT id FROM waitlist WHERE appointment_id = \(bind: appointment) AND state IN ('waiting', 'offered')
                """
            ).first() != nil
        {
            throw Refusal(
                .conflict, field: "appointment", code: "already_waiting",
                "This appointment already waits for an earlier time. Change or leave that entry instead.")
        }
        let rank = WaitlistEntry.FairRank(
            priority: request.urgent ? 0 : 1,
            expiresRank: (request.expiresOn ?? WaitlistEntry.FairRank.noExpiry).iso, createdAt: now.millis, id: id)
        try await db.raw(
            """
            INSERT INTO waitlist (id, token_hash, product, persons, desks, from_date, to_date, urgent, expires_on, appointment_id,
                customer_name, customer_email, customer_phone, customer_v_number, language, state, created_at,
                people, partner_id, urgent_reason, urgent_note, priority, expires_rank, client)
            VALUES (\(bind: id), \(bind: tokenHash), \(bind: request.product), \(bind: request.persons),
                \(bind: request.desks.joined(separator: ",")), \(bind: request.from.iso), \(bind: request.to.iso), \(bind: request.urgent ? 1 : 0),
                \(bind: request.expiresOn?.iso), \(bind: request.appointment), \(bind: customer.name), \(bind: customer.email),
                \(bind: customer.phone), \(bind: customer.vNumber), \(bind: customer.language.rawValue),
                'waiting', \(bind: now.millis), \(bind: request.people.joined(separator: ",")), \(bind: request.partner),
                \(bind: request.urgentReason?.reason.rawValue), \(bind: request.urgentReason?.note), \(bind: rank.priority),
                \(bind: rank.expiresRank), \(bind: request.client))
            """
        ).run()
        let entry = try await fetchWaitlist(id: id, on: db)!
        try await WaitlistLine.enter(entry, people: request.waitingPeople, on: db)
        return entry
    }

    /// The entry, if `token` is its own token or the token of its current offer.
    public func waitlistEntry(id: String, token: String?) async throws -> WaitlistEntry {
        try await database.session { db in try await Self.authorisedWaitlist(id: id, token: token, on: db) }
    }

    /// 1 for the first in line for its product, counting the entries ahead in fair order.
    public func position(of entry: WaitlistEntry) async throws -> Int {
        try await database.session { db in try await WaitlistLine.ahead(of: entry, on: db) + 1 }
    }

    /// Slots this entry declined or let lapse.
    public func passedSlots(entry: String) async throws -> Set<String> {
        try await database.session { db in
            Set(
                try await db.raw("SELECT hold_slot FROM waitlist_passed WHERE entry_id = \(bind: entry)").all()
                    .map { try $0.decode(column: "hold_slot", as: String.self) })
        }
    }

    /// Accepts the current offer: books it (or moves the appointment being improved to it, which
    /// frees the old slot) in one transaction.
    /// An improvement counts as one of the appointment's `movesAllowed` moves.
    public func acceptOffer(
        entry id: String, token: String?, movesAllowed: Int, now: Date
    ) async throws -> AcceptedOffer {
        let outbox = self.outbox
        let newID = Identifiers.make()
        let newToken = Identifiers.token()
        let result = try await database.transaction { db -> (AcceptedOffer, [String]) in
            var entry = try await Self.authorisedWaitlist(id: id, token: token, on: db)
            try decided { () throws(EntryError) in try entry.accept(now: now) }
            guard let offer = entry.offer else { throw Refusal.noOffer }
            let (hold, placement) = try await Holds.consume(hold: offer.hold, now: now, on: db)
            var desks = [placement.desk]
            let accepted: AcceptedOffer
            if let existing = entry.appointment,
                let current = try await db.raw(
                    "SELECT * FROM appointments WHERE id = \(bind: existing) AND state = 'confirmed'"
                ).first().map({ try AppointmentRow(decoding: $0).appointment })
            {
                desks.append(current.desk)
                // A move like any other: otherwise improvement entries would be swaps past the cap.
                let moved = try await AppointmentStore.moveAppointment(
                    current, to: hold, at: placement, movesAllowed: movesAllowed, now: now, outbox: outbox, on: db)
                accepted = AcceptedOffer(appointment: moved, manageToken: nil)
            } else if entry.appointment != nil {
                // Its appointment was cancelled: the entry improves nothing, and books nobody (the
                // customer it names was never checked as the appointment's people were).
                throw Refusal(
                    .gone, field: "appointment", code: "appointment_gone",
                    "The appointment this would improve was cancelled; book a new one instead.")
            } else {
                let stored = try await Self.waitlistRow(id: id, on: db)
                let appointment = try await AppointmentStore.insertAppointment(
                    id: newID, holdID: offer.hold, at: placement,
                    customer: stored.customer, people: stored.claimedPeople,
                    tokenHash: Identifiers.hash(newToken), now: now, outbox: outbox, on: db)
                accepted = AcceptedOffer(appointment: appointment, manageToken: newToken)
            }
            try await db.raw(
                """
                UPDATE waitlist SET state = \(bind: entry.state.rawValue), booked_appointment_id = \(bind: accepted.appointment.id),
                    offer_token_hash = NULL
                WHERE id = \(bind: id)
                """
            ).run()
            try await db.raw(
                "UPDATE waitlist_offers SET accepted_at = \(bind: now.millis) WHERE hold_id = \(bind: offer.hold)"
            ).run()
            try await WaitlistLine.leave(entry: id, on: db)
            return (accepted, desks)
        }
        for desk in result.1 { capacityChanges.announce(desk) }
        logger.info("waitlist offer accepted", metadata: ["waitlist": "\(id)"])
        return result.0
    }

    /// Declines the current offer: its capacity goes back at once, the slot is not offered to
    /// this entry again, and the entry waits on.
    public func declineOffer(entry id: String, token: String?, now: Date) async throws -> WaitlistEntry {
        let (entry, desk) = try await database.transaction { db -> (WaitlistEntry, String?) in
            let read = try await Self.authorisedWaitlist(id: id, token: token, on: db)
            var entry = read
            let offer = try decided { () throws(EntryError) in try entry.decline() }
            let desk = try await Self.endOffer(offer, of: entry, readIn: read, now: now, on: db)
            return (try await Self.fetchWaitlist(id: id, on: db)!, desk)
        }
        if let desk { capacityChanges.announce(desk) }
        return entry
    }

    /// Offers whose time ran out go back to the pool; the entries wait on. Returns how many.
    @discardableResult
    public func lapseOffers(now: Date) async throws -> Int {
        let due = try await database.session { db in
            try await db.raw(
                "SELECT id FROM waitlist WHERE state = 'offered' AND offer_expires_at <= \(bind: now.millis)"
            ).all().map { try $0.decode(column: "id", as: String.self) }
        }
        for id in due {
            let desk = try await database.transaction { db -> String? in
                guard let read = try await Self.fetchWaitlist(id: id, on: db) else { return nil }
                var entry = read
                // Accepted, declined or left meanwhile: nothing to lapse.
                guard let offer = try? entry.lapse(now: now) else { return nil }
                return try await Self.endOffer(offer, of: entry, readIn: read, now: now, on: db)
            }
            if let desk { capacityChanges.announce(desk) }
        }
        return due.count
    }

    /// Leaves the waitlist; an open offer is given back. Leaving twice is nothing to do; an entry
    /// that was booked has nothing to leave (the appointment is cancelled on its own).
    public func leaveWaitlist(id: String, token: String?, now: Date) async throws {
        let desk = try await database.transaction { db -> String? in
            try await Self.leave(try await Self.authorisedWaitlist(id: id, token: token, on: db), now: now, on: db)
        }
        if let desk { capacityChanges.announce(desk) }
    }

    /// The entry in which `vNumber` waits for `product` ends (the case system withdrew their
    /// invitation): an open offer goes to the next in line. False when they wait in none.
    public func leaveWaitlist(person vNumber: String, product: String, now: Date) async throws -> Bool {
        let (left, desk) = try await database.transaction { db -> (Bool, String?) in
            guard
                let row = try await db.raw(
                    """
                    SELECT entry_id FROM waiting_people WHERE product = \(bind: product) AND v_number = \(bind: vNumber)
                    """
                ).first(),
                let read = try await Self.fetchWaitlist(id: try row.decode(column: "entry_id", as: String.self), on: db)
            else { return (false, nil) }
            return (true, try await Self.leave(read, now: now, on: db))
        }
        if let desk { capacityChanges.announce(desk) }
        return left
    }

    /// The people who wait on their own behalf (not entered by a partner, not improving an
    /// appointment) for one of `products` without an open invitation to it on `today`: theirs
    /// lapsed or was withdrawn, or they joined before the product needed one.
    public func waitingUninvited(
        products: [String], today: LocalDate
    ) async throws
        -> [(vNumber: String, product: String)]
    {
        guard !products.isEmpty else { return [] }
        return try await database.read { db in
            try await db.raw(
                """
                SELECT p.v_number, p.product FROM waiting_people p JOIN waitlist w ON w.id = p.entry_id
                WHERE p.product IN (\(SQLList(products.map { SQLBind($0) }))) AND w.partner_id IS NULL
                    AND w.appointment_id IS NULL AND NOT EXISTS (
                        SELECT 1 FROM invitations i WHERE i.v_number = p.v_number AND i.product = p.product
                            AND i.withdrawn_at IS NULL AND i.purged_at IS NULL AND i.valid_until >= \(bind: today.iso))
                """
            ).all().map {
                (try $0.decode(column: "v_number", as: String.self), try $0.decode(column: "product", as: String.self))
            }
        }
    }

    /// Ends the entry as read, inside the caller's transaction; the desk of an offer it gave back.
    private static func leave(_ read: WaitlistEntry, now: Date, on db: any SQLDatabase) async throws -> String? {
        var entry = read
        let ended: WaitlistEntry.Offer?
        do throws(EntryError) {
            ended = try entry.leave()
        } catch {
            guard error.code == "already_left" else { throw error.asRefusal }
            return nil
        }
        try await WaitlistLine.leave(entry: read.id, on: db)
        if let ended { return try await Self.endOffer(ended, of: entry, readIn: read, now: now, on: db) }
        guard
            try await db.raw(
                """
                UPDATE waitlist SET state = \(bind: entry.state.rawValue), offer_token_hash = NULL
                WHERE id = \(bind: read.id) AND state = \(bind: read.state.rawValue) RETURNING id
                """
            ).first() != nil
        else { throw Refusal.waitlistChangedMeanwhile }
        return nil
    }

    typealias EntryError = TransitionError<WaitlistEntry.State, WaitlistEntry.Event>

    /// Ends `offer` inside a transaction, writing the state the entry's lifecycle decided (waiting
    /// again, left or expired) on condition that it still holds that offer: releases its hold (for
    /// the next in line first) and remembers the slot as passed. Returns the hold's desk.
    static func endOffer(
        _ offer: WaitlistEntry.Offer, of entry: WaitlistEntry, readIn read: WaitlistEntry, now: Date,
        on db: any SQLDatabase
    ) async throws -> String? {
        guard
            try await db.raw(
                """
                UPDATE waitlist SET state = \(bind: entry.state.rawValue), offer_hold_id = NULL, offer_expires_at = NULL,
                    offer_token_hash = NULL
                WHERE id = \(bind: entry.id) AND state = \(bind: read.state.rawValue) AND offer_hold_id = \(bind: offer.hold) RETURNING id
                """
            ).first() != nil
        else { return nil }
        try await db.raw(
            """
            INSERT INTO waitlist_passed (entry_id, hold_slot) VALUES (\(bind: entry.id), \(bind: "\(offer.desk)/\(offer.slot)"))
            ON CONFLICT (entry_id, hold_slot) DO NOTHING
            """
        ).run()
        // The next in line may want it: the matcher offers it on.
        return try await Holds.release(hold: offer.hold, toWaitlist: true, now: now, on: db)
    }

    /// The entry's row: the customer details and people it was given, as validated when it joined.
    static func waitlistRow(id: String, on db: any SQLDatabase) async throws -> WaitlistRow {
        try WaitlistRow(decoding: try await db.raw("SELECT * FROM waitlist WHERE id = \(bind: id)").first()!)
    }

    static func authorisedWaitlist(id: String, token: String?, on db: any SQLDatabase) async throws -> WaitlistEntry {
        guard let token, !token.isEmpty else {
            throw Refusal(
                .unauthorized, field: "Authorization", code: "missing_token",
                "Send the waitlist token as Authorization: Bearer <token>.")
        }
        guard let row = try await db.raw("\(unsafeRaw: waitlistSelect) WHERE w.id = \(bind: id)").first() else {
            throw Refusal(.notFound, field: "id", code: "unknown_waitlist", "There is no such waitlist entry.")
        }
        let stored = try WaitlistRow(decoding: row)
        let digest = Identifiers.hash(token)
        guard digest == stored.tokenHash || digest == stored.offerTokenHash else {
            throw Refusal(
                .unauthorized, field: "Authorization", code: "wrong_token",
                "This token does not open this waitlist entry.")
        }
        return stored.entry
    }

    /// Waitlist rows with the slot of their current offer, if any.
    static let waitlistSelect = """
        SELECT w.*, h.desk AS offer_desk, h.pool AS offer_pool, h.date AS offer_date, h.start_minute AS offer_start, h.end_minute AS offer_end
        FROM waitlist w LEFT JOIN holds h ON h.id = w.offer_hold_id
        """

    static func fetchWaitlist(id: String, on db: any SQLDatabase) async throws -> WaitlistEntry? {
        try await db.raw("\(unsafeRaw: waitlistSelect) WHERE w.id = \(bind: id)").first().map {
            try WaitlistRow(decoding: $0).entry
        }
    }
}

extension Refusal {
    static let noOffer = Refusal(.conflict, field: "offer", code: "no_offer", "There is no offer to accept.")
    /// A waitlist entry another request changed between reading and writing it.
    static let waitlistChangedMeanwhile = Refusal(
        .conflict, field: "id", code: "changed", "This waitlist entry changed meanwhile; load it again.")
}

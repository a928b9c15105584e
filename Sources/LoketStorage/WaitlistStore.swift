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

    public func joinWaitlist(
        _ request: WaitlistRequest, now: Date
    ) async throws -> (entry: WaitlistEntry, token: String) {
        let id = Identifiers.make()
        let token = Identifiers.token()
        let customer = request.customer
        let entry = try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO waitlist (id, token_hash, product, persons, desks, from_date, to_date, urgent, expires_on, appointment_id,
                    customer_name, customer_email, customer_phone, customer_v_number, customer_bsn, language, state, created_at)
                VALUES (\(bind: id), \(bind: Identifiers.hash(token)), \(bind: request.product), \(bind: request.persons),
                    \(bind: request.desks.joined(separator: ",")), \(bind: request.from.iso), \(bind: request.to.iso), \(bind: request.urgent ? 1 : 0),
                    \(bind: request.expiresOn?.iso), \(bind: request.appointment), \(bind: customer.name), \(bind: customer.email),
                    \(bind: customer.phone), \(bind: customer.vNumber), \(bind: customer.bsn), \(bind: customer.language.rawValue),
                    'waiting', \(bind: now.millis))
                """
            ).run()
            return try await Self.fetchWaitlist(id: id, on: db)!
        }
        logger.info("joined waitlist", metadata: ["waitlist": "\(id)", "product": "\(request.product)"])
        return (entry, token)
    }

    /// The entry, if `token` is its own token or the token of its current offer.
    public func waitlistEntry(id: String, token: String?) async throws -> WaitlistEntry {
        try await database.session { db in try await Self.authorisedWaitlist(id: id, token: token, on: db) }
    }

    /// Everyone still waiting or holding an offer, in no particular order.
    public func activeWaitlist() async throws -> [WaitlistEntry] {
        try await database.session { db in
            try await db.raw("\(unsafeRaw: Self.waitlistSelect) WHERE w.state IN ('waiting', 'offered')").all().map {
                try WaitlistRow(decoding: $0).entry
            }
        }
    }

    /// Slots this entry declined or let lapse.
    public func passedSlots(entry: String) async throws -> Set<String> {
        try await database.session { db in
            Set(
                try await db.raw("SELECT hold_slot FROM waitlist_passed WHERE entry_id = \(bind: entry)").all()
                    .map { try $0.decode(column: "hold_slot", as: String.self) })
        }
    }

    /// Offers `plan` to a waiting entry: takes the capacity as a hold that lasts as long as the
    /// offer, and writes the offer email, in one transaction. Returns nil when the entry is no
    /// longer waiting.
    public func makeOffer(entry id: String, plan: HoldPlan, now: Date) async throws -> WaitlistEntry? {
        let holdID = Identifiers.make()
        let offerToken = Identifiers.token()
        let outbox = self.outbox
        let offered = try await database.transaction { db -> WaitlistEntry? in
            guard
                try await db.raw(
                    """
                    UPDATE waitlist SET state = 'offered', offer_hold_id = \(bind: holdID), offer_expires_at = \(bind: plan.expiresAt.millis),
                        offer_token_hash = \(bind: Identifiers.hash(offerToken))
                    WHERE id = \(bind: id) AND state = 'waiting' RETURNING id
                    """
                ).first() != nil
            else { return nil }
            try await CapacityStore.take(plan.units, desk: plan.desk, capacity: plan.capacity, on: db)
            try await AppointmentStore.insertHold(id: holdID, plan: plan, now: now, on: db)
            try await OutboxStore.enqueue(
                .waitlistOffer, appointment: id, revision: 0, start: nil, now: now, settings: outbox,
                secret: offerToken, on: db)
            return try await Self.fetchWaitlist(id: id, on: db)
        }
        if offered != nil {
            capacityChanges.announce(plan.desk)
            logger.info("waitlist offer made", metadata: ["waitlist": "\(id)", "desk": "\(plan.desk)"])
        }
        return offered
    }

    /// Accepts the current offer: books it (or moves the appointment being improved to it, which
    /// frees the old slot) in one transaction.
    public func acceptOffer(entry id: String, token: String?, now: Date) async throws -> AcceptedOffer {
        let outbox = self.outbox
        let newID = Identifiers.make()
        let newToken = Identifiers.token()
        let result = try await database.transaction { db -> (AcceptedOffer, [String]) in
            let entry = try await Self.authorisedWaitlist(id: id, token: token, on: db)
            guard entry.state == .offered, let offer = entry.offer else {
                throw BookingError(.conflict, field: "offer", code: "no_offer", "There is no offer to accept.")
            }
            let placement = try await AppointmentStore.consume(hold: offer.hold, now: now, on: db)
            var desks = [placement.desk]
            let accepted: AcceptedOffer
            if let existing = entry.appointment,
                let current = try await db.raw(
                    """
                    SELECT desk FROM appointments WHERE id = \(bind: existing) AND state = 'confirmed'
                    """
                ).first()
            {
                desks.append(try current.decode(column: "desk", as: String.self))
                let moved = try await AppointmentStore.moveAppointment(
                    id: existing, toHold: offer.hold, at: placement, now: now,
                    outbox: outbox, on: db)
                accepted = AcceptedOffer(appointment: moved, manageToken: nil)
            } else {
                let appointment = try await AppointmentStore.insertAppointment(
                    id: newID, holdID: offer.hold, at: placement,
                    customer: try await Self.waitlistCustomer(id: id, on: db),
                    tokenHash: Identifiers.hash(newToken), now: now, outbox: outbox, on: db)
                accepted = AcceptedOffer(appointment: appointment, manageToken: newToken)
            }
            try await db.raw(
                """
                UPDATE waitlist SET state = 'booked', booked_appointment_id = \(bind: accepted.appointment.id), offer_token_hash = NULL
                WHERE id = \(bind: id)
                """
            ).run()
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
            let entry = try await Self.authorisedWaitlist(id: id, token: token, on: db)
            guard entry.state == .offered, let offer = entry.offer else {
                throw BookingError(.conflict, field: "offer", code: "no_offer", "There is no offer to decline.")
            }
            let desk = try await Self.endOffer(
                entry: id, hold: offer.hold, slot: "\(offer.desk)/\(offer.slot)", now: now, on: db)
            return (try await Self.fetchWaitlist(id: id, on: db)!, desk)
        }
        if let desk { capacityChanges.announce(desk) }
        return entry
    }

    /// Offers whose time ran out go back to the pool; the entries wait on. Returns how many.
    @discardableResult
    public func lapseOffers(now: Date) async throws -> Int {
        let lapsed = try await database.session { db in
            try await db.raw(
                "\(unsafeRaw: Self.waitlistSelect) WHERE w.state = 'offered' AND w.offer_expires_at <= \(bind: now.millis)"
            ).all()
                .map { try WaitlistRow(decoding: $0).entry }
        }
        for entry in lapsed {
            guard let offer = entry.offer else { continue }
            let desk = try await database.transaction { db in
                try await Self.endOffer(
                    entry: entry.id, hold: offer.hold, slot: "\(offer.desk)/\(offer.slot)", now: now, on: db)
            }
            if let desk { capacityChanges.announce(desk) }
        }
        return lapsed.count
    }

    /// Leaves the waitlist; an open offer is given back.
    public func leaveWaitlist(id: String, token: String?, now: Date) async throws {
        let desk = try await database.transaction { db -> String? in
            let entry = try await Self.authorisedWaitlist(id: id, token: token, on: db)
            var desk: String?
            if entry.state == .offered, let offer = entry.offer {
                desk = try await Self.endOffer(
                    entry: id, hold: offer.hold, slot: "\(offer.desk)/\(offer.slot)", now: now, on: db)
            }
            try await db.raw("UPDATE waitlist SET state = 'left', offer_token_hash = NULL WHERE id = \(bind: id)").run()
            return desk
        }
        if let desk { capacityChanges.announce(desk) }
    }

    /// Ends an offer inside a transaction: releases its hold, remembers the slot as passed, and
    /// puts the entry back to waiting. Returns the desk whose capacity came back.
    static func endOffer(
        entry id: String, hold: String, slot: String, now: Date, on db: any SQLDatabase
    ) async throws -> String? {
        guard
            try await db.raw(
                """
                UPDATE waitlist SET state = 'waiting', offer_hold_id = NULL, offer_expires_at = NULL, offer_token_hash = NULL
                WHERE id = \(bind: id) AND state = 'offered' AND offer_hold_id = \(bind: hold) RETURNING id
                """
            ).first() != nil
        else { return nil }
        try await db.raw(
            """
            INSERT INTO waitlist_passed (entry_id, hold_slot) VALUES (\(bind: id), \(bind: slot)) ON CONFLICT (entry_id, hold_slot) DO NOTHING
            """
        ).run()
        guard
            let row = try await db.raw(
                """
                UPDATE holds SET state = 'expired' WHERE id = \(bind: hold) AND state = 'active'
                RETURNING desk, pool, date, start_minute, end_minute, parts
                """
            ).first()
        else { return nil }
        return try await CapacityStore.release(row: row, on: db)
    }

    /// The customer details a waitlist entry was given, as validated when it joined.
    static func waitlistCustomer(id: String, on db: any SQLDatabase) async throws -> Customer {
        let row = try await db.raw("SELECT * FROM waitlist WHERE id = \(bind: id)").first()!
        return try WaitlistRow(decoding: row).customer
    }

    static func authorisedWaitlist(id: String, token: String?, on db: any SQLDatabase) async throws -> WaitlistEntry {
        guard let token, !token.isEmpty else {
            throw BookingError(
                .unauthorized, field: "Authorization", code: "missing_token",
                "Send the waitlist token as Authorization: Bearer <token>.")
        }
        guard let row = try await db.raw("\(unsafeRaw: waitlistSelect) WHERE w.id = \(bind: id)").first() else {
            throw BookingError(.notFound, field: "id", code: "unknown_waitlist", "There is no such waitlist entry.")
        }
        let stored = try WaitlistRow(decoding: row)
        let digest = Identifiers.hash(token)
        guard digest == stored.tokenHash || digest == stored.offerTokenHash else {
            throw BookingError(
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

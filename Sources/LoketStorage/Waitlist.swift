import Foundation
import LoketDomain
import SQLKit

extension BookingStore {
    public func joinWaitlist(_ request: WaitlistRequest, now: Date) async throws -> (entry: WaitlistEntry, token: String) {
        let id = Self.newIdentifier(), token = Self.newToken()
        let customer = request.customer
        let entry = try await database.transaction { db in
            try await db.raw("""
                INSERT INTO waitlist (id, token_hash, product, persons, desks, from_date, to_date, urgent, expires_on, appointment_id,
                    customer_name, customer_email, customer_phone, customer_v_number, customer_bsn, language, state, created_at)
                VALUES (\(bind: id), \(bind: Self.hash(token)), \(bind: request.product), \(bind: request.persons),
                    \(bind: request.desks.joined(separator: ",")), \(bind: request.from.iso), \(bind: request.to.iso), \(bind: request.urgent ? 1 : 0),
                    \(bind: request.expiresOn?.iso), \(bind: request.appointment), \(bind: customer.name), \(bind: customer.email),
                    \(bind: customer.phone), \(bind: customer.vNumber), \(bind: customer.bsn), \(bind: customer.language.rawValue),
                    'waiting', \(bind: now.millis))
                """).run()
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
            try await db.raw("\(unsafeRaw: Self.waitlistSelect) WHERE w.state IN ('waiting', 'offered')").all().map(Self.decodeWaitlist)
        }
    }

    /// Slots this entry declined or let lapse.
    public func passedSlots(entry: String) async throws -> Set<String> {
        try await database.session { db in
            Set(try await db.raw("SELECT hold_slot FROM waitlist_passed WHERE entry_id = \(bind: entry)").all()
                .map { try $0.decode(column: "hold_slot", as: String.self) })
        }
    }

    /// Offers `plan` to a waiting entry: takes the capacity as a hold that lasts as long as the
    /// offer, and writes the offer email, in one transaction. Returns nil when the entry is no
    /// longer waiting.
    public func makeOffer(entry id: String, plan: HoldPlan, now: Date) async throws -> WaitlistEntry? {
        let holdID = Self.newIdentifier(), offerToken = Self.newToken()
        let outbox = self.outbox
        let offered = try await database.transaction { db -> WaitlistEntry? in
            guard try await db.raw("""
                UPDATE waitlist SET state = 'offered', offer_hold_id = \(bind: holdID), offer_expires_at = \(bind: plan.expiresAt.millis),
                    offer_token_hash = \(bind: Self.hash(offerToken))
                WHERE id = \(bind: id) AND state = 'waiting' RETURNING id
                """).first() != nil else { return nil }
            try await Self.take(plan.units, desk: plan.desk, capacity: plan.capacity, on: db)
            try await Self.insertHold(id: holdID, plan: plan, now: now, on: db)
            try await Self.enqueue(.waitlistOffer, appointment: id, revision: 0, start: nil, now: now, settings: outbox, secret: offerToken, on: db)
            return try await Self.fetchWaitlist(id: id, on: db)
        }
        if offered != nil {
            changed(plan.desk)
            logger.info("waitlist offer made", metadata: ["waitlist": "\(id)", "desk": "\(plan.desk)"])
        }
        return offered
    }

    /// Accepts the current offer: books it (or moves the appointment being improved to it, which
    /// frees the old slot) in one transaction.
    public func acceptOffer(entry id: String, token: String?, now: Date) async throws -> AcceptedOffer {
        let outbox = self.outbox
        let newID = Self.newIdentifier(), newToken = Self.newToken()
        let result = try await database.transaction { db -> (AcceptedOffer, [String]) in
            let entry = try await Self.authorisedWaitlist(id: id, token: token, on: db)
            guard entry.state == .offered, let offer = entry.offer else {
                throw BookingError(.conflict, field: "offer", code: "no_offer", "There is no offer to accept.")
            }
            let placement = try await Self.consume(hold: offer.hold, now: now, on: db)
            var desks = [placement.desk]
            let accepted: AcceptedOffer
            if let existing = entry.appointment, let current = try await db.raw("""
                SELECT desk FROM appointments WHERE id = \(bind: existing) AND state = 'confirmed'
                """).first() {
                desks.append(try current.decode(column: "desk", as: String.self))
                let moved = try await Self.moveAppointment(id: existing, toHold: offer.hold, at: placement, now: now, outbox: outbox, on: db)
                accepted = AcceptedOffer(appointment: moved, manageToken: nil)
            } else {
                let appointment = try await Self.insertAppointment(id: newID, holdID: offer.hold, at: placement,
                                                                   customer: try await Self.waitlistCustomer(id: id, on: db),
                                                                   tokenHash: Self.hash(newToken), now: now, outbox: outbox, on: db)
                accepted = AcceptedOffer(appointment: appointment, manageToken: newToken)
            }
            try await db.raw("""
                UPDATE waitlist SET state = 'booked', booked_appointment_id = \(bind: accepted.appointment.id), offer_token_hash = NULL
                WHERE id = \(bind: id)
                """).run()
            return (accepted, desks)
        }
        for desk in result.1 { changed(desk) }
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
            let desk = try await Self.endOffer(entry: id, hold: offer.hold, slot: "\(offer.desk)/\(offer.slot)", now: now, on: db)
            return (try await Self.fetchWaitlist(id: id, on: db)!, desk)
        }
        if let desk { changed(desk) }
        return entry
    }

    /// Offers whose time ran out go back to the pool; the entries wait on. Returns how many.
    @discardableResult
    public func lapseOffers(now: Date) async throws -> Int {
        let lapsed = try await database.session { db in
            try await db.raw("\(unsafeRaw: Self.waitlistSelect) WHERE w.state = 'offered' AND w.offer_expires_at <= \(bind: now.millis)").all()
                .map(Self.decodeWaitlist)
        }
        for entry in lapsed {
            guard let offer = entry.offer else { continue }
            let desk = try await database.transaction { db in
                try await Self.endOffer(entry: entry.id, hold: offer.hold, slot: "\(offer.desk)/\(offer.slot)", now: now, on: db)
            }
            if let desk { changed(desk) }
        }
        return lapsed.count
    }

    /// Leaves the waitlist; an open offer is given back.
    public func leaveWaitlist(id: String, token: String?, now: Date) async throws {
        let desk = try await database.transaction { db -> String? in
            let entry = try await Self.authorisedWaitlist(id: id, token: token, on: db)
            var desk: String?
            if entry.state == .offered, let offer = entry.offer {
                desk = try await Self.endOffer(entry: id, hold: offer.hold, slot: "\(offer.desk)/\(offer.slot)", now: now, on: db)
            }
            try await db.raw("UPDATE waitlist SET state = 'left', offer_token_hash = NULL WHERE id = \(bind: id)").run()
            return desk
        }
        if let desk { changed(desk) }
    }

    /// Ends an offer inside a transaction: releases its hold, remembers the slot as passed, and
    /// puts the entry back to waiting. Returns the desk whose capacity came back.
    static func endOffer(entry id: String, hold: String, slot: String, now: Date, on db: any SQLDatabase) async throws -> String? {
        guard try await db.raw("""
            UPDATE waitlist SET state = 'waiting', offer_hold_id = NULL, offer_expires_at = NULL, offer_token_hash = NULL
            WHERE id = \(bind: id) AND state = 'offered' AND offer_hold_id = \(bind: hold) RETURNING id
            """).first() != nil else { return nil }
        try await db.raw("""
            INSERT INTO waitlist_passed (entry_id, hold_slot) VALUES (\(bind: id), \(bind: slot)) ON CONFLICT (entry_id, hold_slot) DO NOTHING
            """).run()
        guard let row = try await db.raw("""
            UPDATE holds SET state = 'expired' WHERE id = \(bind: hold) AND state = 'active'
            RETURNING desk, pool, date, start_minute, end_minute, parts
            """).first() else { return nil }
        try await release(row: row, on: db)
        return try row.decode(column: "desk", as: String.self)
    }

    /// The offer email's recipient and the offer, if the entry still holds that offer.
    public func waitlistOfferRecipient(entry id: String) async throws -> (entry: WaitlistEntry, email: String)? {
        try await database.session { db in
            guard let row = try await db.raw("\(unsafeRaw: Self.waitlistSelect) WHERE w.id = \(bind: id)").first() else { return nil }
            return (try Self.decodeWaitlist(row), try row.decode(column: "customer_email", as: String.self))
        }
    }

    /// The customer details a waitlist entry was given, as validated when it joined.
    static func waitlistCustomer(id: String, on db: any SQLDatabase) async throws -> Customer {
        let row = try await db.raw("SELECT * FROM waitlist WHERE id = \(bind: id)").first()!
        return Customer(name: try row.decode(column: "customer_name", as: String.self), email: try row.decode(column: "customer_email", as: String.self),
                        phone: try row.decode(column: "customer_phone", as: String?.self),
                        vNumber: try row.decode(column: "customer_v_number", as: String?.self),
                        bsn: try row.decode(column: "customer_bsn", as: String?.self),
                        language: Customer.Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .en)
    }

    static func authorisedWaitlist(id: String, token: String?, on db: any SQLDatabase) async throws -> WaitlistEntry {
        guard let token, !token.isEmpty else {
            throw BookingError(.unauthorized, field: "Authorization", code: "missing_token", "Send the waitlist token as Authorization: Bearer <token>.")
        }
        guard let row = try await db.raw("\(unsafeRaw: waitlistSelect) WHERE w.id = \(bind: id)").first() else {
            throw BookingError(.notFound, field: "id", code: "unknown_waitlist", "There is no such waitlist entry.")
        }
        let digest = hash(token)
        let own = try row.decode(column: "token_hash", as: String.self), offer = try row.decode(column: "offer_token_hash", as: String?.self)
        guard digest == own || digest == offer else {
            throw BookingError(.unauthorized, field: "Authorization", code: "wrong_token", "This token does not open this waitlist entry.")
        }
        return try decodeWaitlist(row)
    }

    /// Waitlist rows with the slot of their current offer, if any.
    static let waitlistSelect = """
        SELECT w.*, h.desk AS offer_desk, h.pool AS offer_pool, h.date AS offer_date, h.start_minute AS offer_start, h.end_minute AS offer_end
        FROM waitlist w LEFT JOIN holds h ON h.id = w.offer_hold_id
        """

    static func fetchWaitlist(id: String, on db: any SQLDatabase) async throws -> WaitlistEntry? {
        try await db.raw("\(unsafeRaw: waitlistSelect) WHERE w.id = \(bind: id)").first().map(decodeWaitlist)
    }

    static func decodeWaitlist(_ row: any SQLRow) throws -> WaitlistEntry {
        var offer: WaitlistEntry.Offer?
        if let hold = try row.decode(column: "offer_hold_id", as: String?.self), let expires = try row.decode(column: "offer_expires_at", as: Int?.self),
           let desk = try row.decode(column: "offer_desk", as: String?.self), let pool = try row.decode(column: "offer_pool", as: String?.self),
           let dateText = try row.decode(column: "offer_date", as: String?.self), let date = LocalDate(iso: dateText),
           let start = try row.decode(column: "offer_start", as: Int?.self), let end = try row.decode(column: "offer_end", as: Int?.self) {
            let startTime = LocalTime(minutes: start)
            offer = WaitlistEntry.Offer(hold: hold, desk: desk, slot: SlotKey(date: date, start: startTime, pool: pool).description, date: date,
                                        startTime: startTime, endTime: LocalTime(minutes: end), expiresAt: Date(millis: expires))
        }
        return WaitlistEntry(
            id: try row.decode(column: "id", as: String.self), product: try row.decode(column: "product", as: String.self),
            persons: try row.decode(column: "persons", as: Int.self),
            desks: try row.decode(column: "desks", as: String.self).split(separator: ",").map(String.init),
            from: LocalDate(iso: try row.decode(column: "from_date", as: String.self))!, to: LocalDate(iso: try row.decode(column: "to_date", as: String.self))!,
            urgent: try row.decode(column: "urgent", as: Int.self) != 0,
            expiresOn: try row.decode(column: "expires_on", as: String?.self).flatMap { LocalDate(iso: $0) },
            appointment: try row.decode(column: "appointment_id", as: String?.self),
            language: Customer.Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .en,
            createdAt: Date(millis: try row.decode(column: "created_at", as: Int.self)),
            state: WaitlistEntry.State(rawValue: try row.decode(column: "state", as: String.self)) ?? .left, offer: offer)
    }
}

extension BookingStore {
    /// The appointment a waitlist entry improves on, without its token (the entry was authorised
    /// for it when it joined).
    public func appointmentForWaitlist(id: String) async throws -> Appointment? {
        try await database.session { db in
            try await db.raw("SELECT * FROM appointments WHERE id = \(bind: id)").first().map(Self.decodeAppointment)
        }
    }
}

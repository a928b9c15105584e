import Foundation
import Logging
import LoketDomain
import SQLKit

/// A draw's entries: entering, reading them, and placing each once the draw is done.
extension DrawStore {
    /// Enters the draw while its window is open. Refuses a person who is already in it
    /// (`already_entered`) or already has a live appointment for the product (`already_booked`:
    /// move that one instead), both checked by the database in the same transaction.
    public func enter(draw id: String, _ request: EntryRequest, now: Date) async throws -> (DrawEntry, String) {
        let entryID = Identifiers.make()
        let token = Identifiers.token()
        let customer = request.customer
        let outbox = self.outbox
        let entry = try await database.transaction { db -> DrawEntry in
            guard
                let draw = try await db.raw("SELECT * FROM draws WHERE id = \(bind: id)").first()
                    .map({ try DrawRow(decoding: $0).draw })
            else { throw Refusal.unknownDraw(id) }
            try decided { () throws(TransitionError<Draw.State, Draw.Event>) in try draw.admitsEntry(at: now) }
            for vNumber in request.people {
                guard try await !LiveBookings.has(vNumber, product: draw.product, now: now, on: db) else {
                    throw Refusal.alreadyBooked
                }
                guard
                    try await db.raw(
                        """
                        INSERT INTO draw_people (draw_id, v_number, entry_id) VALUES (\(bind: id), \(bind: vNumber), \(bind: entryID))
                        ON CONFLICT (draw_id, v_number) DO NOTHING RETURNING v_number
                        """
                    ).first() != nil
                else { throw Refusal.alreadyEntered }
            }
            let companions =
                customer.companions.isEmpty
                ? nil : String(decoding: try JSONEncoder().encode(customer.companions), as: UTF8.self)
            try await db.raw(
                """
                INSERT INTO draw_entries (id, draw_id, token_hash, persons, desks, days, customer_name, customer_email,
                    customer_phone, customer_v_number, language, companions, people, status, created_at)
                VALUES (\(bind: entryID), \(bind: id), \(bind: Identifiers.hash(token)), \(bind: request.persons),
                    \(bind: request.desks.joined(separator: ",")), \(bind: Self.list(request.days)), \(bind: customer.name),
                    \(bind: customer.email), \(bind: customer.phone), \(bind: customer.vNumber),
                    \(bind: customer.language.rawValue), \(bind: companions), \(bind: request.people.joined(separator: ",")),
                    'entered', \(bind: now.millis))
                """
            ).run()
            // The receipt with the entry's link, which opens in any browser.
            try await OutboxStore.enqueue(
                .drawEntered, appointment: entryID, revision: 0, start: nil, now: now, settings: outbox, secret: token,
                on: db)
            return DrawEntry(
                id: entryID, draw: id, persons: request.persons, desks: request.desks, days: request.days,
                createdAt: now, status: .entered, appointment: nil, waitlistEntry: nil)
        }
        logger.info("draw entered", metadata: ["draw": "\(id)", "entry": "\(entryID)"])
        return (entry, token)
    }

    /// The entry, if `token` is its own.
    public func entry(draw: String, id: String, token: String?) async throws -> DrawEntry {
        try await database.session { db in
            guard
                let row = try await db.raw(
                    "SELECT * FROM draw_entries WHERE id = \(bind: id) AND draw_id = \(bind: draw)"
                ).first()
            else {
                throw Refusal.unknownDrawEntry(id)
            }
            let stored = try EntryRow(decoding: row)
            guard let token, !token.isEmpty else {
                throw Refusal.drawEntryTokenMissing
            }
            guard Identifiers.hash(token) == stored.tokenHash else {
                throw Refusal.wrongDrawEntryToken
            }
            return stored.entry
        }
    }

    /// Every entry of the draw, with the slot each drawn one got.
    public func entries(draw id: String) async throws -> [StoredEntry] {
        try await database.session { db in
            try await db.raw(
                """
                SELECT e.*, a.pool AS slot_pool, a.date AS slot_date, a.start_minute AS slot_start
                FROM draw_entries e LEFT JOIN appointments a ON a.id = e.appointment_id
                WHERE e.draw_id = \(bind: id) ORDER BY e.id
                """
            ).all().map { row in
                let stored = try EntryRow(decoding: row)
                let slot = try row.decode(model: SlotColumns.self, keyDecodingStrategy: .convertFromSnakeCase)
                return StoredEntry(
                    entry: stored.entry, customer: stored.customer, people: stored.claimedPeople,
                    tokenHash: stored.tokenHash,
                    slot: slot.slotPool.flatMap { pool in
                        slot.slotDate.flatMap(LocalDate.init(iso:)).map {
                            SlotKey(date: $0, start: LocalTime(minutes: slot.slotStart ?? 0), pool: pool)
                        }
                    })
            }
        }
    }

    /// Books `plan` for a drawn entry, all or nothing: capacity, hold, appointment (with its
    /// confirmation email and manage link), and the entry's new status. Throws `slot_full` when
    /// the capacity went meanwhile and `already_booked` when a person booked elsewhere.
    public func placeDrawn(_ stored: StoredEntry, plan: HoldPlan, now: Date) async throws -> Appointment {
        let holdID = Identifiers.make()
        let appointmentID = Identifiers.make()
        let outbox = self.outbox
        let appointment = try await database.transaction { db -> Appointment in
            var entry = stored.entry
            try decided { () throws(TransitionError<DrawEntry.Status, DrawEntry.Event>) in
                try entry.drawn(appointment: appointmentID)
            }
            try await CapacityStore.take(plan.units, desk: plan.desk, capacity: plan.capacity, on: db)
            try await Holds.insert(id: holdID, plan: plan, tokenHash: nil, now: now, on: db)
            let (_, placement) = try await Holds.consume(hold: holdID, now: now, on: db)
            // The customer manages it with the signed link in the confirmation email.
            let appointment = try await AppointmentStore.insertAppointment(
                id: appointmentID, holdID: holdID, at: placement, customer: stored.customer, people: stored.people,
                tokenHash: Identifiers.hash(Identifiers.token()), now: now, outbox: outbox, on: db)
            try await Self.decide(entry, on: db)
            return appointment
        }
        capacityChanges.announce(plan.desk)
        return appointment
    }

    /// Decides an entry that got no place: it joins the waitlist (`waitlist`, with the entry's
    /// own token, and an email saying so) unless `waitlist` is nil or a person already waits or
    /// has an appointment.
    public func placeNotDrawn(_ stored: StoredEntry, waitlist: WaitlistRequest?, now: Date) async throws -> DrawEntry {
        try await database.transaction { db -> DrawEntry in
            var entry = stored.entry
            var waitlistID: String?
            if let waitlist, try await !Self.waitsOrHasAppointment(waitlist, now: now, on: db) {
                let id = Identifiers.make()
                _ = try await WaitlistStore.insertEntry(waitlist, id: id, tokenHash: stored.tokenHash, now: now, on: db)
                try await OutboxStore.enqueue(
                    .notDrawn, appointment: id, revision: 0, start: nil, now: now, settings: outbox, on: db)
                waitlistID = id
            }
            try decided { () throws(TransitionError<DrawEntry.Status, DrawEntry.Event>) in
                try entry.notDrawn(waitlistEntry: waitlistID)
            }
            try await Self.decide(entry, on: db)
            return entry
        }
    }
}

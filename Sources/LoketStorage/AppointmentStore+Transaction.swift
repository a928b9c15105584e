import Foundation
import LoketDomain
import SQLKit

/// The steps of holds and appointments inside a caller's transaction, shared with the stores
/// whose use cases book too (waitlist offers, partner batches, urgent bookings).
extension AppointmentStore {
    /// Where an appointment sits: the units a hold took, now handed to the appointment.
    struct Placement {
        let desk: String, product: String, persons: Int, pool: String, date: String, start: Int, end: Int, parts: Int,
            assistance: Bool

        init(
            desk: String, product: String, persons: Int, pool: String, date: String, start: Int, end: Int, parts: Int,
            assistance: Bool
        ) {
            self.desk = desk
            self.product = product
            self.persons = persons
            self.pool = pool
            self.date = date
            self.start = start
            self.end = end
            self.parts = parts
            self.assistance = assistance
        }

        /// The units of a plan taken directly, without a hold (partner bookings).
        init(_ plan: HoldPlan) {
            self.init(
                desk: plan.desk, product: plan.product, persons: plan.persons, pool: plan.slot.pool,
                date: plan.slot.date.iso,
                start: plan.slot.start.minutes, end: plan.end.minutes, parts: plan.units.count,
                assistance: plan.assistance)
        }
    }

    /// Records a hold for `plan`, whose units the caller has taken; `tokenHash` is the digest of
    /// its maker's secret, nil for a hold only its waitlist offer may take.
    static func insertHold(
        id: String, plan: HoldPlan, tokenHash: String?, now: Date, on db: any SQLDatabase
    ) async throws {
        try await db.raw(
            "INSERT INTO holds (\(holdColumns)) VALUES (\(holdValues(id: id, plan: plan, tokenHash: tokenHash, now: now)))"
        ).run()
    }

    /// The columns of a new hold's row, in the order of `holdValues`.
    static let holdColumns = SQLQueryString(
        """
        id, desk, product, persons, pool, date, start_minute, end_minute, parts, state, expires_at, created_at,
        assistance, token_hash
        """)

    /// A new active hold's row for `plan`.
    static func holdValues(id: String, plan: HoldPlan, tokenHash: String?, now: Date) -> SQLQueryString {
        """
        \(bind: id), \(bind: plan.desk), \(bind: plan.product), \(bind: plan.persons), \(bind: plan.slot.pool),
        \(bind: plan.slot.date.iso), \(bind: plan.slot.start.minutes), \(bind: plan.end.minutes), \(bind: plan.units.count),
        'active', \(bind: plan.expiresAt.millis), \(bind: now.millis), \(bind: plan.assistance ? 1 : 0), \(bind: tokenHash)
        """
    }

    /// Records a confirmed appointment at `placement` and writes its confirmation message.
    /// `people` are the V-numbers the booking claims (one live booking per person and product).
    static func insertAppointment(
        id: String, holdID: String, at p: Placement, customer: Customer, people: [String], tokenHash: String, now: Date,
        outbox: OutboxSettings?, partner: String? = nil, urgent: (reason: UrgentReserve.Reason, note: String?)? = nil,
        on db: any SQLDatabase
    ) async throws -> Appointment {
        try await LiveBookings.claim(people, product: p.product, appointment: id, date: p.date, now: now, on: db)
        let companions =
            customer.companions.isEmpty
            ? nil : String(decoding: try JSONEncoder().encode(customer.companions), as: UTF8.self)
        guard
            let row = try await db.raw(
                """
                INSERT INTO appointments (id, hold_id, desk, product, persons, pool, date, start_minute, end_minute, parts, state,
                    token_hash, customer_name, customer_email, customer_phone, customer_v_number, language, created_at,
                    partner_id, urgent_reason, urgent_note, assistance, code, companions)
                VALUES (\(bind: id), \(bind: holdID), \(bind: p.desk), \(bind: p.product), \(bind: p.persons), \(bind: p.pool),
                    \(bind: p.date), \(bind: p.start), \(bind: p.end), \(bind: p.parts), 'confirmed', \(bind: tokenHash),
                    \(bind: customer.name), \(bind: customer.email), \(bind: customer.phone), \(bind: customer.vNumber),
                    \(bind: customer.language.rawValue), \(bind: now.millis),
                    \(bind: partner), \(bind: urgent?.reason.rawValue), \(bind: urgent?.note), \(bind: p.assistance ? 1 : 0),
                    \(bind: Identifiers.appointmentCode()), \(bind: companions))
                RETURNING *
                """
            ).first()
        else {
            throw Refusal(.conflict, field: "hold", code: "not_stored", "The appointment could not be stored.")
        }
        let appointment = try AppointmentRow(decoding: row).appointment
        try await OutboxStore.enqueue(
            .confirmation, appointment: id, revision: 0, start: appointment.startInstant, now: now,
            settings: outbox, on: db)
        return appointment
    }

    /// Moves `appointment` to the consumed `hold` at `placement`, as the appointment lifecycle
    /// decides (still confirmed; same product and party size): its old units go back, its revision
    /// rises, and the customer (and a partner who booked it) hear of the move.
    static func moveAppointment(
        _ appointment: Appointment, to hold: Hold, at p: Placement, movesAllowed: Int, now: Date,
        outbox: OutboxSettings?, on db: any SQLDatabase
    ) async throws -> Appointment {
        var moved = appointment
        try decided { () throws(TransitionError<Appointment.State, Appointment.Event>) in
            try moved.move(to: hold, allowed: movesAllowed)
        }
        // Conditional on the revision it was read in: a cancellation or another move in between wins.
        guard
            let old = try await db.raw(
                """
                SELECT desk, product, persons, pool, date, start_minute, end_minute, parts FROM appointments
                WHERE id = \(bind: appointment.id) AND state = \(bind: appointment.state.rawValue) AND revision = \(bind: appointment.revision)
                """
            ).first()
        else { throw Refusal.changedMeanwhile }
        try await FreedSlots.free(row: old, now: now, on: db)
        let row = try await db.raw(
            """
            UPDATE appointments SET hold_id = \(bind: hold.id), desk = \(bind: moved.desk), pool = \(bind: p.pool),
                date = \(bind: moved.date.iso), start_minute = \(bind: moved.startTime.minutes), end_minute = \(bind: moved.endTime.minutes),
                parts = \(bind: p.parts), revision = \(bind: moved.revision), moved_at = \(bind: now.millis)
            WHERE id = \(bind: appointment.id)
            RETURNING *
            """
        ).first()!
        try await LiveBookings.move(appointment: moved.id, to: moved.date.iso, on: db)
        let stored = try AppointmentRow(decoding: row)
        try await OutboxStore.enqueue(
            .reschedule, appointment: moved.id, revision: stored.revision,
            start: stored.appointment.startInstant, now: now, settings: outbox, on: db)
        if let partner = stored.partnerId {
            try await OutboxStore.enqueueWebhook(
                partner: partner, event: "booking.rescheduled", appointment: stored.appointment, now: now, on: db)
        }
        return stored.appointment
    }

    /// What entitles a caller to take a hold.
    enum HoldAccess {
        /// The secret its maker got with it, as the client sent it.
        case token(String?)
        /// The waitlist offer that carries it, which the caller has authorised.
        case offer
        /// The draw that placed it, in the same transaction.
        case draw
    }

    /// Confirms an active, unexpired hold as the domain's hold lifecycle decides and returns it
    /// with where it sits; the capacity it took now belongs to whoever consumed it.
    static func consume(
        hold id: String, access: HoldAccess, now: Date, on db: any SQLDatabase
    ) async throws -> (hold: Hold, placement: Placement) {
        guard let (_, stored) = try await readHold(id: id, on: db) else {
            throw Refusal(.notFound, field: "hold", code: "unknown_hold", "There is no hold \(id).")
        }
        // The secret first, so that someone without it learns nothing about the hold's state.
        if case .token(let token) = access {
            guard let expected = stored.tokenHash else {
                throw Refusal(
                    .forbidden, field: "hold", code: "offered_hold",
                    "This slot is held for a waitlist offer and can only be taken through that offer.")
            }
            guard let token, !token.isEmpty else {
                throw Refusal.invalid(
                    "holdToken", "required", "Send the token you got with the hold as holdToken.")
            }
            // Digests, so the comparison time says nothing about the token.
            guard Identifiers.hash(token) == expected else {
                throw Refusal(
                    .forbidden, field: "holdToken", code: "wrong_token", "This token does not belong to this hold.")
            }
        }
        var hold = stored.hold
        try decided { () throws(TransitionError<Hold.State, Hold.Event>) in try hold.confirm(now: now) }
        // Conditional on the state it was read in: of two confirmations at once, one gets the hold.
        guard try await write(hold, readIn: stored.hold.state, on: db) else {
            throw Refusal(
                .conflict, field: "hold", code: "hold_used", "This hold has already been used for an appointment.")
        }
        return (hold, stored.placement)
    }

    /// The hold `id` decoded, with its row for giving its units back.
    static func readHold(id: String, on db: any SQLDatabase) async throws -> (row: any SQLRow, stored: HoldRow)? {
        guard let row = try await db.raw("SELECT * FROM holds WHERE id = \(bind: id)").first() else { return nil }
        return (row, try HoldRow(decoding: row))
    }

    /// Writes the state a hold event decided, if the row is still in `before`; false when another
    /// transaction changed it first.
    static func write(_ hold: Hold, readIn before: Hold.State, on db: any SQLDatabase) async throws -> Bool {
        try await db.raw(
            """
            UPDATE holds SET state = \(bind: hold.state.rawValue) WHERE id = \(bind: hold.id) AND state = \(bind: before.rawValue)
            RETURNING id
            """
        ).first() != nil
    }

    /// Releases an active hold early, as the hold lifecycle decides, and frees its capacity (for
    /// the waitlist first when `toWaitlist`); returns the hold's desk, or nil when it was no
    /// longer active.
    static func release(
        hold id: String, toWaitlist: Bool = false, now: Date, on db: any SQLDatabase
    ) async throws -> String? {
        guard let (row, stored) = try await readHold(id: id, on: db) else { return nil }
        var hold = stored.hold
        guard (try? hold.release()) != nil, try await write(hold, readIn: stored.hold.state, on: db) else {
            return nil
        }
        guard toWaitlist else { return try await CapacityStore.release(row: row, on: db) }
        try await FreedSlots.free(row: row, now: now, on: db)
        return stored.desk
    }

    /// The appointment `id` if `token` opens it on `today`: its manage token, or the signed link
    /// from its email until the appointment's day has passed (see ManageLinks).
    func authorised(id: String, token: String?, today: LocalDate, on db: any SQLDatabase) async throws -> Appointment {
        guard let token, !token.isEmpty else {
            throw Refusal(
                .unauthorized, field: "Authorization", code: "missing_token",
                "Send the manage token as Authorization: Bearer <token>.")
        }
        guard let row = try await db.raw("SELECT * FROM appointments WHERE id = \(bind: id)").first() else {
            throw Refusal(.notFound, field: "id", code: "unknown_appointment", "There is no such appointment.")
        }
        let stored = try AppointmentRow(decoding: row)
        // Compare digests, not tokens, so the comparison time says nothing about the token.
        guard try Identifiers.hash(token) == stored.tokenHash || linkOpens(token, stored.appointment, today: today)
        else {
            throw Refusal(
                .unauthorized, field: "Authorization", code: "wrong_token",
                "This manage token does not open this appointment.")
        }
        return stored.appointment
    }
}

extension Refusal {
    /// An appointment another request cancelled or moved between reading and writing it.
    static let changedMeanwhile = Refusal(
        .conflict, field: "id", code: "changed", "This appointment changed meanwhile; load it again.")
}

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

    /// Records a hold for `plan`, whose units the caller has taken.
    static func insertHold(id: String, plan: HoldPlan, now: Date, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO holds (id, desk, product, persons, pool, date, start_minute, end_minute, parts, state, expires_at, created_at, assistance)
            VALUES (\(bind: id), \(bind: plan.desk), \(bind: plan.product), \(bind: plan.persons), \(bind: plan.slot.pool),
                    \(bind: plan.slot.date.iso), \(bind: plan.slot.start.minutes), \(bind: plan.end.minutes), \(bind: plan.units.count),
                    'active', \(bind: plan.expiresAt.millis), \(bind: now.millis), \(bind: plan.assistance ? 1 : 0))
            """
        ).run()
    }

    /// Records a confirmed appointment at `placement` and writes its confirmation message.
    static func insertAppointment(
        id: String, holdID: String, at p: Placement, customer: Customer, tokenHash: String, now: Date,
        outbox: OutboxSettings?, partner: String? = nil, urgent: (reason: UrgentReserve.Reason, note: String?)? = nil,
        on db: any SQLDatabase
    ) async throws -> Appointment {
        guard
            let row = try await db.raw(
                """
                INSERT INTO appointments (id, hold_id, desk, product, persons, pool, date, start_minute, end_minute, parts, state,
                    token_hash, customer_name, customer_email, customer_phone, customer_v_number, customer_bsn, language, created_at,
                    partner_id, urgent_reason, urgent_note, assistance, code)
                VALUES (\(bind: id), \(bind: holdID), \(bind: p.desk), \(bind: p.product), \(bind: p.persons), \(bind: p.pool),
                    \(bind: p.date), \(bind: p.start), \(bind: p.end), \(bind: p.parts), 'confirmed', \(bind: tokenHash),
                    \(bind: customer.name), \(bind: customer.email), \(bind: customer.phone), \(bind: customer.vNumber),
                    \(bind: customer.bsn), \(bind: customer.language.rawValue), \(bind: now.millis),
                    \(bind: partner), \(bind: urgent?.reason.rawValue), \(bind: urgent?.note), \(bind: p.assistance ? 1 : 0),
                    \(bind: Identifiers.appointmentCode()))
                RETURNING *
                """
            ).first()
        else {
            throw BookingError(.conflict, field: "hold", code: "not_stored", "The appointment could not be stored.")
        }
        let appointment = try AppointmentRow(decoding: row).appointment
        try await OutboxStore.enqueue(
            .confirmation, appointment: id, revision: 0, start: appointment.startInstant, now: now,
            settings: outbox, on: db)
        return appointment
    }

    /// Moves a confirmed appointment to `placement` (a consumed hold): its old units go back, its
    /// revision rises, and the customer (and a partner who booked it) hear of the move.
    static func moveAppointment(
        id: String, toHold holdID: String, at p: Placement, now: Date, outbox: OutboxSettings?,
        on db: any SQLDatabase
    ) async throws -> Appointment {
        guard
            let old = try await db.raw(
                """
                SELECT desk, pool, date, start_minute, end_minute, parts FROM appointments WHERE id = \(bind: id) AND state = 'confirmed'
                """
            ).first()
        else {
            throw BookingError(.conflict, field: "id", code: "cancelled", "A cancelled appointment cannot be moved.")
        }
        try await CapacityStore.release(row: old, on: db)
        let row = try await db.raw(
            """
            UPDATE appointments SET hold_id = \(bind: holdID), desk = \(bind: p.desk), pool = \(bind: p.pool), date = \(bind: p.date),
                start_minute = \(bind: p.start), end_minute = \(bind: p.end), parts = \(bind: p.parts), revision = revision + 1
            WHERE id = \(bind: id)
            RETURNING *
            """
        ).first()!
        let stored = try AppointmentRow(decoding: row)
        let moved = stored.appointment
        try await OutboxStore.enqueue(
            .reschedule, appointment: id, revision: stored.revision,
            start: moved.startInstant, now: now, settings: outbox, on: db)
        if let partner = stored.partnerId {
            try await OutboxStore.enqueueWebhook(
                partner: partner, event: "booking.rescheduled", appointment: moved, now: now, on: db)
        }
        return moved
    }

    /// Marks an active, unexpired hold confirmed and returns where it sits; the capacity it took
    /// now belongs to whoever consumed it.
    static func consume(hold id: String, now: Date, on db: any SQLDatabase) async throws -> Placement {
        if let row = try await db.raw(
            """
            UPDATE holds SET state = 'confirmed'
            WHERE id = \(bind: id) AND state = 'active' AND expires_at > \(bind: now.millis)
            RETURNING desk, product, persons, pool, date, start_minute, end_minute, parts, assistance
            """
        ).first() {
            return try row.decode(model: PlacementRow.self, keyDecodingStrategy: .convertFromSnakeCase).placement
        }
        guard let row = try await db.raw("SELECT state, expires_at FROM holds WHERE id = \(bind: id)").first() else {
            throw BookingError(.notFound, field: "hold", code: "unknown_hold", "There is no hold \(id).")
        }
        let state = try row.decode(column: "state", as: String.self)
        if state == "confirmed" {
            throw BookingError(
                .conflict, field: "hold", code: "hold_used", "This hold has already been used for an appointment.")
        }
        throw BookingError(.gone, field: "hold", code: "hold_expired", "This hold has expired; choose a slot again.")
    }

    static func authorised(id: String, token: String?, on db: any SQLDatabase) async throws -> Appointment {
        guard let token, !token.isEmpty else {
            throw BookingError(
                .unauthorized, field: "Authorization", code: "missing_token",
                "Send the manage token as Authorization: Bearer <token>.")
        }
        guard let row = try await db.raw("SELECT * FROM appointments WHERE id = \(bind: id)").first() else {
            throw BookingError(.notFound, field: "id", code: "unknown_appointment", "There is no such appointment.")
        }
        let stored = try AppointmentRow(decoding: row)
        // Compare digests, not tokens, so the comparison time says nothing about the token. A link
        // from an email carries the signed link token instead (see ManageLinks).
        let fromEmail = token.hasPrefix("m") ? try await Identifiers.hash(Self.manageLinkToken(id: id, on: db)) : nil
        let digest = Identifiers.hash(token)
        guard digest == stored.tokenHash || digest == fromEmail else {
            throw BookingError(
                .unauthorized, field: "Authorization", code: "wrong_token",
                "This manage token does not open this appointment.")
        }
        return stored.appointment
    }
}

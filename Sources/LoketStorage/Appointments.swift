import Foundation
import LoketDomain
import SQLKit

/// An appointment as read inside a transaction, with where it sits and who booked it.
public struct StoredAppointment: Sendable {
    public let appointment: Appointment
    /// The partner whose API booked it, if one did: its webhook hears of every change.
    public let partner: String?
    public let placement: Placement
}

/// The `appointments` table with the live bookings each one claims (one per person and
/// product, `LiveBookings`): an appointment and its claims are written together.
public enum Appointments {
    /// Records a confirmed appointment at `placement` for `customer`, with a new manage token;
    /// `people` are the V-numbers it claims (refused with `alreadyBooked` when one has a live one).
    /// `holdID` is the hold it was made of; nil for units taken directly, by a `partner` or by
    /// staff from the urgent reserve (`urgent`). With `outbox` settings, its confirmation
    /// message (and reminder) is written with it.
    public static func insert(
        holdID: String?, at placement: Placement, customer: Customer, people: [String], partner: String? = nil,
        urgent: (reason: UrgentReserve.Reason, note: String?)? = nil, now: Date, outbox: OutboxSettings? = nil,
        in tx: Transaction
    ) async throws -> ConfirmedBooking {
        let id = Identifiers.make()
        let token = Identifiers.token()
        let appointment = try await insert(
            id: id, holdID: holdID ?? (partner == nil ? "staff:" : "partner:") + id, at: placement, customer: customer,
            people: people, tokenHash: Identifiers.hash(token), now: now, partner: partner, urgent: urgent, on: tx.db)
        try await OutboxStore.enqueue(
            .confirmation, appointment: id, revision: 0, start: appointment.startInstant, now: now, settings: outbox,
            on: tx.db)
        return ConfirmedBooking(appointment: appointment, manageToken: token)
    }

    /// The appointment `id` if `token` opens it on `today`: its manage token, or the signed link
    /// from its email until the appointment's day has passed (`ManageLinks`).
    public static func authorised(
        id: String, token: String?, today: LocalDate, links: ManageLinkKeys, in tx: Transaction
    ) async throws -> StoredAppointment {
        try await authorised(id: id, token: token, today: today, links: links, on: tx.db)
    }

    /// The appointment `id`, for a use case that holds another key to it (the waitlist entry
    /// that improves on it).
    public static func read(id: String, in tx: Transaction) async throws -> StoredAppointment? {
        try await tx.db.raw("SELECT * FROM appointments WHERE id = \(bind: id)").first().map {
            try AppointmentRow(decoding: $0).stored
        }
    }

    /// Writes the cancellation the lifecycle decided, conditional on the state and revision
    /// `current` was read in, and lets its live bookings go; nil when another request changed
    /// it first.
    public static func cancel(
        _ current: Appointment, as cancelled: Appointment, now: Date, in tx: Transaction
    ) async throws -> StoredAppointment? {
        guard
            let row = try await tx.db.raw(
                """
                UPDATE appointments SET state = \(bind: cancelled.state.rawValue), cancelled_at = \(bind: now.millis),
                    revision = \(bind: cancelled.revision)
                WHERE id = \(bind: current.id) AND state = \(bind: current.state.rawValue) AND revision = \(bind: current.revision)
                RETURNING *
                """
            ).first()
        else { return nil }
        try await LiveBookings.release(appointment: current.id, on: tx.db)
        return try AppointmentRow(decoding: row).stored
    }

    /// Writes the move the lifecycle decided (`moved`) to the consumed `hold` at `placement`,
    /// conditional on the state and revision `current` was read in; its live bookings follow it
    /// to the new day. Nil when another request changed it first. Its old units are the caller's
    /// to free.
    public static func move(
        _ current: Appointment, as moved: Appointment, to hold: Hold, at placement: Placement, now: Date,
        in tx: Transaction
    ) async throws -> StoredAppointment? {
        try await move(current, as: moved, to: hold, at: placement, now: now, on: tx.db)
    }

    // MARK: Inside storage

    static func insert(
        id: String, holdID: String, at p: Placement, customer: Customer, people: [String], tokenHash: String, now: Date,
        partner: String? = nil, urgent: (reason: UrgentReserve.Reason, note: String?)? = nil, on db: any SQLDatabase
    ) async throws -> Appointment {
        try await LiveBookings.claim(people, product: p.product, appointment: id, date: p.date, now: now, on: db)
        let values = try appointmentValues(
            id: id, holdID: holdID, at: p, customer: customer, tokenHash: tokenHash, now: now, partner: partner,
            urgent: urgent)
        guard
            let row = try await db.raw(
                "INSERT INTO appointments (\(appointmentColumns)) VALUES (\(values)) RETURNING *"
            )
            .first()
        else { throw Refusal.appointmentNotStored }
        return try AppointmentRow(decoding: row).appointment
    }

    /// The columns of a new appointment's row, in the order of `appointmentValues`.
    static let appointmentColumns = SQLQueryString(
        """
        id, hold_id, desk, product, persons, pool, date, start_minute, end_minute, parts, state,
        token_hash, customer_name, customer_email, customer_phone, customer_v_number, language, created_at,
        partner_id, urgent_reason, urgent_note, assistance, code, companions
        """)

    /// A new confirmed appointment's row.
    static func appointmentValues(
        id: String, holdID: String, at p: Placement, customer: Customer, tokenHash: String, now: Date,
        partner: String? = nil, urgent: (reason: UrgentReserve.Reason, note: String?)? = nil
    ) throws -> SQLQueryString {
        let companions =
            customer.companions.isEmpty
            ? nil : String(decoding: try JSONEncoder().encode(customer.companions), as: UTF8.self)
        return """
            \(bind: id), \(bind: holdID), \(bind: p.desk), \(bind: p.product), \(bind: p.persons), \(bind: p.pool),
            \(bind: p.date), \(bind: p.start), \(bind: p.end), \(bind: p.parts), 'confirmed', \(bind: tokenHash),
            \(bind: customer.name), \(bind: customer.email), \(bind: customer.phone), \(bind: customer.vNumber),
            \(bind: customer.language.rawValue), \(bind: now.millis),
            \(bind: partner), \(bind: urgent?.reason.rawValue), \(bind: urgent?.note), \(bind: p.assistance ? 1 : 0),
            \(bind: Identifiers.appointmentCode()), \(bind: companions)
            """
    }

    static func authorised(
        id: String, token: String?, today: LocalDate, links: ManageLinkKeys, on db: any SQLDatabase
    ) async throws -> StoredAppointment {
        guard let token, !token.isEmpty else { throw Refusal.manageTokenMissing }
        guard let row = try await db.raw("SELECT * FROM appointments WHERE id = \(bind: id)").first() else {
            throw Refusal.unknownAppointment
        }
        let stored = try AppointmentRow(decoding: row)
        // Compare digests, not tokens, so the comparison time says nothing about the token.
        guard try Identifiers.hash(token) == stored.tokenHash || linkOpens(token, stored.appointment, today, links)
        else { throw Refusal.wrongManageToken }
        return stored.stored
    }

    /// Whether `token` is a link token that opens `appointment` on `today`.
    private static func linkOpens(
        _ token: String, _ appointment: Appointment, _ today: LocalDate, _ links: ManageLinkKeys
    ) throws -> Bool {
        guard token.hasPrefix("m"), links.opens(token, appointment: appointment.id) else { return false }
        guard appointment.date >= today else { throw Refusal.linkExpired }
        return true
    }

    static func move(
        _ current: Appointment, as moved: Appointment, to hold: Hold, at p: Placement, now: Date,
        on db: any SQLDatabase
    ) async throws -> StoredAppointment? {
        guard
            let row = try await db.raw(
                """
                UPDATE appointments SET hold_id = \(bind: hold.id), desk = \(bind: moved.desk), pool = \(bind: p.pool),
                    date = \(bind: moved.date.iso), start_minute = \(bind: moved.startTime.minutes),
                    end_minute = \(bind: moved.endTime.minutes), parts = \(bind: p.parts), revision = \(bind: moved.revision),
                    moved_at = \(bind: now.millis)
                WHERE id = \(bind: current.id) AND state = \(bind: current.state.rawValue) AND revision = \(bind: current.revision)
                RETURNING *
                """
            ).first()
        else { return nil }
        try await LiveBookings.move(appointment: moved.id, to: moved.date.iso, on: db)
        return try AppointmentRow(decoding: row).stored
    }
}

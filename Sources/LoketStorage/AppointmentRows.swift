import Foundation
import LoketDomain
import SQLKit

/// A `holds` row.
struct HoldRow {
    let id: String, desk: String, product: String, persons: Int
    let pool: String, date: String, startMinute: Int, endMinute: Int, parts: Int, assistance: Int
    let expiresAt: Int, state: String
    let tokenHash: String?

    /// What a hold's read selects. Named, not `*`: the read is prepared on PostgreSQL (every
    /// confirmation makes it), and a prepared statement whose columns change fails until its
    /// connection closes; another server's migration may add one.
    static let columns = SQLQueryString(
        "id, desk, product, persons, pool, date, start_minute, end_minute, parts, assistance, expires_at, state, token_hash"
    )

    /// Column by column, as `AppointmentRow`: once on every booking's way.
    init(decoding row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        desk = try row.decode(column: "desk", as: String.self)
        product = try row.decode(column: "product", as: String.self)
        persons = try row.decode(column: "persons", as: Int.self)
        pool = try row.decode(column: "pool", as: String.self)
        date = try row.decode(column: "date", as: String.self)
        startMinute = try row.decode(column: "start_minute", as: Int.self)
        endMinute = try row.decode(column: "end_minute", as: Int.self)
        parts = try row.decode(column: "parts", as: Int.self)
        assistance = try row.decode(column: "assistance", as: Int.self)
        expiresAt = try row.decode(column: "expires_at", as: Int.self)
        state = try row.decode(column: "state", as: String.self)
        tokenHash = try row.decode(column: "token_hash", as: String?.self)
    }

    var hold: Hold {
        let date = LocalDate(iso: date)!
        let start = LocalTime(minutes: startMinute)
        return Hold(
            id: id, desk: desk, product: product, persons: persons,
            slot: SlotKey(date: date, start: start, pool: pool).description,
            date: date, startTime: start, endTime: LocalTime(minutes: endMinute),
            expiresAt: Date(millis: expiresAt), state: Hold.State(rawValue: state) ?? .expired)
    }

    /// What the hold hands to the appointment that consumes it.
    var placement: Placement {
        Placement(
            desk: desk, product: product, persons: persons, pool: pool, date: date,
            start: startMinute, end: endMinute, parts: parts, assistance: assistance != 0)
    }
}

/// An `appointments` row (every query reads it whole: `SELECT *`, `a.*` or `RETURNING *`).
struct AppointmentRow {
    let id: String, desk: String, product: String, persons: Int
    let pool: String, date: String, startMinute: Int, endMinute: Int, parts: Int
    let state: String, language: String, createdAt: Int, code: String?, assistance: Int, revision: Int
    let tokenHash: String
    let customerName: String, customerEmail: String
    let partnerId: String?

    /// What a confirmation returns, named for the reason given at `HoldRow.columns`.
    static let columns = SQLQueryString(
        """
        id, desk, product, persons, pool, date, start_minute, end_minute, parts, state, language, created_at, code,
        assistance, revision, token_hash, customer_name, customer_email, partner_id
        """)

    /// Column by column: a clerk's agenda reads 1,700 of these, and decoding them as a model
    /// converted every key to snake case for every row (a fifth of the page's time).
    init(decoding row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        desk = try row.decode(column: "desk", as: String.self)
        product = try row.decode(column: "product", as: String.self)
        persons = try row.decode(column: "persons", as: Int.self)
        pool = try row.decode(column: "pool", as: String.self)
        date = try row.decode(column: "date", as: String.self)
        startMinute = try row.decode(column: "start_minute", as: Int.self)
        endMinute = try row.decode(column: "end_minute", as: Int.self)
        parts = try row.decode(column: "parts", as: Int.self)
        state = try row.decode(column: "state", as: String.self)
        language = try row.decode(column: "language", as: String.self)
        createdAt = try row.decode(column: "created_at", as: Int.self)
        code = try row.decode(column: "code", as: String?.self)
        assistance = try row.decode(column: "assistance", as: Int.self)
        revision = try row.decode(column: "revision", as: Int.self)
        tokenHash = try row.decode(column: "token_hash", as: String.self)
        customerName = try row.decode(column: "customer_name", as: String.self)
        customerEmail = try row.decode(column: "customer_email", as: String.self)
        partnerId = try row.decode(column: "partner_id", as: String?.self)
    }

    var appointment: Appointment {
        let date = LocalDate(iso: date)!
        let start = LocalTime(minutes: startMinute)
        return Appointment(
            id: id, desk: desk, product: product, persons: persons,
            slot: SlotKey(date: date, start: start, pool: pool).description,
            date: date, startTime: start, endTime: LocalTime(minutes: endMinute),
            state: Appointment.State(rawValue: state) ?? .cancelled,
            language: Customer.Language(rawValue: language) ?? .en,
            createdAt: Date(millis: createdAt), code: code, assistance: assistance != 0, revision: revision)
    }

    /// The appointment with where it sits and who booked it.
    var stored: StoredAppointment {
        StoredAppointment(
            appointment: appointment, partner: partnerId,
            placement: Placement(
                desk: desk, product: product, persons: persons, pool: pool, date: date, start: startMinute,
                end: endMinute, parts: parts, assistance: assistance != 0))
    }
}

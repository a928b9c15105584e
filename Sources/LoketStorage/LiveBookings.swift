import Foundation
import LoketDomain
import PostgresNIO
import SQLKit

/// One live booking per person and product, kept by the database: a row per V-number and product
/// whose primary key refuses a second, so two requests at once (on any server) cannot both book.
/// A row stays until the appointment is cancelled or its day has passed.
enum LiveBookings {
    /// Claims `people` for the appointment on `date`, replacing only claims whose day has passed.
    static func claim(
        _ people: [String], product: String, appointment: String, date: String, now: Date, on db: any SQLDatabase
    ) async throws {
        let today = DeskTime(now, timeZone: DeskTime.amsterdam).date.iso
        for vNumber in people {
            guard
                try await db.raw(
                    """
                    INSERT INTO live_bookings (product, v_number, appointment_id, date)
                    VALUES (\(bind: product), \(bind: vNumber), \(bind: appointment), \(bind: date))
                    ON CONFLICT (product, v_number) DO UPDATE SET appointment_id = excluded.appointment_id, date = excluded.date
                    WHERE live_bookings.date < \(bind: today)
                    RETURNING v_number
                    """
                ).first() != nil
            else { throw Refusal.alreadyBooked }
        }
    }

    /// `claim` as one statement for a CTE (PostgreSQL), made only when the CTE named `after` has
    /// a row. A person with a live appointment aborts the whole statement: their claim's day
    /// would become NULL, which the column refuses (`isLiveClaim`). An error, not a missing row,
    /// because the statement runs without a transaction around it that could undo the CTE's
    /// other writes. People are claimed in one order, so that two confirmations naming the same
    /// people wait for each other instead of deadlocking.
    static func claiming(
        _ people: [String], product: String, appointment: String, date: String, now: Date, after: String
    ) -> SQLQueryString {
        guard !people.isEmpty else { return "SELECT v_number FROM live_bookings WHERE false" }
        let today = DeskTime(now, timeZone: DeskTime.amsterdam).date.iso
        let persons = people.map { "(\(bind: $0))" as SQLQueryString }.joined(separator: ", ")
        return """
            INSERT INTO live_bookings (product, v_number, appointment_id, date)
            SELECT \(bind: product), person.v_number, \(bind: appointment), \(bind: date)
            FROM (VALUES \(persons)) AS person (v_number), \(unsafeRaw: after) ORDER BY person.v_number
            ON CONFLICT (product, v_number) DO UPDATE SET appointment_id = excluded.appointment_id,
                date = CASE WHEN live_bookings.date < \(bind: today) THEN excluded.date END
            RETURNING v_number
            """
    }

    /// Whether `error` is a `claiming` statement's refusal of a person with a live appointment.
    static func isLiveClaim(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, let info = error.serverInfo else { return false }
        return info[.sqlState] == "23502" && info[.tableName] == "live_bookings" && info[.columnName] == "date"
    }

    /// The appointment's claims follow it to its new day.
    static func move(appointment: String, to date: String, on db: any SQLDatabase) async throws {
        try await db.raw("UPDATE live_bookings SET date = \(bind: date) WHERE appointment_id = \(bind: appointment)")
            .run()
    }

    /// Whether `vNumber` has a live appointment for `product` (today or later).
    static func has(_ vNumber: String, product: String, now: Date, on db: any SQLDatabase) async throws -> Bool {
        let today = DeskTime(now, timeZone: DeskTime.amsterdam).date.iso
        return try await db.raw(
            """
            SELECT v_number FROM live_bookings
            WHERE product = \(bind: product) AND v_number = \(bind: vNumber) AND date >= \(bind: today)
            """
        ).first() != nil
    }

    /// A cancelled appointment no longer counts.
    static func release(appointment: String, on db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM live_bookings WHERE appointment_id = \(bind: appointment)").run()
    }
}

import Foundation
import LoketDomain
import SQLKit

/// A `holds` row.
struct HoldRow: Decodable {
    let id: String, desk: String, product: String, persons: Int
    let pool: String, date: String, startMinute: Int, endMinute: Int, parts: Int, assistance: Int
    let expiresAt: Int, state: String
    let tokenHash: String?

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
    var placement: AppointmentStore.Placement {
        AppointmentStore.Placement(
            desk: desk, product: product, persons: persons, pool: pool, date: date,
            start: startMinute, end: endMinute, parts: parts, assistance: assistance != 0)
    }
}

/// An `appointments` row (every query reads it whole: `SELECT *`, `a.*` or `RETURNING *`).
struct AppointmentRow: Decodable {
    let id: String, desk: String, product: String, persons: Int
    let pool: String, date: String, startMinute: Int, endMinute: Int
    let state: String, language: String, createdAt: Int, code: String?, assistance: Int, revision: Int
    let tokenHash: String
    let customerName: String, customerEmail: String
    let partnerId: String?

    init(decoding row: any SQLRow) throws {
        self = try row.decode(model: AppointmentRow.self, keyDecodingStrategy: .convertFromSnakeCase)
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
}

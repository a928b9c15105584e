import Foundation
import LoketDomain
import SQLKit

extension Appointments {
    /// Writes the confirmation the hold lifecycle decided (`hold`, read in state `before`) and
    /// the appointment made of it at `placement` for `customer`, claiming `people`, with its
    /// confirmation message: nil when another transaction changed the hold first; refused with
    /// `alreadyBooked` when one of the people has a live appointment, having written nothing.
    ///
    /// On PostgreSQL one statement (data-modifying CTEs), all or nothing by itself, so that it
    /// needs no transaction around it (`Idempotency.once(alone:)`): the steps one by one were
    /// three to five round trips, each parsed and planned again, the booking's connection held
    /// between them. On SQLite, which has no such CTEs and no round trips, the steps one by one
    /// (the caller's transaction then rolls back what a refusal leaves).
    public static func confirm(
        _ hold: Hold, readIn before: Hold.State, at placement: Placement, customer: Customer, people: [String],
        now: Date, outbox: OutboxSettings?, in tx: Transaction
    ) async throws -> ConfirmedBooking? {
        guard tx.engine == .postgres else {
            guard try await Holds.write(hold, readIn: before, on: tx.db) else { return nil }
            return try await insert(
                holdID: hold.id, at: placement, customer: customer, people: people, now: now, outbox: outbox, in: tx)
        }
        // One claim per person: a person named twice cannot be claimed twice (and one INSERT may
        // not touch a row twice).
        guard Set(people).count == people.count else { throw Refusal.alreadyBooked }
        let id = Identifiers.make()
        let token = Identifiers.token()
        let values = try appointmentValues(
            id: id, holdID: hold.id, at: placement, customer: customer, tokenHash: Identifiers.hash(token), now: now)
        let start = DeskTime(date: LocalDate(iso: placement.date)!, time: LocalTime(minutes: placement.start))
            .instant(in: DeskTime.amsterdam)
        let messages = OutboxStore.messages(.confirmation, revision: 0, start: start, now: now, settings: outbox)
        let claims = LiveBookings.claiming(
            people, product: placement.product, appointment: id, date: placement.date, now: now, after: "taken")
        // Every step after the hold's write reads from the one before it: when another
        // transaction took the hold first, nothing is written and no row comes back.
        var sql: SQLQueryString = """
            WITH taken AS (\(Holds.writing(hold, readIn: before))),
            claimed AS (\(claims)),
            appointment AS (
                INSERT INTO appointments (\(appointmentColumns)) SELECT \(values) FROM taken
                RETURNING \(AppointmentRow.columns)
            )
            """
        for (index, message) in messages.enumerated() {
            sql += """
                , message\(literal: index) AS (
                    INSERT INTO outbox (\(OutboxStore.messageColumns))
                    SELECT \(message.values(appointment: "appointment.id", now: now)) FROM appointment RETURNING id
                )
                """
        }
        sql += " SELECT appointment.* FROM appointment"
        let row: (any SQLRow)?
        do {
            row = try await tx.db.firstRow(preparing: sql)
        } catch  where LiveBookings.isLiveClaim(error) {
            throw Refusal.alreadyBooked
        }
        guard let row else { return nil }
        return ConfirmedBooking(appointment: try AppointmentRow(decoding: row).appointment, manageToken: token)
    }
}

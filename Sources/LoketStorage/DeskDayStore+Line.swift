import Foundation
import LoketDomain
import SQLKit

/// The waiting line of a desk's day: who is called soon, the latest calls the screen shows, and
/// the "your turn soon" email to whoever asked for it.
extension DeskDayStore {
    /// The latest calls at `desk` on `date`, newest first: what the waiting-room screen shows.
    public func recentCalls(desk: String, date: LocalDate, limit: Int = 8) async throws -> [Visit] {
        try await database.session { db in
            try await db.raw(
                """
                SELECT * FROM visits WHERE desk = \(bind: desk) AND date = \(bind: date.iso) AND called_at IS NOT NULL
                ORDER BY called_at DESC, ticket DESC LIMIT \(bind: limit)
                """
            ).all().map { try $0.decode(model: VisitRow.self, keyDecodingStrategy: .convertFromSnakeCase).visit }
        }
    }

    /// The tickets of the day still waiting at `desk`, in the order `callNext` calls them
    /// (appointment time, then arrival): who is called soon.
    public func waitingTickets(desk: String, date: LocalDate, limit: Int) async throws -> [Ticket] {
        try await database.session { db in
            try await db.raw(
                """
                SELECT v.ticket, v.queue, v.queue_number FROM visits v JOIN appointments a ON a.id = v.appointment_id
                WHERE v.desk = \(bind: desk) AND v.date = \(bind: date.iso) AND v.state = 'waiting' AND v.ticket IS NOT NULL
                ORDER BY a.start_minute, v.checked_in_at, v.ticket LIMIT \(bind: limit)
                """
            ).all().map {
                try Self.ticket(
                    $0.decode(column: "ticket", as: Int?.self), queue: $0.decode(column: "queue", as: String?.self),
                    number: $0.decode(column: "queue_number", as: Int?.self))!
            }
        }
    }

    /// The ticket a visit's columns give: its queue's letter and number, or the desk-wide number
    /// of a visit checked in before queues had letters.
    static func ticket(_ ticket: Int?, queue: String?, number: Int?) -> Ticket? {
        guard let ticket else { return nil }
        return Ticket(queue: number == nil ? nil : queue, number: number ?? ticket)
    }
}

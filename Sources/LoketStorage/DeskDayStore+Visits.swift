import Foundation
import LoketDomain
import SQLKit

/// The `visits` table with its ticket counters: what the desk's day writes (check-in, a call, a
/// visit's end, the "your turn soon" email owed), inside the use case's transaction. The desk
/// day's use cases are the application's (`DeskDay+Visits`).
extension DeskDayStore {
    /// The confirmed appointment at `desk` on `date` whose code is `code` (normalised), with its visit.
    public static func appointment(
        code: String, desk: String, date: LocalDate, in tx: Transaction
    ) async throws
        -> AgendaItem?
    {
        guard
            let row = try await tx.db.raw(
                """
                SELECT id FROM appointments WHERE desk = \(bind: desk) AND date = \(bind: date.iso) AND code = \(bind: code) AND state = 'confirmed'
                """
            ).first()
        else { return nil }
        return try await agendaItem(id: try row.decode(column: "id", as: String.self), on: tx.db)
    }

    /// The appointment `id` with its visit, as the agenda shows it.
    public static func agendaItem(id: String, in tx: Transaction) async throws -> AgendaItem? {
        try await agendaItem(id: id, on: tx.db)
    }

    /// Counts out the next ticket of the desk's day (unique per desk and day) and the next number
    /// of `queue`.
    public static func nextTicket(
        desk: String, date: LocalDate, queue: String, in tx: Transaction
    ) async throws -> (
        ticket: Int, number: Int
    ) {
        let ticket = try await tx.db.raw(
            """
            INSERT INTO ticket_counters (desk, date, last) VALUES (\(bind: desk), \(bind: date.iso), 1)
            ON CONFLICT (desk, date) DO UPDATE SET last = ticket_counters.last + 1
            RETURNING last
            """
        ).first()!.decode(column: "last", as: Int.self)
        let number = try await tx.db.raw(
            """
            INSERT INTO queue_counters (desk, date, queue, last) VALUES (\(bind: desk), \(bind: date.iso), \(bind: queue), 1)
            ON CONFLICT (desk, date, queue) DO UPDATE SET last = queue_counters.last + 1
            RETURNING last
            """
        ).first()!.decode(column: "last", as: Int.self)
        return (ticket, number)
    }

    /// Records the check-in the visit's lifecycle decided, with its desk-wide `ticket`. A no-show
    /// marked before they came may still arrive late: the ticketless visit row is replaced, its
    /// end and the clerk who marked it cleared.
    public static func checkedIn(
        _ visit: Visit, ticket: Int, notifySoon: Bool, now: Date, in tx: Transaction
    ) async throws {
        try await tx.db.raw(
            """
            INSERT INTO visits (appointment_id, desk, date, ticket, queue, queue_number, notify_soon, state, checked_in_at)
            VALUES (\(bind: visit.appointmentID), \(bind: visit.desk), \(bind: visit.date.iso), \(bind: ticket),
                \(bind: visit.ticket?.queue), \(bind: visit.ticket?.number), \(bind: notifySoon ? 1 : 0),
                \(bind: visit.state.rawValue), \(bind: now.millis))
            ON CONFLICT (appointment_id) DO UPDATE SET ticket = excluded.ticket, queue = excluded.queue,
                queue_number = excluded.queue_number, notify_soon = excluded.notify_soon, state = excluded.state,
                checked_in_at = excluded.checked_in_at, ended_at = NULL, staff_id = NULL
            WHERE visits.ticket IS NULL
            """
        ).run()
    }

    /// The first customer waiting in one of `queues` (every queue when empty): earliest
    /// appointment, then earliest arrival. A visit checked in before queues had letters (or by
    /// the previous release, during an upgrade) is in every queue.
    public static func firstWaiting(
        desk: String, date: LocalDate, queues: Set<String>, in tx: Transaction
    )
        async throws -> String?
    {
        let inQueues: SQLQueryString =
            queues.isEmpty ? "" : " AND (v.queue IN (\(binds: queues.sorted())) OR v.queue IS NULL)"
        return try await tx.db.raw(
            """
            SELECT v.appointment_id FROM visits v JOIN appointments a ON a.id = v.appointment_id
            WHERE v.desk = \(bind: desk) AND v.date = \(bind: date.iso) AND v.state = 'waiting'
            """ + inQueues + " ORDER BY a.start_minute, v.checked_in_at, v.ticket LIMIT 1"
        ).first()?.decode(column: "appointment_id", as: String.self)
    }

    /// Writes the call the visit's lifecycle decided, if the visit still waits: false when another
    /// clerk called them first.
    public static func called(_ visit: Visit, staff: String, now: Date, in tx: Transaction) async throws -> Bool {
        try await tx.db.raw(
            """
            UPDATE visits SET state = \(bind: visit.state.rawValue), called_at = \(bind: now.millis),
                counter = \(bind: visit.counter), staff_id = \(bind: staff)
            WHERE appointment_id = \(bind: visit.appointmentID) AND state = 'waiting' RETURNING appointment_id
            """
        ).first() != nil
    }

    /// Writes the end the visit's lifecycle decided, on condition of the state it was read in
    /// (`before`; nil when there was no visit row): false when another clerk ended it first.
    public static func ended(
        _ visit: Visit, readIn before: Visit.State?, staff: String, in tx: Transaction
    )
        async throws -> Bool
    {
        let endedAt = visit.endedAt?.millis
        if let before {
            return try await tx.db.raw(
                """
                UPDATE visits SET state = \(bind: visit.state.rawValue), ended_at = \(bind: endedAt)
                WHERE appointment_id = \(bind: visit.appointmentID) AND state = \(bind: before.rawValue) RETURNING appointment_id
                """
            ).first() != nil
        }
        return try await tx.db.raw(
            """
            INSERT INTO visits (appointment_id, desk, date, state, ended_at, staff_id)
            VALUES (\(bind: visit.appointmentID), \(bind: visit.desk), \(bind: visit.date.iso), \(bind: visit.state.rawValue),
                \(bind: endedAt), \(bind: staff))
            ON CONFLICT (appointment_id) DO NOTHING RETURNING appointment_id
            """
        ).first() != nil
    }

    /// The line of `queue` changed: claims, for the "your turn soon" email, whoever is now among
    /// its first `TurnSoon.place`, asked for it at check-in and was not told yet; returns their
    /// appointments. The claim is conditional: of two calls at once, one claims each.
    public static func turnSoon(
        desk: String, date: LocalDate, queue: String, now: Date, in tx: Transaction
    )
        async throws -> [String]
    {
        let due = try await tx.db.raw(
            """
            SELECT v.appointment_id, v.notify_soon, v.soon_sent_at FROM visits v JOIN appointments a ON a.id = v.appointment_id
            WHERE v.desk = \(bind: desk) AND v.date = \(bind: date.iso) AND v.state = 'waiting' AND v.queue = \(bind: queue)
            ORDER BY a.start_minute, v.checked_in_at, v.ticket LIMIT \(bind: TurnSoon.place)
            """
        ).all().filter {
            try $0.decode(column: "notify_soon", as: Int?.self) == 1
                && $0.decode(column: "soon_sent_at", as: Int?.self) == nil
        }
        var claimed: [String] = []
        for row in due {
            let id = try row.decode(column: "appointment_id", as: String.self)
            if try await tx.db.raw(
                """
                UPDATE visits SET soon_sent_at = \(bind: now.millis)
                WHERE appointment_id = \(bind: id) AND soon_sent_at IS NULL RETURNING appointment_id
                """
            ).first() != nil {
                claimed.append(id)
            }
        }
        return claimed
    }
}

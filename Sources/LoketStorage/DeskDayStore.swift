import Foundation
import LoketDomain
import SQLKit

/// A desk's day as the clerks run it: the agenda, check-in by appointment code, calling the
/// next customer to a counter, and the outcome with the real start and end of service. (Urgent
/// bookings staff make from the reserve are the booking area's: `Booking+Urgent`.)
public struct DeskDayStore: Sendable {
    let database: Database
    /// Whether and when to write customer messages to the outbox; nil writes none.
    let outbox: OutboxSettings?

    public init(database: Database, outbox: OutboxSettings? = nil) {
        self.database = database
        self.outbox = outbox
    }

    /// Today's confirmed appointments at `desk` in time order, each with its visit if any.
    public func agenda(desk: String, date: LocalDate) async throws -> [AgendaItem] {
        try await agenda(desk: desk, dates: date...date)
    }

    /// The confirmed appointments at `desk` on `date` that start in `window`, and those of the
    /// day's customers who are waiting or at a counter whatever their time, in time order.
    public func agenda(desk: String, date: LocalDate, window: AgendaWindow) async throws -> [AgendaItem] {
        try await database.read { db in
            try await db.raw(
                Self.agendaSelect + """
                     WHERE a.desk = \(bind: desk) AND a.date = \(bind: date.iso) AND a.state = 'confirmed'
                    AND ((a.start_minute >= \(bind: window.from.minutes) AND a.start_minute < \(bind: window.until.minutes))
                        OR v.state IN ('waiting', 'called'))
                    ORDER BY a.start_minute, a.created_at
                    """
            ).all().map(Self.decodeAgendaItem)
        }
    }

    /// How far the day at `desk` has come: its confirmed appointments counted by visit state.
    public func progress(desk: String, date: LocalDate) async throws -> DayProgress {
        try await database.read { db in
            var progress = DayProgress()
            for row in try await db.raw(
                """
                SELECT v.state AS visit_state, COUNT(*) AS n FROM appointments a
                LEFT JOIN visits v ON v.appointment_id = a.id
                WHERE a.desk = \(bind: desk) AND a.date = \(bind: date.iso) AND a.state = 'confirmed'
                GROUP BY v.state
                """
            ).all() {
                let state = try row.decode(column: "visit_state", as: String?.self)
                progress.add(
                    state.map { Visit.State(rawValue: $0) ?? .waiting },
                    count: try row.decode(column: "n", as: Int.self))
            }
            return progress
        }
    }

    /// The confirmed appointments at `desk` on `dates`, by day and time, each with its visit if any.
    public func agenda(desk: String, dates: ClosedRange<LocalDate>) async throws -> [AgendaItem] {
        // A big desk's day has some 1,700 appointments: read beside the writer, not before it.
        try await database.read { db in
            try await db.raw(
                Self.agendaSelect + """
                     WHERE a.desk = \(bind: desk) AND a.date >= \(bind: dates.lowerBound.iso) AND a.date <= \(bind: dates.upperBound.iso)
                    AND a.state = 'confirmed' ORDER BY a.date, a.start_minute, a.created_at
                    """
            ).all().map(Self.decodeAgendaItem)
        }
    }

    /// Checks in the customer whose appointment at `desk` today has `code`, giving them the next
    /// ticket of their product's queue (`queues`: product key to queue letter). Checking in twice
    /// gives back the first ticket. `staff` did it (audit log).
    public func checkIn(
        code typed: String, desk: String, date: LocalDate, queues: [String: String], notifySoon: Bool = false,
        staff: String, now: Date
    ) async throws -> AgendaItem {
        guard let code = AppointmentCode.normalised(typed) else {
            throw Refusal.invalidAppointmentCode
        }
        return try await database.transaction { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT id FROM appointments WHERE desk = \(bind: desk) AND date = \(bind: date.iso) AND code = \(bind: code) AND state = 'confirmed'
                    """
                ).first()
            else {
                throw Refusal.unknownAppointmentCode(code)
            }
            let id = try row.decode(column: "id", as: String.self)
            let item = try await Self.agendaItem(id: id, on: db)!
            // The lifecycle decides before a ticket number is spent.
            var probe = item
            do throws(AgendaItem.VisitError) {
                try probe.checkIn(ticket: Ticket(queue: nil, number: 0), today: date, now: now)
            } catch {
                // Checking in twice gives back the first ticket.
                guard error.code == "already_checked_in" else { throw error.asRefusal }
                return item
            }
            let ticket = try await db.raw(
                """
                INSERT INTO ticket_counters (desk, date, last) VALUES (\(bind: desk), \(bind: date.iso), 1)
                ON CONFLICT (desk, date) DO UPDATE SET last = ticket_counters.last + 1
                RETURNING last
                """
            ).first()!.decode(column: "last", as: Int.self)
            // A product no longer in the network file still has its default queue.
            let queue = queues[item.appointment.product] ?? Product.defaultQueueLetter(key: item.appointment.product)
            let number = try await db.raw(
                """
                INSERT INTO queue_counters (desk, date, queue, last) VALUES (\(bind: desk), \(bind: date.iso), \(bind: queue), 1)
                ON CONFLICT (desk, date, queue) DO UPDATE SET last = queue_counters.last + 1
                RETURNING last
                """
            ).first()!.decode(column: "last", as: Int.self)
            var arrived = item
            try decided { () throws(AgendaItem.VisitError) in
                try arrived.checkIn(ticket: Ticket(queue: queue, number: number), today: date, now: now)
            }
            let visit = arrived.visit!
            // A no-show marked before they came may still arrive late: the ticketless visit row
            // is replaced. `ticket` is the desk-wide number (unique per desk and day).
            try await db.raw(
                """
                INSERT INTO visits (appointment_id, desk, date, ticket, queue, queue_number, notify_soon, state, checked_in_at)
                VALUES (\(bind: id), \(bind: desk), \(bind: date.iso), \(bind: ticket), \(bind: queue), \(bind: number),
                    \(bind: notifySoon ? 1 : 0), \(bind: visit.state.rawValue), \(bind: now.millis))
                ON CONFLICT (appointment_id) DO UPDATE SET ticket = excluded.ticket, queue = excluded.queue,
                    queue_number = excluded.queue_number, notify_soon = excluded.notify_soon, state = excluded.state,
                    checked_in_at = excluded.checked_in_at
                WHERE visits.ticket IS NULL
                """
            ).run()
            // Checked in among the first of the queue, someone who asked is told at once: they may
            // wait outside, and the next call may already be theirs.
            try await announceTurnSoon(desk: desk, date: date, queue: queue, now: now, on: db)
            try await AuditLog.append(
                AuditEntry(at: now, staff: staff, action: .checkIn, target: id, desk: desk), on: db)
            return try await Self.agendaItem(id: id, on: db)!
        }
    }

    /// Calls the next customer waiting in one of `queues` (every queue when empty; earliest
    /// appointment, then earliest arrival) to `counter`; nil when nobody is waiting there. Two
    /// clerks calling at once get two different people.
    public func callNext(
        desk: String, date: LocalDate, counter: String, queues: Set<String>, staff: String, now: Date
    ) async throws -> AgendaItem? {
        // A visit checked in before queues had letters (or by the previous release, during an
        // upgrade) is in every queue.
        let inQueues: SQLQueryString =
            queues.isEmpty ? "" : " AND (v.queue IN (\(binds: queues.sorted())) OR v.queue IS NULL)"
        return try await database.transaction { db in
            while true {
                guard
                    let next = try await db.raw(
                        """
                        SELECT v.appointment_id FROM visits v JOIN appointments a ON a.id = v.appointment_id
                        WHERE v.desk = \(bind: desk) AND v.date = \(bind: date.iso) AND v.state = 'waiting'
                        """ + inQueues + " ORDER BY a.start_minute, v.checked_in_at LIMIT 1"
                    ).first()
                else { return nil }
                let id = try next.decode(column: "appointment_id", as: String.self)
                var item = try await Self.agendaItem(id: id, on: db)!
                try decided { () throws(AgendaItem.VisitError) in try item.call(counter: counter, now: now) }
                // Conditional on the state it was read in: two clerks calling at once get two people.
                let called = try await db.raw(
                    """
                    UPDATE visits SET state = \(bind: item.visit!.state.rawValue), called_at = \(bind: now.millis),
                        counter = \(bind: counter), staff_id = \(bind: staff)
                    WHERE appointment_id = \(bind: id) AND state = 'waiting' RETURNING appointment_id
                    """
                ).first()
                if called != nil {
                    if let queue = item.visit?.ticket?.queue {
                        try await announceTurnSoon(desk: desk, date: date, queue: queue, now: now, on: db)
                    }
                    try await AuditLog.append(
                        AuditEntry(
                            at: now, staff: staff, action: .call, target: id, desk: desk, detail: "counter \(counter)"),
                        on: db)
                    return try await Self.agendaItem(id: id, on: db)
                }
            }
        }
    }

    /// Ends a visit: served (after being called) or no-show (never came, or did not answer the call).
    public func finishVisit(
        appointment id: String, desk: String, outcome: Visit.State, staff: String, now: Date
    ) async throws -> AgendaItem {
        guard outcome == .served || outcome == .noShow else {
            throw Refusal.invalidOutcome
        }
        return try await database.transaction { db in
            guard let item = try await Self.agendaItem(id: id, on: db), item.appointment.desk == desk else {
                throw Refusal.unknownAppointmentAtDesk
            }
            // The domain decides whether the visit may end so (served only after a call; no
            // no-show for a cancelled appointment or before its start); storage persists it.
            var ended = item
            do {
                if outcome == .served { try ended.serve(now: now) } else { try ended.markNoShow(now: now) }
            } catch let refused as AgendaItem.VisitError {
                throw refused.asRefusal
            }
            // What the lifecycle decided is what is written; both events end the visit.
            let state = ended.visit!.state.rawValue
            let endedAt = ended.visit!.endedAt!
            if let before = item.visit?.state {
                // Conditional on the state it was read in: of two clerks at once, one ends it.
                guard
                    try await db.raw(
                        """
                        UPDATE visits SET state = \(bind: state), ended_at = \(bind: endedAt.millis)
                        WHERE appointment_id = \(bind: id) AND state = \(bind: before.rawValue) RETURNING appointment_id
                        """
                    ).first() != nil
                else {
                    throw Refusal.visitEnded
                }
            } else {
                // Two clerks at once: the second finds the visit already ended.
                guard
                    try await db.raw(
                        """
                        INSERT INTO visits (appointment_id, desk, date, state, ended_at, staff_id)
                        VALUES (\(bind: id), \(bind: desk), \(bind: item.appointment.date.iso), \(bind: state), \(bind: endedAt.millis), \(bind: staff))
                        ON CONFLICT (appointment_id) DO NOTHING RETURNING appointment_id
                        """
                    ).first() != nil
                else {
                    throw Refusal.visitEnded
                }
            }
            // Someone waiting who did not come when called leaves the line: it moves up.
            if item.visit?.state == .waiting, let queue = item.visit?.ticket?.queue {
                try await announceTurnSoon(desk: desk, date: item.appointment.date, queue: queue, now: now, on: db)
            }
            try await AuditLog.append(
                AuditEntry(
                    at: now, staff: staff, action: outcome == .served ? .served : .noShow, target: id, desk: desk),
                on: db)
            return try await Self.agendaItem(id: id, on: db)!
        }
    }

    static func agendaItem(id: String, on db: any SQLDatabase) async throws -> AgendaItem? {
        try await db.raw(agendaSelect + " WHERE a.id = \(bind: id)").first().map(decodeAgendaItem)
    }

    /// An appointment with its visit's columns, as `decodeAgendaItem` reads them.
    static let agendaSelect: SQLQueryString = """
        SELECT a.*, v.ticket, v.queue, v.queue_number, v.notify_soon, v.state AS visit_state, v.checked_in_at, v.called_at, v.counter, v.ended_at
        FROM appointments a LEFT JOIN visits v ON v.appointment_id = a.id
        """

    static func decodeAgendaItem(_ row: any SQLRow) throws -> AgendaItem {
        let stored = try AppointmentRow(decoding: row)
        let appointment = stored.appointment
        let visit = try AgendaVisitRow(decoding: row).visit(of: appointment)
        return AgendaItem(
            appointment: appointment, customerName: stored.customerName, assistance: appointment.assistance,
            visit: visit)
    }

    // MARK: Rows

    /// A `visits` row.
    struct VisitRow: Decodable {
        let appointmentId: String, desk: String, date: String, ticket: Int?, queue: String?, queueNumber: Int?
        let state: String, checkedInAt: Int?, calledAt: Int?, counter: String?, endedAt: Int?, notifySoon: Int?

        var visit: Visit {
            Visit(
                appointmentID: appointmentId, desk: desk, date: LocalDate(iso: date)!,
                ticket: DeskDayStore.ticket(ticket, queue: queue, number: queueNumber),
                state: Visit.State(rawValue: state) ?? .waiting, checkedInAt: checkedInAt.map(Date.init(millis:)),
                calledAt: calledAt.map(Date.init(millis:)), counter: counter, endedAt: endedAt.map(Date.init(millis:)),
                notifySoon: notifySoon == 1)
        }
    }

    /// The visit columns of `agendaSelect`; all nil when the appointment has no visit yet.
    struct AgendaVisitRow {
        let ticket: Ticket?, visitState: String?
        let checkedInAt: Int?, calledAt: Int?, counter: String?, endedAt: Int?, notifySoon: Int?

        /// Column by column, as `AppointmentRow`: once per row of a clerk's agenda.
        init(decoding row: any SQLRow) throws {
            ticket = DeskDayStore.ticket(
                try row.decode(column: "ticket", as: Int?.self),
                queue: try row.decode(column: "queue", as: String?.self),
                number: try row.decode(column: "queue_number", as: Int?.self))
            visitState = try row.decode(column: "visit_state", as: String?.self)
            checkedInAt = try row.decode(column: "checked_in_at", as: Int?.self)
            calledAt = try row.decode(column: "called_at", as: Int?.self)
            counter = try row.decode(column: "counter", as: String?.self)
            endedAt = try row.decode(column: "ended_at", as: Int?.self)
            notifySoon = try row.decode(column: "notify_soon", as: Int?.self)
        }

        /// The visit, on the appointment's desk and day.
        func visit(of appointment: Appointment) -> Visit? {
            guard let visitState else { return nil }
            return Visit(
                appointmentID: appointment.id, desk: appointment.desk, date: appointment.date, ticket: ticket,
                state: Visit.State(rawValue: visitState) ?? .waiting, checkedInAt: checkedInAt.map(Date.init(millis:)),
                calledAt: calledAt.map(Date.init(millis:)), counter: counter, endedAt: endedAt.map(Date.init(millis:)),
                notifySoon: notifySoon == 1)
        }
    }
}

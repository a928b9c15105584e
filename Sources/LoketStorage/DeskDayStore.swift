import Foundation
import LoketDomain
import SQLKit

/// A desk's day as the clerks see it: the agenda, the day's progress, the line and the calls
/// (`+Line`), and the visits table its use cases write (`+Visits`: check-in by appointment code,
/// a call to a counter, the outcome with the real start and end of service).
public struct DeskDayStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

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
                    ORDER BY a.start_minute, a.created_at, a.id
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
                    AND a.state = 'confirmed' ORDER BY a.date, a.start_minute, a.created_at, a.id
                    """
            ).all().map(Self.decodeAgendaItem)
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

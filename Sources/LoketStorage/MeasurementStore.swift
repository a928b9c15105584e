import Foundation
import LoketDomain
import SQLKit

/// The measured history (issue #12): one value per day, desk, product and measure, and the
/// counts of what happened on a day that the measuring reads from the bookkeeping tables.
public struct MeasurementStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Stores `measurements`, replacing what a day already had: measuring twice never duplicates.
    public func record(_ measurements: [MeasuredValue], now: Date) async throws {
        guard !measurements.isEmpty else { return }
        // In key order, so that two servers measuring at once never wait on each other in a circle.
        let ordered = measurements.sorted {
            ($0.desk, $0.product, $0.measure.rawValue, $0.date) < ($1.desk, $1.product, $1.measure.rawValue, $1.date)
        }
        try await database.transaction { db in
            for m in ordered {
                try await db.raw(
                    """
                    INSERT INTO measurements (desk, product, measure, date, value, measured_at)
                    VALUES (\(bind: m.desk), \(bind: m.product), \(bind: m.measure.rawValue), \(bind: m.date.iso),
                        \(bind: m.value), \(bind: now.millis))
                    ON CONFLICT (desk, product, measure, date) DO UPDATE SET value = excluded.value,
                        measured_at = excluded.measured_at
                    """
                ).run()
            }
        }
    }

    /// The history from `dates`, optionally of one desk, product or set of measures, ordered by
    /// desk, product, measure and date.
    public func measurements(
        dates: ClosedRange<LocalDate>, desk: String? = nil, product: String? = nil, measures: [Measure]? = nil
    ) async throws -> [MeasuredValue] {
        // `IN ()` is no SQL PostgreSQL accepts: no measures asked, no values found.
        if measures?.isEmpty == true { return [] }
        return try await database.read { db in
            var query = SQLQueryString(
                """
                SELECT desk, product, measure, date, value FROM measurements
                WHERE date >= \(bind: dates.lowerBound.iso) AND date <= \(bind: dates.upperBound.iso)
                """)
            if let desk { query += " AND desk = \(bind: desk)" }
            if let product { query += " AND product = \(bind: product)" }
            if let measures { query += " AND measure IN (\(binds: measures.map(\.rawValue)))" }
            query += " ORDER BY desk, product, measure, date"
            return try await db.raw(query).all().compactMap { row -> MeasuredValue? in
                let r = try row.decode(model: MeasurementRow.self)
                guard let measure = Measure(rawValue: r.measure), let date = LocalDate(iso: r.date) else { return nil }
                return MeasuredValue(date: date, desk: r.desk, product: r.product, measure: measure, value: r.value)
            }
        }
    }

    /// The first day with a measured value, if any.
    public func firstDate() async throws -> LocalDate? {
        try await database.session { db in
            try await db.raw("SELECT MIN(date) AS first FROM measurements").first()
                .flatMap { try $0.decode(column: "first", as: String?.self) }
                .flatMap(LocalDate.init(iso:))
        }
    }

    /// What happened between `start` and `end` (a day at the desks), counted per desk and
    /// product from the bookkeeping tables; measures that count nothing are left out.
    public func activity(on day: LocalDate, start: Date, end: Date) async throws -> [MeasuredValue] {
        let (s, e) = (start.millis, end.millis)
        return try await database.session { db in
            var counts: [MeasuredValue] = []
            func count(_ measure: Measure, _ sql: SQLQueryString) async throws {
                for row in try await db.raw(sql).all() {
                    let r = try row.decode(model: CountRow.self)
                    counts.append(
                        MeasuredValue(date: day, desk: r.desk, product: r.product, measure: measure, value: Double(r.n))
                    )
                }
            }
            try await count(
                .made,
                "SELECT desk, product, COUNT(*) AS n FROM appointments WHERE created_at >= \(bind: s) AND created_at < \(bind: e) GROUP BY desk, product"
            )
            try await count(
                .cancelled,
                "SELECT desk, product, COUNT(*) AS n FROM appointments WHERE cancelled_at >= \(bind: s) AND cancelled_at < \(bind: e) GROUP BY desk, product"
            )
            try await count(
                .moved,
                "SELECT desk, product, COUNT(*) AS n FROM appointments WHERE moved_at >= \(bind: s) AND moved_at < \(bind: e) GROUP BY desk, product"
            )
            for (measure, state) in [(Measure.served, Visit.State.served), (.noShow, .noShow)] {
                try await count(
                    measure,
                    """
                    SELECT v.desk AS desk, a.product AS product, COUNT(*) AS n FROM visits v
                    JOIN appointments a ON a.id = v.appointment_id
                    WHERE v.date = \(bind: day.iso) AND v.state = \(bind: state.rawValue) GROUP BY v.desk, a.product
                    """)
            }
            try await count(
                .offersMade,
                "SELECT desk, product, COUNT(*) AS n FROM waitlist_offers WHERE offered_at >= \(bind: s) AND offered_at < \(bind: e) GROUP BY desk, product"
            )
            try await count(
                .offersAccepted,
                "SELECT desk, product, COUNT(*) AS n FROM waitlist_offers WHERE accepted_at >= \(bind: s) AND accepted_at < \(bind: e) GROUP BY desk, product"
            )
            try await count(
                .drawEntries,
                """
                SELECT d.desk AS desk, d.product AS product, COUNT(*) AS n FROM draw_entries x JOIN draws d ON d.id = x.draw_id
                WHERE x.created_at >= \(bind: s) AND x.created_at < \(bind: e) GROUP BY d.desk, d.product
                """)
            try await count(
                .drawPlaces,
                """
                SELECT desk, product, CAST(SUM(places) AS BIGINT) AS n FROM draws
                WHERE allocated_at >= \(bind: s) AND allocated_at < \(bind: e) GROUP BY desk, product
                """)
            // An entry joins the line at the first desk it names (the one it chose first).
            var joined: [String: [String: Int]] = [:]
            for row in try await db.raw(
                "SELECT product, desks FROM waitlist WHERE created_at >= \(bind: s) AND created_at < \(bind: e)"
            ).all() {
                let product = try row.decode(column: "product", as: String.self)
                let desk = try row.decode(column: "desks", as: String.self).split(separator: ",").first.map(String.init)
                if let desk { joined[desk, default: [:]][product, default: 0] += 1 }
            }
            for (desk, products) in joined {
                for (product, n) in products {
                    counts.append(
                        MeasuredValue(
                            date: day, desk: desk, product: product, measure: .waitlistJoined, value: Double(n)))
                }
            }
            return counts
        }
    }

    /// People in line at each desk now, per product (an entry waiting at three desks counts at each).
    public func waitlistSizes(on day: LocalDate) async throws -> [MeasuredValue] {
        try await database.session { db in
            try await db.raw("SELECT desk, product, COUNT(*) AS n FROM waitlist_desks GROUP BY desk, product").all()
                .map { row in
                    let r = try row.decode(model: CountRow.self)
                    return MeasuredValue(
                        date: day, desk: r.desk, product: r.product, measure: .waitlistSize, value: Double(r.n))
                }
        }
    }

    /// What the `activity.weeks` weeks before `activity.today` were like and what is booked
    /// ahead, for a forecast that starts from today; `start` and `end` are the window's first
    /// and last midnight at the desks. Counted by the database, never row by row.
    public func recentActivity(today: LocalDate, weeks: Int, start: Date, end: Date) async throws -> RecentActivity {
        let (s, e) = (start.millis, end.millis)
        // Whole days since the window's first midnight (a summer-time hour either way is ignored).
        let day = SQLQueryString("(created_at - \(unsafeRaw: String(s))) / 86400000")
        return try await database.session { db in
            var activity = RecentActivity(today: today, weeks: weeks)
            var persons: [String: (persons: Int, appointments: Int)] = [:]
            for row in try await db.raw(
                """
                SELECT desk, product, \(day) AS day, COUNT(*) AS n, CAST(SUM(persons) AS BIGINT) AS persons,
                    CAST(SUM(CASE WHEN urgent_reason IS NULL THEN 0 ELSE 1 END) AS BIGINT) AS urgent,
                    CAST(SUM(CASE WHEN cancelled_at IS NULL THEN 0 ELSE 1 END) AS BIGINT) AS cancelled
                FROM appointments WHERE created_at >= \(bind: s) AND created_at < \(bind: e)
                GROUP BY desk, product, \(day)
                """
            ).all() {
                let r = try row.decode(model: MadeRow.self)
                let cell = activity.cell(r.desk, r.product)
                activity.cells[cell].add(r.n, on: today.adding(days: -7 * weeks + r.day), since: activity.since)
                activity.made += r.n
                activity.cancelled += r.cancelled
                activity.urgentMade += r.urgent
                persons[r.product, default: (0, 0)].persons += r.persons
                persons[r.product, default: (0, 0)].appointments += r.n
            }
            activity.personsPerAppointment = persons.mapValues { Double($0.persons) / Double(max(1, $0.appointments)) }
            // A waitlist entry is a request at the first desk it chose.
            for row in try await db.raw(
                "SELECT product, desks, \(day) AS day FROM waitlist WHERE created_at >= \(bind: s) AND created_at < \(bind: e)"
            ).all() {
                let r = try row.decode(model: JoinRow.self)
                guard let desk = r.desks.split(separator: ",").first else { continue }
                let cell = activity.cell(String(desk), r.product)
                activity.cells[cell].add(1, on: today.adding(days: -7 * weeks + r.day), since: activity.since)
            }
            for row in try await db.raw(
                "SELECT product, desks FROM waitlist WHERE state IN ('waiting', 'offered')"
            ).all() {
                let r = try row.decode(model: WaitingRow.self)
                guard let desk = r.desks.split(separator: ",").first else { continue }
                activity.cells[activity.cell(String(desk), r.product)].waiting += 1
            }
            for row in try await db.raw(
                """
                SELECT desk, product, date, COUNT(*) AS n FROM appointments
                WHERE date >= \(bind: today.iso) AND state = 'confirmed' GROUP BY desk, product, date
                """
            ).all() {
                let r = try row.decode(model: BookedRow.self)
                guard let date = LocalDate(iso: r.date) else { continue }
                activity.cells[activity.cell(r.desk, r.product)].booked[date] = r.n
            }
            for row in try await db.raw(
                """
                SELECT state, COUNT(*) AS n FROM visits
                WHERE date >= \(bind: activity.since.iso) AND date < \(bind: today.iso) AND state IN ('served', 'no-show')
                GROUP BY state
                """
            ).all() {
                let n = try row.decode(column: "n", as: Int.self)
                if try row.decode(column: "state", as: String.self) == "served" {
                    activity.served = n
                } else {
                    activity.noShows = n
                }
            }
            return activity
        }
    }

    private struct MadeRow: Decodable {
        let desk: String, product: String, day: Int, n: Int, persons: Int, urgent: Int, cancelled: Int
    }

    private struct JoinRow: Decodable {
        let product: String, desks: String, day: Int
    }

    private struct WaitingRow: Decodable {
        let product: String, desks: String
    }

    private struct BookedRow: Decodable {
        let desk: String, product: String, date: String, n: Int
    }

    private struct CountRow: Decodable {
        let desk: String, product: String, n: Int
    }

    private struct MeasurementRow: Decodable {
        let desk: String, product: String, measure: String, date: String, value: Double
    }
}

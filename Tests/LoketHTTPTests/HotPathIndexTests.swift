import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import SQLKit
import Testing

/// Years of data cost nothing on the hot paths (issue #13): every statement the slot list, a
/// hold, a confirmation, a cancellation, the clerk's agenda and the managers' dashboard run on
/// SQLite finds its rows through an index. Each statement is recorded as it runs and its plan
/// read with `EXPLAIN QUERY PLAN`; a plan that reads a table growing with the bookings whole (or
/// all of one desk's history in it) fails.
@Suite(.timeLimit(.minutes(3))) struct HotPathIndexTests: PageTests {
    /// Tables a hot path may read whole: configuration, small and not growing with the bookings.
    static let smallTables: [String: String] = [
        "staff": "the service's accounts, a few hundred",
        "partners": "the partner organisations, dozens",
        "partner_quotas": "a weekly quota per partner and desk",
        "service_clients": "case systems and couriers, a handful",
        "draw_modes": "a row per desk and product",
        "secrets": "a row per server-wide secret",
        "schema_migrations": "a row per migration",
    ]

    /// Tables a hot path may search by desk or product alone: they hold what is live now, or grow
    /// by a few rows a year per desk.
    static let boundedPerDesk: [String: String] = [
        "waitlist_desks": "the line as it is now: a row leaves when its entry ends (WaitlistLine)",
        "draws": "draws at peak times: a few per desk and product a year",
    ]

    /// Index columns that only divide a table (by desk, product, …) and do not bound what it
    /// grows by: a search on these alone reads all of that desk's or product's history.
    static let dividingColumns: Set<String> = ["desk", "pool", "product", "kind", "persons", "partner_id"]

    /// What the plan of `statement` reads whole, by table: a scan ("SCAN t", also "SCAN t USING
    /// INDEX i", which reads all of the index), or a search whose index constraint names only
    /// dividing columns ("SEARCH t USING INDEX i (desk=?)") or an automatic index. Small tables, subqueries and
    /// constant rows are not counted, nor a search of a table bounded per desk; a search by a row's
    /// key, a time or a state is bounded.
    static func wholeReads(of statement: String, plan: [String], tables: Set<String>) -> [String] {
        let aliases = Self.aliases(in: statement)
        return plan.compactMap { step in
            let words = step.split(separator: " ", maxSplits: 2)
            guard words.count >= 2, words[0] == "SCAN" || words[0] == "SEARCH" else { return nil }
            let name = String(words[1])
            guard let table = tables.contains(name) ? name : aliases[name], smallTables[table] == nil else {
                return nil
            }
            // An automatic index is built by reading the whole table, for this statement alone.
            if words[0] == "SCAN" || step.contains("AUTOMATIC") { return table }
            let constrained = Self.constrainedColumns(step)
            let divided = constrained.isEmpty || constrained.isSubset(of: dividingColumns)
            return divided && (constrained.isEmpty || boundedPerDesk[table] == nil) ? table : nil
        }
    }

    /// The columns of a search step's index constraint: `(desk=? AND date>? AND date<?)` → desk, date.
    static func constrainedColumns(_ step: String) -> Set<String> {
        guard let constraint = step.firstMatch(of: #/\(([^()]*[=<>][^()]*)\)/#)?.output.1 else { return [] }
        return Set(
            constraint.split(separator: " AND ").map { term in
                String(term.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
            })
    }

    /// `alias → table` for every `FROM t a`, `JOIN t AS a` in `statement`.
    static func aliases(in statement: String) -> [String: String] {
        let pattern = #/(?i)\b(?:FROM|JOIN)\s+(\w+)\s+(?:AS\s+)?(\w+)/#
        var result: [String: String] = [:]
        for match in statement.matches(of: pattern) {
            result[String(match.output.2)] = String(match.output.1)
        }
        return result
    }

    @Test func everyHotPathQueryUsesAnIndex() async throws {
        let log = StatementLog()
        try await TestServer.run(
            network: TestNetwork.single(counters: 2), databaseLogger: log.logger, options: Self.quickHashes
        ) { server, api in
            _ = try await server.loket.staff.createStaff(
                username: "balie", password: Self.password, role: .clerk, desk: "RACE", by: nil)
            _ = try await server.loket.staff.createStaff(
                username: "chef", password: Self.password, role: .deskManager, desk: "RACE", by: nil)
            try await log.recording {
                #expect(try await api.get("/api/v1/desks/RACE/slots?product=BIO&persons=1").status == 200)
                #expect(try await api.get("/oap/api/desks/RACE/slots/?productKey=BIO&persons=1").status == 200)
                let kept = try await WaitlistAPITests.book(api, slot: "20220602-0900-one", name: "Kept")
                let cancelled = try await WaitlistAPITests.book(api, slot: "20220602-0910-one", name: "Cancelled")
                _ = try await server.loket.booking.cancel(id: cancelled.id, token: cancelled.token)
                #expect(
                    try await api.get(
                        "/api/v1/appointments/\(kept.id)", headers: ["Authorization": "Bearer \(kept.token)"]
                    ).status == 200)
            }
            // The next day, with its history measured (hourly, not a hot path).
            server.clock.advance(minutes: 24 * 60)
            try await server.loket.forecasts.measure()
            let clerk = try await signIn(api, "balie")
            let manager = try await signIn(api, "chef")
            try await log.recording {
                let agenda = try await get(api, "/staff/desks/RACE", cookies: [clerk])
                #expect(agenda.status == 200)
                #expect(agenda.body.contains("Kept"))
                let dashboard = try await get(
                    api, "/staff/dashboard?desk=RACE&product=BIO&weeks=104", cookies: [manager])
                #expect(dashboard.status == 200)
            }

            let tables = Set(
                try await server.database.session { db in
                    try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all().map {
                        try $0.decode(column: "name", as: String.self)
                    }
                })
            let statements = log.statements.filter { statement in
                !["BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "PRAGMA"].contains {
                    statement.uppercased().hasPrefix($0)
                }
            }
            #expect(statements.count > 10, "recorded: \(statements)")
            for statement in statements {
                let plan = try await server.database.session { db in
                    try await db.raw("EXPLAIN QUERY PLAN \(unsafeRaw: statement)").all().map {
                        try $0.decode(column: "detail", as: String.self)
                    }
                }
                let whole = Self.wholeReads(of: statement, plan: plan, tables: tables)
                #expect(whole.isEmpty, "\(whole) read whole by:\n\(statement)\nplan: \(plan)")
                // One desk's day is read by desk, not as every desk's appointments of that day.
                if statement.contains("a.desk = ") {
                    #expect(
                        !plan.contains { $0.contains("INDEX appointments_date ") },
                        "every desk's day read by:\n\(statement)\nplan: \(plan)")
                }
            }
        }
    }
}

extension HotPathIndexTests {
    /// What a plan's steps read whole: tables that grow, by name or alias, scanned or searched by
    /// a dividing column only; not small tables, bounded searches, subqueries or constant rows.
    static let planCases: [(statement: String, step: String, whole: [String])] = [
        ("SELECT * FROM appointments", "SCAN appointments", ["appointments"]),
        (
            "SELECT * FROM appointments a ORDER BY created_at", "SCAN a USING INDEX appointments_created",
            ["appointments"]
        ),
        ("SELECT * FROM outbox", "SCAN outbox USING COVERING INDEX outbox_due", ["outbox"]),
        ("SELECT * FROM appointments AS a WHERE a.date = ?", "SEARCH a USING INDEX appointments_date (date=?)", []),
        (
            "SELECT * FROM slot_units WHERE desk = ?",
            "SEARCH slot_units USING INDEX sqlite_autoindex_slot_units_1 (desk=?)", ["slot_units"]
        ),
        (
            "SELECT * FROM slot_units WHERE desk = ? AND date > ?",
            "SEARCH slot_units USING INDEX slot_units_day (desk=? AND date>?)", []
        ),
        (
            "SELECT * FROM appointments a LEFT JOIN visits v ON v.appointment_id = a.id",
            "SEARCH v USING INDEX sqlite_autoindex_visits_1 (appointment_id=?) LEFT-JOIN", []
        ),
        ("SELECT * FROM holds WHERE id = ?", "SEARCH holds USING INDEX sqlite_autoindex_holds_1 (id=?)", []),
        ("SELECT * FROM draws WHERE desk = ?", "SEARCH draws USING INDEX draws_desk (desk=?)", []),
        ("SELECT * FROM draws", "SCAN draws", ["draws"]),
        ("SELECT * FROM outbox o WHERE o.kind = ?", "SEARCH o USING AUTOMATIC COVERING INDEX (kind=?)", ["outbox"]),
        ("SELECT * FROM staff", "SCAN staff", []),
        ("WITH split AS (SELECT 1) SELECT * FROM split", "SCAN split", []),
        ("SELECT 1", "SCAN CONSTANT ROW", []),
    ]

    @Test(arguments: planCases)
    func aPlanStepReadsAGrowingTableWhole(_ example: (statement: String, step: String, whole: [String])) {
        let tables: Set = ["appointments", "visits", "outbox", "slot_units", "holds", "draws", "staff"]
        #expect(Self.wholeReads(of: example.statement, plan: [example.step], tables: tables) == example.whole)
    }
}

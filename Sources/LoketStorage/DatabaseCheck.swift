import Foundation
import LoketDomain
import SQLKit

/// What `loket verify` reads of a database, as storage facts: the engine's own integrity
/// checks (SQLite), which migrations are applied, and each capacity unit's counter beside the
/// holds and appointments that use it. The application judges them (`Operations.verify`).
public struct DatabaseCheck: Sendable {
    /// A capacity unit at a desk.
    public struct Unit: Hashable, Sendable {
        public let desk: String
        public let key: UnitKey
    }

    /// SQLite's `integrity_check` and `foreign_key_check` findings; empty when all is well
    /// (and on PostgreSQL, which checks its pages itself).
    public let integrityProblems: [String]
    public let appliedMigrations: [Int]
    public let latestMigration: Int
    /// Each unit's counter as stored (`slot_units.taken`, units with none left out).
    public let counted: [Unit: Int]
    /// How many active holds and confirmed appointments use each unit.
    public let used: [Unit: Int]

    /// Reads the facts, on one connection, in one read transaction where the engine has them.
    public static func read(_ database: Database) async throws -> DatabaseCheck {
        let engine = database.engine
        return try await database.session { db in
            try await db.raw(engine == .sqlite ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").run()
            do {
                let facts = try await read(on: db, engine: engine)
                try await db.raw("ROLLBACK").run()
                return facts
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    private static func read(on db: any SQLDatabase, engine: Database.Engine) async throws -> DatabaseCheck {
        var problems: [String] = []
        if engine == .sqlite {
            for row in try await db.raw("PRAGMA integrity_check").all() {
                let line = try row.decode(column: "integrity_check", as: String.self)
                if line != "ok" { problems.append("integrity_check: \(line)") }
            }
            for row in try await db.raw("PRAGMA foreign_key_check").all() {
                problems.append("foreign_key_check: a row of \(try row.decode(column: "table", as: String.self))")
            }
        }
        let applied = try await db.raw("SELECT version FROM schema_migrations ORDER BY version").all().map {
            try $0.decode(column: "version", as: Int.self)
        }
        var counted: [Unit: Int] = [:]
        for row in try await db.raw("SELECT desk, pool, date, minute, taken FROM slot_units WHERE taken <> 0").all() {
            counted[try unit(row, minute: try row.decode(column: "minute", as: Int.self))] =
                try row.decode(column: "taken", as: Int.self)
        }
        var used: [Unit: Int] = [:]
        let spans = try await db.raw(
            """
            SELECT desk, pool, date, start_minute, end_minute, parts FROM holds WHERE state = 'active'
            UNION ALL
            SELECT desk, pool, date, start_minute, end_minute, parts FROM appointments WHERE state = 'confirmed'
            """
        ).all()
        for row in spans {
            let start = try row.decode(column: "start_minute", as: Int.self)
            let parts = try row.decode(column: "parts", as: Int.self)
            // Units are consecutive, so the span divided by the parts is the slot length.
            let step = parts > 0 ? (try row.decode(column: "end_minute", as: Int.self) - start) / parts : 0
            for part in 0..<parts { used[try unit(row, minute: start + part * step), default: 0] += 1 }
        }
        return DatabaseCheck(
            integrityProblems: problems, appliedMigrations: applied, latestMigration: Migrations.latest,
            counted: counted, used: used)
    }

    private static func unit(_ row: any SQLRow, minute: Int) throws -> Unit {
        let date = try row.decode(column: "date", as: String.self)
        guard let day = LocalDate(iso: date) else { throw DatabaseBackup.Problem(description: "a unit on day \(date)") }
        return Unit(
            desk: try row.decode(column: "desk", as: String.self),
            key: UnitKey(pool: try row.decode(column: "pool", as: String.self), date: day, minute: minute))
    }

    /// Units whose counter is not the number of holds and appointments using them.
    public var miscounted: [(unit: Unit, counted: Int, used: Int)] {
        Set(counted.keys).union(used.keys).compactMap { unit in
            let (c, u) = (counted[unit] ?? 0, used[unit] ?? 0)
            return c == u ? nil : (unit, c, u)
        }
        .sorted {
            ($0.unit.desk, $0.unit.key.date, $0.unit.key.minute, $0.unit.key.pool)
                < ($1.unit.desk, $1.unit.key.date, $1.unit.key.minute, $1.unit.key.pool)
        }
    }
}

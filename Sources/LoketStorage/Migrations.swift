import Foundation
import SQLKit

/// Versioned schema changes, applied in order, each in the transaction that records it.
/// Written in the SQL both engines share (BIGINT, TEXT, ON CONFLICT, RETURNING).
enum Migrations {
    /// One schema change: its version and the statements that make it.
    typealias Migration = (version: Int, statements: [String])

    /// Every migration, in order; each is in `Migrations/MigrationNN.swift`.
    static let all: [Migration] = [
        v01, v02, v03, v04, v05, v06, v07, v08, v09, v10, v11, v12, v13, v14, v15, v16, v17, v18, v19, v20, v21,
        v22, v23, v24,
    ]

    static var latest: Int { all.last!.version }

    /// Applies what is missing. On PostgreSQL an advisory lock keeps two servers starting at
    /// once from migrating twice.
    static func run(on database: Database) async throws -> [Int] {
        // Up to date: nothing is written, so a server can start on a database that refuses
        // writes (and serve it read-only).
        let applied = try? await database.read { db in
            try await db.raw("SELECT version FROM schema_migrations").all().map {
                try $0.decode(column: "version", as: Int.self)
            }
        }
        if let applied, Set(applied).isSuperset(of: all.map(\.version)) { return [] }
        return try await database.transaction { db in
            if database.engine == .postgres {
                try await db.raw("SELECT pg_advisory_xact_lock(7324501)").run()
            }
            try await db.raw(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)"
            ).run()
            let applied = Set(
                try await db.raw("SELECT version FROM schema_migrations").all().map {
                    try $0.decode(column: "version", as: Int.self)
                })
            var done: [Int] = []
            for migration in all where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                let now = Int(Date().timeIntervalSince1970)
                try await db.raw(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (\(bind: migration.version), \(bind: now))"
                ).run()
                done.append(migration.version)
            }
            return done
        }
    }
}

extension Database {
    /// Brings the schema up to date; returns the versions applied now.
    @discardableResult
    public func migrate() async throws -> [Int] { try await Migrations.run(on: self) }

    /// Whether every migration of this release is applied (a newer release's may be too).
    public func isMigrated() async throws -> Bool {
        let latest = try await read { db in
            try await db.raw("SELECT MAX(version) AS latest FROM schema_migrations").first()?
                .decode(column: "latest", as: Int?.self)
        }
        return (latest ?? 0) >= Migrations.latest
    }
}

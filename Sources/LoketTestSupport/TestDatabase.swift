import Foundation
import Logging
import LoketStorage
import SQLKit

/// A fresh, migrated database for one test: a new SQLite file, or a new database on the test
/// PostgreSQL server named by `LOKET_TEST_POSTGRES_URL` (scripts/start-test-postgres).
public enum TestDatabase {
    public enum Engine: String, Sendable, CaseIterable {
        case sqlite, postgres
    }

    public static var postgresURL: String? {
        let value = ProcessInfo.processInfo.environment["LOKET_TEST_POSTGRES_URL"]
        return value?.isEmpty == false ? value : nil
    }

    /// The engines to run storage tests on: both when the test PostgreSQL is there. Under CI a
    /// missing server is an error, not a silent skip.
    public static var engines: [Engine] {
        if postgresURL != nil { return [.sqlite, .postgres] }
        if ProcessInfo.processInfo.environment["CI"] != nil {
            fatalError("CI must set LOKET_TEST_POSTGRES_URL (scripts/start-test-postgres)")
        }
        return [.sqlite]
    }

    public static let logger: Logger = {
        var logger = Logger(label: "loket-test")
        logger.logLevel = .warning
        return logger
    }()

    /// The test databases of earlier runs on the test PostgreSQL, dropped once per test process
    /// before its first is made. A test leaves its own behind: a DROP DATABASE forces a
    /// checkpoint, and one per test (while a hundred others run) slowed the other tests'
    /// transactions past the test client's 20-second timeout. Only those made over ten minutes
    /// ago (the time is in the name; a run takes about one): another run on the same server may
    /// be using its own. Kept longer, they piled up to tens of thousands of files, and each
    /// checkpoint's syncing of them stalled the tests' commits for over a minute.
    private static let earlierRuns = Task<Void, Never> {
        guard let base = postgresURL, let admin = try? await Database.open(base, logger: logger) else { return }
        let names =
            (try? await admin.session { db in
                try await db.raw("SELECT datname FROM pg_database WHERE datname LIKE 'lt\\_%'").all()
                    .map { try $0.decode(column: "datname", as: String.self) }
            }) ?? []
        let tenMinutesAgo = Int(Date().timeIntervalSince1970) - 600
        for name in names
        where Int(name.split(separator: "_").dropFirst().first ?? "").map({ $0 < tenMinutesAgo }) ?? true {
            _ = try? await admin.session { db in
                try await db.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
            }
        }
        await admin.close()
    }

    /// Opens a fresh database; call `drop` when done. `logger` is the database's own (the SQL it
    /// runs is logged at trace level).
    public static func make(
        _ engine: Engine, logger: Logger = TestDatabase.logger
    ) async throws -> (database: Database, location: String, drop: @Sendable () async -> Void) {
        let name =
            "lt_\(Int(Date().timeIntervalSince1970))_"
            + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        switch engine {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).sqlite").path
            let database = try await Database.open(path, logger: logger)
            do {
                try await database.migrate()
            } catch {
                await database.close()
                throw error
            }
            return (
                database, path,
                {
                    await database.close()
                    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
                }
            )
        case .postgres:
            guard let base = postgresURL, var components = URLComponents(string: base) else {
                fatalError("LOKET_TEST_POSTGRES_URL is not set")
            }
            await earlierRuns.value
            let admin = try await Database.open(base, logger: logger, acquireTimeout: .seconds(120))
            _ = try await admin.session { db in try await db.raw("CREATE DATABASE \(unsafeRaw: String(name))").run() }
            await admin.close()
            components.path = "/" + name
            let location = components.string!
            // The whole suite shares one PostgreSQL on two cores, which stalls for seconds at a
            // time (databases made and dropped): waiting is right here, not an outage.
            let database = try await Database.open(location, logger: logger, acquireTimeout: .seconds(120))
            try await database.migrate()
            return (
                database, location,
                // Left for the next run to drop (`earlierRuns`).
                { await database.close() }
            )
        }
    }
}

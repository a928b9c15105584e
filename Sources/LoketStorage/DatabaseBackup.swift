import Foundation
import Logging
import SQLKit

/// A consistent copy of the database taken while Loket serves and keeps booking, and its
/// restore into an empty database. SQLite: `VACUUM INTO`, which reads one snapshot in a read
/// transaction (writers in other processes go on under WAL) and writes a compact file; it never
/// restarts under a busy writer the way the step-wise backup API does. PostgreSQL: `pg_dump` in
/// its custom format and `pg_restore` (PostgreSQL's own tools, which must be installed; no
/// Swift package dumps PostgreSQL).
public enum DatabaseBackup {
    /// What a backup file holds, told by its first bytes.
    public enum Format: String, Sendable {
        case sqlite
        case postgresDump = "pg_dump"

        init?(file: String) {
            guard let handle = FileHandle(forReadingAtPath: file) else { return nil }
            defer { try? handle.close() }
            let head = (try? handle.read(upToCount: 16)) ?? Data()
            if head.starts(with: Data("SQLite format 3\0".utf8)) {
                self = .sqlite
            } else if head.starts(with: Data("PGDMP".utf8)) {
                self = .postgresDump
            } else {
                return nil
            }
        }
    }

    /// Why a backup or restore was refused or failed, in words for the operator.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) { self.description = description }
    }

    /// Copies the database at `location` (a SQLite path or a PostgreSQL URL) to `file`, which
    /// must not exist yet (a SQLite copy is created readable by its owner only).
    public static func backUp(_ location: String, to file: String, logger: Logger) async throws {
        guard !FileManager.default.fileExists(atPath: file) else {
            throw Problem(description: "\(file) exists already; back up to a new file.")
        }
        if isPostgres(location) {
            try run(
                "pg_dump", ["--format=custom", "--no-owner", "--file=\(file)", "--dbname=\(location)"],
                what: "pg_dump")
            return
        }
        guard FileManager.default.fileExists(atPath: location) else {
            throw Problem(description: "There is no SQLite database at \(location).")
        }
        try Database.createPrivately(file)
        let database = try await Database.open(location, logger: logger)
        do {
            try await database.session { db in try await db.raw("VACUUM INTO \(bind: file)").run() }
            await database.close()
        } catch {
            await database.close()
            try? FileManager.default.removeItem(atPath: file)
            throw error
        }
    }

    /// Restores backup `file` into `location`, which must be empty (no Loket tables) unless
    /// `replacing`; servers on it must be stopped first. A SQLite file is replaced in one rename.
    public static func restore(_ file: String, into location: String, replacing: Bool, logger: Logger) async throws {
        guard let format = Format(file: file) else {
            throw Problem(description: "\(file) is neither a SQLite database nor a pg_dump custom-format file.")
        }
        if isPostgres(location) {
            guard format == .postgresDump else {
                throw Problem(
                    description: "\(file) is a SQLite backup; it restores into a SQLite file, not PostgreSQL.")
            }
            if !replacing, try await holdsLoketTables(location, logger: logger) {
                throw Problem(description: "The database is not empty; restore into an empty one, or give --replace.")
            }
            try run(
                "pg_restore",
                ["--no-owner", "--exit-on-error", "--single-transaction"]
                    + (replacing ? ["--clean", "--if-exists"] : [])
                    + ["--dbname=\(location)", file], what: "pg_restore")
            return
        }
        guard format == .sqlite else {
            throw Problem(description: "\(file) is a PostgreSQL dump; it restores into PostgreSQL, not a SQLite file.")
        }
        let manager = FileManager.default
        if manager.fileExists(atPath: location), !replacing, try await holdsLoketTables(location, logger: logger) {
            throw Problem(description: "\(location) holds a database; restore into a new file, or give --replace.")
        }
        // Copied beside the target and renamed over it, so the target is either the old file or
        // the whole copy; the old file's journal files would not belong to the copy.
        let staging = location + ".restoring"
        try? manager.removeItem(atPath: staging)
        try Database.createPrivately(staging)
        let source = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
        let target = try FileHandle(forWritingTo: URL(fileURLWithPath: staging))
        while let chunk = try source.read(upToCount: 1 << 20), !chunk.isEmpty {
            try target.write(contentsOf: chunk)
        }
        try target.synchronize()
        try target.close()
        try source.close()
        for journal in ["-wal", "-shm"] { try? manager.removeItem(atPath: location + journal) }
        guard rename(staging, location) == 0 else {
            throw Problem(description: "Could not move the restored file to \(location) (errno \(errno)).")
        }
    }

    static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// Whether `location` holds Loket's tables (its migrations table).
    static func holdsLoketTables(_ location: String, logger: Logger) async throws -> Bool {
        let database = try await Database.open(location, logger: logger)
        let query: SQLQueryString =
            database.engine == .postgres
            ? "SELECT to_regclass('schema_migrations') IS NOT NULL AS present"
            : "SELECT COUNT(*) > 0 AS present FROM sqlite_master WHERE name = 'schema_migrations'"
        do {
            let present = try await database.session { db in
                try await db.raw(query).first()?.decode(column: "present", as: Bool.self) ?? false
            }
            await database.close()
            return present
        } catch {
            await database.close()
            throw error
        }
    }

    /// Runs PostgreSQL's `tool` (found on PATH) with `arguments`; its error output is the problem.
    static func run(_ tool: String, _ arguments: [String], what: String) throws {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else {
            throw Problem(description: "\(tool) is not installed; it comes with PostgreSQL's client tools.")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Problem(description: "\(what) failed: \(said.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }
}

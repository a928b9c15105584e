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
    /// must not exist yet (a SQLite copy is created readable by its owner only). A failed copy
    /// leaves no file.
    public static func backUp(_ location: String, to file: String, logger: Logger) async throws {
        guard !FileManager.default.fileExists(atPath: file) else {
            throw Problem(description: "\(file) exists already; back up to a new file.")
        }
        do {
            if Database.isPostgres(location) {
                try run("pg_dump", ["--format=custom", "--no-owner", "--file=\(file)"], database: location)
                return
            }
            guard FileManager.default.fileExists(atPath: location) else {
                throw Problem(description: "There is no SQLite database at \(location).")
            }
            try Database.createPrivately(file)
            try await Database.using(location, logger: logger) { database in
                try await database.session { db in try await db.raw("VACUUM INTO \(bind: file)").run() }
            }
        } catch {
            try? FileManager.default.removeItem(atPath: file)
            throw error
        }
    }

    /// Restores backup `file` into the PostgreSQL database at `location`, which must be empty
    /// (no Loket tables) unless `replacing`; in one transaction, so a failed restore changes
    /// nothing. Servers on it must be stopped first.
    public static func restorePostgres(
        _ file: String, into location: String, replacing: Bool, logger: Logger
    )
        async throws
    {
        guard try format(of: file) == .postgresDump else {
            throw Problem(description: "\(file) is a SQLite backup; it restores into a SQLite file, not PostgreSQL.")
        }
        if !replacing, try await holdsLoketTables(location, logger: logger) {
            throw Problem(description: "The database is not empty; restore into an empty one, or give --replace.")
        }
        try run(
            "pg_restore",
            ["--no-owner", "--exit-on-error", "--single-transaction"] + (replacing ? ["--clean", "--if-exists"] : [])
                + [file], database: location)
    }

    /// Copies the SQLite backup `file` beside `location` and returns the copy's path, to be
    /// checked and then put in place with `replace`. Refuses a `location` that holds a
    /// database unless `replacing`.
    public static func stageSQLite(
        _ file: String, for location: String, replacing: Bool, logger: Logger
    )
        async throws -> String
    {
        guard try format(of: file) == .sqlite else {
            throw Problem(description: "\(file) is a PostgreSQL dump; it restores into PostgreSQL, not a SQLite file.")
        }
        if FileManager.default.fileExists(atPath: location), !replacing,
            try await holdsLoketTables(location, logger: logger)
        {
            throw Problem(description: "\(location) holds a database; restore into a new file, or give --replace.")
        }
        let staging = location + ".restoring"
        try? FileManager.default.removeItem(atPath: staging)
        do {
            try Database.createPrivately(staging)
            let source = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
            defer { try? source.close() }
            let target = try FileHandle(forWritingTo: URL(fileURLWithPath: staging))
            defer { try? target.close() }
            while let chunk = try source.read(upToCount: 1 << 20), !chunk.isEmpty {
                try target.write(contentsOf: chunk)
            }
            try target.synchronize()
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
        return staging
    }

    /// Puts the checked copy `staging` in place of `location` in one rename, so that
    /// `location` is either the old file or the whole copy; the old file's journal files,
    /// which would not belong to the copy, go.
    public static func replace(_ location: String, with staging: String) throws {
        for journal in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: location + journal) }
        guard rename(staging, location) == 0 else {
            throw Problem(description: "Could not move the restored file to \(location) (errno \(errno)).")
        }
    }

    static func format(of file: String) throws -> Format {
        guard let format = Format(file: file) else {
            throw Problem(description: "\(file) is neither a SQLite database nor a pg_dump custom-format file.")
        }
        return format
    }

    /// Whether `location` holds Loket's tables (its migrations table).
    static func holdsLoketTables(_ location: String, logger: Logger) async throws -> Bool {
        try await Database.using(location, logger: logger) { database in
            let query: SQLQueryString =
                database.engine == .postgres
                ? "SELECT to_regclass('schema_migrations') IS NOT NULL AS present"
                : "SELECT COUNT(*) > 0 AS present FROM sqlite_master WHERE name = 'schema_migrations'"
            return try await database.session { db in
                try await db.raw(query).first()?.decode(column: "present", as: Bool.self) ?? false
            }
        }
    }

    /// Runs PostgreSQL's `tool` (found on PATH) with `arguments` against the database at the URL
    /// `database`; the password goes in the environment (`PGPASSWORD`), not on the command line
    /// where anyone on the machine could read it. Its error output is the problem.
    static func run(_ tool: String, _ arguments: [String], database: String) throws {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else {
            throw Problem(description: "\(tool) is not installed; it comes with PostgreSQL's client tools.")
        }
        guard var url = URLComponents(string: database) else { throw StorageError.badDatabaseURL }
        var environment = ProcessInfo.processInfo.environment
        if let password = url.password {
            environment["PGPASSWORD"] = password
            url.password = nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments + ["--dbname=\(url.string ?? database)"]
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Problem(description: "\(tool) failed: \(said.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }
}

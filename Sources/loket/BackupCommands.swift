import ArgumentParser
import Foundation
import LoketApp
import LoketStorage

/// `loket backup`: a consistent copy of the database while servers keep booking.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database, consistently, while Loket serves and keeps booking.",
        discussion: """
            SQLite: a compact copy of one snapshot (VACUUM INTO), readable by its owner only. PostgreSQL: \
            pg_dump in its custom format (PostgreSQL's client tools must be installed). Back up the \
            manage-link key file too: links in emails already sent need it. Restore with `loket restore`.
            """)

    @Option(help: ArgumentHelp("The backup file to write; it must not exist yet.", valueName: "file"))
    var to: String

    @OptionGroup var common: DatabaseOptions

    func run() async throws {
        let logger = try common.makeLogger()
        let began = ContinuousClock.now
        try await DatabaseBackup.backUp(common.resolvedDatabase, to: to, logger: logger)
        let size = (try? FileManager.default.attributesOfItem(atPath: to)[.size] as? Int) ?? 0
        print("Backed up to \(to): \(size) bytes in \(ContinuousClock.now - began).")
    }
}

/// `loket restore`: a backup into an empty database, checked before anything runs on it.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup into an empty database, then verify it.",
        discussion: """
            Refuses a database that holds Loket's tables unless --replace (stop every server on it \
            first). Runs the checks of `loket verify` afterwards and fails if they find a problem.
            """)

    @Option(help: ArgumentHelp("The backup file, from `loket backup`.", valueName: "file"))
    var from: String

    @Flag(help: "Replace what the database holds.")
    var replace = false

    @OptionGroup var common: DatabaseOptions

    func run() async throws {
        let logger = try common.makeLogger()
        let began = ContinuousClock.now
        let location = common.resolvedDatabase
        if Database.isPostgres(location) {
            // One transaction: a failed restore leaves the database as it was.
            try await DatabaseBackup.restorePostgres(from, into: location, replacing: replace, logger: logger)
            try await VerifyCommand.sound(location, common)
        } else {
            // The copy is checked before it replaces anything: a bad backup never costs a good file.
            let staging = try await DatabaseBackup.stageSQLite(from, for: location, replacing: replace, logger: logger)
            do {
                try await VerifyCommand.sound(staging, common)
                try DatabaseBackup.replace(location, with: staging)
            } catch {
                try? FileManager.default.removeItem(atPath: staging)
                throw error
            }
        }
        print("Restored \(from) and verified it in \(ContinuousClock.now - began).")
    }
}

/// `loket verify`: whether a database is whole and consistent.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a database: integrity, migrations, and capacity counters against bookings.",
        discussion: """
            SQLite's integrity and foreign-key checks; every migration applied; each capacity unit's \
            counter equal to the active holds and confirmed appointments that use it; no unit over its \
            counters. Prints each problem and exits with 1 if there is any.
            """)

    @OptionGroup var common: DatabaseOptions

    func run() async throws {
        try await Self.sound(common.resolvedDatabase, common)
        print("The database is sound.")
    }

    /// Fails with the problems `loket verify` finds in the database at `location`, if any.
    static func sound(_ location: String, _ common: DatabaseOptions) async throws {
        guard Database.isPostgres(location) || FileManager.default.fileExists(atPath: location) else {
            throw DatabaseBackup.Problem(description: "There is no SQLite database at \(location).")
        }
        let network = try common.loadNetwork()
        let logger = try common.makeLogger()
        let problems = try await Database.using(location, logger: logger) { database in
            try await Loket(options: ServerOptions(network: network), database: database, logger: logger).operations
                .verify()
        }
        guard problems.isEmpty else { throw Failed(problems: problems) }
    }

    /// The problems found, printed one a line; the command then fails.
    struct Failed: Error, CustomStringConvertible {
        let problems: [String]
        var description: String {
            "The database has \(problems.count) problem(s):\n" + problems.map { "  \($0)" }.joined(separator: "\n")
        }
    }
}

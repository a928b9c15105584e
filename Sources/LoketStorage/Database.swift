import AsyncKit
import Foundation
import Logging
import LoketDomain
import NIOCore
import NIOPosix
import NIOSSL
import PostgresKit
import PostgresNIO
import SQLKit
import SQLiteKit
import Synchronization
import Tracing

/// The one database Loket runs on: an embedded SQLite file, or PostgreSQL when several
/// server processes share the work. Every query is written once in SQLKit and runs on both.
public final class Database: Sendable {
    public enum Engine: String, Sendable { case sqlite, postgres }

    public let engine: Engine
    /// SQLite only: the one connection that writes (see `SQLiteWriter`).
    private let sqlite: SQLiteWriter?
    /// SQLite only: read-only connections beside the writer's, for the reads on the booking
    /// path (WAL lets them run while a batch is being written, instead of queueing behind it).
    private let sqliteReaders: SQLitePool?
    private let postgres: PostgresClient?
    private let postgresRun: Task<Void, Never>?
    /// SQLite only: concurrent transactions share one COMMIT.
    private let groupCommit: GroupCommit?
    /// PostgreSQL only: capacity changes on their way to the other servers, a batch at most
    /// every 50 ms.
    private let announcements = AnnouncementBatches(interval: .milliseconds(50), clock: ContinuousClock())
    let logger: Logger
    /// PostgreSQL only: how long a request waits for a connection, while no other request gets
    /// one either, before the database counts as unavailable (`DatabaseUnavailable`): with a
    /// stopped or unreachable server, requests that wait for a connection fail in bounded time
    /// instead of hanging, and the server can still stop. (Work that holds a connection whose
    /// network is cut waits for TCP, or is cancelled at the end of the shutdown grace.)
    let acquireTimeout: Duration
    /// PostgreSQL only: when a request last got a connection (busy is not away).
    let reached = DatabaseUnavailable.Reached()
    /// Whether a write met `DatabaseReadOnly`, until `probeWrites` finds that writes work again
    /// (the hold sweep probes every second while it is set): the pages say that only viewing works.
    private let refusing = Mutex(false)

    /// A write met the database's refusal, and no probe has found writes working since.
    public var refusesWrites: Bool { refusing.withLock { $0 } }

    /// Tries a write that changes nothing (a transaction that only reads commits even on a
    /// read-only PostgreSQL, so a commit proves nothing): clears `refusesWrites` when it works,
    /// keeps it when the database refuses.
    public func probeWrites() async throws {
        try await transaction { db in
            try await db.raw("UPDATE schema_migrations SET applied_at = applied_at WHERE version < 0").run()
        }
        refusing.withLock { $0 = false }
    }

    /// Opens `location`: a `postgres://user:password@host:port/database` URL, or a SQLite file path.
    public static func open(
        _ location: String, logger: Logger, acquireTimeout: Duration = .seconds(5)
    ) async throws -> Database {
        if isPostgres(location) {
            let (started, signal) = AsyncStream.makeStream(of: Void.self)
            let database = try Database(
                postgresURL: location, logger: logger, acquireTimeout: acquireTimeout, started: signal)
            // Lease nothing before the client's run loop has begun.
            for await _ in started {}
            return database
        }
        try createPrivately(location)
        return try Database(sqlitePath: location, logger: logger)
    }

    /// Opens `location`, runs `body` with it and closes it again, whether `body` fails or not:
    /// for the commands that work on a database once.
    public static func using<R: Sendable>(
        _ location: String, logger: Logger, _ body: (Database) async throws -> R
    ) async throws -> R {
        let database = try await open(location, logger: logger)
        do {
            let result = try await body(database)
            await database.close()
            return result
        } catch {
            await database.close()
            throw error
        }
    }

    /// Whether `location` names a PostgreSQL database (a URL) rather than a SQLite file.
    public static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// Makes a new SQLite file readable by its owner only: it holds personal data. SQLite gives
    /// the `-wal` and `-shm` files the database file's permissions, so they follow.
    static func createPrivately(_ path: String) throws {
        guard path != ":memory:", !FileManager.default.fileExists(atPath: path) else { return }
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        else { throw CannotCreate(path: path) }
    }

    struct CannotCreate: Error, CustomStringConvertible {
        let path: String
        var description: String { "cannot create the database file \(path)" }
    }

    private init(sqlitePath: String, logger: Logger) throws {
        self.acquireTimeout = .seconds(5)
        self.engine = .sqlite
        // One connection: SQLite has one writer at a time anyway, and a single connection makes
        // every transaction strictly serial without busy retries.
        let writer = try SQLiteWriter(path: sqlitePath, logger: logger)
        self.sqlite = writer
        let readers = DurableSQLiteSource(
            base: SQLiteConnectionSource(configuration: .init(storage: .file(path: sqlitePath))), readOnly: true)
        self.sqliteReaders = SQLitePool(
            pool: EventLoopGroupConnectionPool(
                source: readers, maxConnectionsPerEventLoop: 1, requestTimeout: .seconds(30), pruneInterval: nil,
                logger: logger, on: MultiThreadedEventLoopGroup.singleton))
        self.postgres = nil
        self.postgresRun = nil
        self.logger = logger
        self.groupCommit = GroupCommit(executor: writer.thread) { body in
            try await writer.withConnection(body)
        }
    }

    private init(
        postgresURL: String, logger: Logger, acquireTimeout: Duration, started: AsyncStream<Void>.Continuation
    ) throws {
        self.acquireTimeout = acquireTimeout
        guard let url = URLComponents(string: postgresURL), let host = url.host, let user = url.user else {
            throw StorageError.badDatabaseURL
        }
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        // `?sslmode=` as libpq spells it: disable (default here, for loopback), prefer, require.
        let tls: PostgresClient.Configuration.TLS
        switch url.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "disable" {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        default: throw StorageError.badDatabaseURL
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: url.port ?? 5432, username: user, password: url.password,
            database: database.isEmpty ? nil : database, tls: tls)
        configuration.options.maximumConnections = 16
        // At trace level PostgresNIO logs every message from the server, rows included, which
        // hold personal data: its log goes no lower than debug, whatever Loket's does.
        var driverLogger = logger
        driverLogger.logLevel = max(logger.logLevel, .debug)
        let client = PostgresClient(
            configuration: configuration, eventLoopGroup: SpreadEventLoops(), backgroundLogger: driverLogger)
        self.engine = .postgres
        self.sqlite = nil
        self.sqliteReaders = nil
        self.groupCommit = nil
        self.postgres = client
        self.postgresRun = Task {
            started.finish()
            await client.run()
        }
        self.logger = logger
    }

    /// Runs `body` in one transaction, retrying when PostgreSQL aborts it for a deadlock or a
    /// serialization conflict. Throwing from `body` rolls everything back.
    public func transaction<R: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        try await traced("db.transaction") {
            do {
                return try await writing(body)
            } catch {
                throw refused(error)
            }
        }
    }

    /// `error`, as `DatabaseReadOnly` when it is the engine's refusal to write (remembered).
    private func refused(_ error: any Error) -> any Error {
        guard let readOnly = DatabaseReadOnly.from(error) else { return error }
        refusing.withLock { $0 = true }
        return readOnly
    }

    /// A span around one use of the database, with the engine's name as OpenTelemetry spells it
    /// (no statement text: the statements carry no personal data, but their values would).
    private func traced<R: Sendable>(_ name: String, _ body: () async throws -> R) async throws -> R {
        try await withSpan(name, ofKind: .client) { span in
            span.attributes["db.system.name"] = engine == .sqlite ? "sqlite" : "postgresql"
            return try await body()
        }
    }

    private func writing<R: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        if let groupCommit {
            // The batch runs on the writer's task: the request's id goes along with the work.
            let request = TracedRequest.id
            return try await groupCommit.transaction { db in
                try await TracedRequest.$id.withValue(request) { try await body(db) }
            }
        }
        return try await Self.retryingConflicts {
            try await connected { db in
                try await db.raw(self.engine == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN").run()
                do {
                    let result = try await body(db)
                    try await db.raw("COMMIT").run()
                    return result
                } catch {
                    try? await db.raw("ROLLBACK").run()
                    throw error
                }
            }
        }
    }

    /// `session` for work that writes in one statement at most (`Idempotency.once(alone:)`): run
    /// again, as a transaction is, when PostgreSQL aborts that statement for a deadlock or a
    /// serialization conflict (it then wrote nothing).
    func writeAlone<R: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        try await Self.retryingConflicts { try await session(body) }
    }

    /// Runs `body` up to ten times while PostgreSQL aborts it for a deadlock or a serialization
    /// conflict.
    private static func retryingConflicts<R>(_ body: () async throws -> R) async throws -> R {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await body()
            } catch let error as PSQLError where attempt < 10 && isRetryable(error) {
                continue
            }
        }
    }

    /// Runs `body` on one connection without a transaction, for reads (and a few single writes).
    public func session<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R
    {
        try await traced("db.session") {
            do {
                return try await connected(body)
            } catch {
                throw refused(error)
            }
        }
    }

    private func connected<R: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        if let sqlite { return try await sqlite.withConnection(body) }
        let postgres = postgres!
        return try await DatabaseUnavailable.acquiring(within: acquireTimeout, reached: reached) { holding in
            try await postgres.withConnection { connection in
                try holding()
                return try await body(PostgresSession(connection, logger: self.logger))
            }
        }
    }

    /// Runs `body`, which only reads, on one connection: on SQLite one of the read-only
    /// connections, which never wait for the writer. A write there fails (`query_only`).
    public func read<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        guard let sqliteReaders else { return try await session(body) }
        let logger = self.logger
        return try await traced("db.read") {
            try await sqliteReaders.pool.withConnection(logger: logger) { connection in
                connection.eventLoop.makeFutureWithTask {
                    try await body(TextLoggedDatabase(base: connection.sql(queryLogLevel: nil)))
                }
            }.get()
        }
    }

    /// The PostgreSQL channel on which servers announce capacity changes, payload the desk code
    /// (`CapacityChange.payload`).
    static let capacityChannel = "loket_capacity"

    /// Calls `changed` with every capacity change another server commits, until the connection
    /// drops (then it throws) or the task is cancelled. PostgreSQL only.
    public func listenForCapacityChanges(_ changed: @escaping @Sendable (CapacityChange) -> Void) async throws {
        guard let postgres else { return }
        try await postgres.withConnection { connection in
            try await connection.listen(on: Self.capacityChannel) { notifications in
                for try await notification in notifications { changed(CapacityChange(payload: notification.payload)) }
            }
        }
    }

    /// Tells the other servers on the same PostgreSQL that capacity at `desk` changed, after the
    /// commit and outside it: a NOTIFY inside every booking transaction would serialise commits
    /// on PostgreSQL's notification queue. Changes go out in batches (`AnnouncementBatches`), one
    /// statement each. Should a process die in between, the other servers' caches still expire
    /// within their one-second lifetime. Called only through `CapacityChanges.announce`.
    func announceCapacityChange(_ change: CapacityChange) {
        guard engine == .postgres, announcements.add(change.payload) else { return }
        // Detached: the batches outlive the request that started them, and are not in its trace.
        Task.detached { [self] in
            await announcements.sendAll { payloads in
                do {
                    try await session { db in
                        try await db.raw(
                            """
                            SELECT pg_notify(\(bind: Self.capacityChannel), payload) \
                            FROM unnest(\(bind: payloads)::text[]) AS payload
                            """
                        ).run()
                    }
                } catch {
                    logger.warning("could not announce capacity changes", metadata: ["changes": "\(payloads.count)"])
                }
            }
        }
    }

    /// Fails unless the database answers a query.
    public func ping() async throws {
        _ = try await session { db in try await db.raw("SELECT 1 AS ok").first() }
    }

    public func close() async {
        announcements.close()
        if let sqliteReaders { try? await sqliteReaders.pool.shutdownAsync() }
        if let sqlite { await sqlite.shutdown() }
        postgresRun?.cancel()
    }

    static func isRetryable(_ error: PSQLError) -> Bool {
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40P01" || state == "40001"
    }
}

/// AsyncKit's pool guards its state with a lock and is used from any thread in Vapor, but is
/// not annotated `Sendable`; this box says so once.
struct SQLitePool: @unchecked Sendable {
    let pool: EventLoopGroupConnectionPool<DurableSQLiteSource>
}

/// Opens SQLite connections in WAL mode with full sync, so that a confirmed booking is on disk
/// before the customer hears of it and readers never block the writer.
struct DurableSQLiteSource: ConnectionPoolSource {
    let base: SQLiteConnectionSource
    /// A reader's connection refuses writes, so that a write can only happen on the writer's.
    var readOnly = false

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        base.makeConnection(logger: logger, on: eventLoop).flatMap { connection in
            connection.query("PRAGMA journal_mode = WAL")
                .flatMap { _ in connection.query("PRAGMA synchronous = FULL") }
                .flatMap { _ in connection.query("PRAGMA busy_timeout = 10000") }
                .flatMap { _ in
                    readOnly ? connection.query("PRAGMA query_only = ON") : connection.eventLoop.makeSucceededFuture([])
                }
                .map { _ in connection }
        }
    }
}

public enum StorageError: Error, CustomStringConvertible {
    case badDatabaseURL

    public var description: String {
        switch self {
        case .badDatabaseURL:
            "database: expected postgres://user[:password]@host[:port]/database[?sslmode=disable|prefer|require]"
        }
    }
}

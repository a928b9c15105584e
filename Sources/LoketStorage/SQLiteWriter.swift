import Logging
import NIOCore
import SQLKit
import SQLiteKit
import VaporCSQLite

/// SQLite's one writer connection, driven directly: each statement runs at once on the thread
/// that asks (the writer's own, `WriterThread`), from a cache of prepared statements.
///
/// Through SQLiteNIO a statement is prepared, run as a job on a thread pool, finalised, and its
/// answer comes back by way of an event loop: two thread hops and a compilation for each of the
/// dozen statements of a booking, which held the booking rate to a third of the engine's. Here a
/// transaction is a run of library calls on one thread. Hand-written: SQLiteNIO has no statement
/// cache (its code has a TODO about it) and runs nothing synchronously; GRDB's would bring a
/// second SQLite library into the process, whose POSIX locks would not see this one's. This is
/// the same library SQLiteNIO's read-only connections use (`VaporCSQLite`).
///
/// One task at a time uses the connection (`withConnection` queues the others, as a pool of one
/// connection did), so the handle and the cache need no lock of their own.
final class SQLiteWriter: @unchecked Sendable {
    private var handle: OpaquePointer?
    /// Prepared statements by their SQL; forgotten all at once past `cacheLimit` (statements with
    /// a variable number of binds must not grow it without end).
    private var statements: [String: OpaquePointer] = [:]
    private let cacheLimit = 512
    /// SQLite copies what is bound (`SQLITE_TRANSIENT`, which C defines as a cast Swift cannot import).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    private let turn = WriterTurn()
    /// Where the transactions run, and the group-commit batches (see `WriterThread`).
    let thread = WriterThread()
    let logger: Logger

    /// Opens `path` for writing: WAL, full sync (a confirmed booking is on disk before anyone
    /// hears of it), foreign keys, and a 10 s wait for another process's write lock. The undo
    /// copies each group-commit savepoint keeps stay in memory (`temp_store`): on disk they were a
    /// write of every page a booking touched, a tenth of the writer's time.
    init(path: String, logger: Logger) throws {
        self.logger = logger
        let flags =
            SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_URI
            | SQLITE_OPEN_EXRESCODE
        let opened = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard opened == SQLITE_OK else {
            let failure = SQLiteFailure(code: opened, handle: handle)
            sqlite_nio_sqlite3_close(handle)
            handle = nil
            thread.abandon()
            throw failure
        }
        do {
            for pragma in [
                "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA busy_timeout = 10000",
                "PRAGMA foreign_keys = ON", "PRAGMA temp_store = MEMORY",
            ] {
                try run(pragma, []) { _ in }
            }
        } catch {
            close()
            thread.abandon()
            throw error
        }
    }

    deinit { assert(handle == nil, "SQLiteWriter was not closed") }

    /// Runs `body` with the connection once every task before it is done, on the writer's thread.
    func withConnection<R: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        await turn.wait()
        defer { turn.next() }
        return try await withTaskExecutorPreference(thread) {
            try await body(WriterDatabase(writer: self))
        }
    }

    /// Closes the connection once every task before it is done, and stops its thread.
    func shutdown() async {
        await turn.wait()
        close()
        turn.next()
        await thread.stop()
    }

    private func close() {
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
        statements = [:]
        sqlite_nio_sqlite3_close(handle)
        handle = nil
    }

    /// Runs `sql` with `binds`, calling `onRow` for each row, before it returns.
    func run(_ sql: String, _ binds: [SQLiteData], _ onRow: (any SQLRow) -> Void) throws {
        guard handle != nil else { throw SQLiteFailure(code: SQLITE_MISUSE, message: "the writer is closed") }
        let statement = try prepared(sql)
        defer {
            sqlite_nio_sqlite3_reset(statement)
            sqlite_nio_sqlite3_clear_bindings(statement)
        }
        try bind(binds, to: statement)
        var columns: [String]?
        while true {
            let stepped = sqlite_nio_sqlite3_step(statement)
            if stepped == SQLITE_DONE { return }
            guard stepped == SQLITE_ROW else { throw SQLiteFailure(code: stepped, handle: handle) }
            let count = sqlite_nio_sqlite3_column_count(statement)
            let names =
                columns ?? (0..<count).map { String(cString: sqlite_nio_sqlite3_column_name(statement, $0)) }
            columns = names
            onRow(WriterRow(columns: names, values: (0..<count).map { Self.value(statement, $0) }))
        }
    }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        if statements.count >= cacheLimit {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
            statements = [:]
        }
        var statement: OpaquePointer?
        let prepared = sqlite_nio_sqlite3_prepare_v3(
            handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard prepared == SQLITE_OK, let statement else { throw SQLiteFailure(code: prepared, handle: handle) }
        statements[sql] = statement
        return statement
    }

    private func bind(_ binds: [SQLiteData], to statement: OpaquePointer) throws {
        for (index, value) in binds.enumerated() {
            let position = Int32(index + 1)
            let bound: Int32 =
                switch value {
                case .integer(let value): sqlite_nio_sqlite3_bind_int64(statement, position, Int64(value))
                case .float(let value): sqlite_nio_sqlite3_bind_double(statement, position, value)
                case .text(let value):
                    sqlite_nio_sqlite3_bind_text64(
                        statement, position, value, UInt64(value.utf8.count), Self.transient, UInt8(SQLITE_UTF8))
                case .blob(let value):
                    value.withUnsafeReadableBytes {
                        sqlite_nio_sqlite3_bind_blob64(
                            statement, position, $0.baseAddress, UInt64($0.count), Self.transient)
                    }
                case .null: sqlite_nio_sqlite3_bind_null(statement, position)
                }
            guard bound == SQLITE_OK else { throw SQLiteFailure(code: bound, handle: handle) }
        }
    }

    private static func value(_ statement: OpaquePointer, _ column: Int32) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(numericCast(sqlite_nio_sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(statement, column) else { return .text("") }
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            guard let bytes = sqlite_nio_sqlite3_column_blob(statement, column) else { return .blob(ByteBuffer()) }
            return .blob(ByteBuffer(bytes: UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }
}

/// A statement the writer's SQLite refused, with SQLite's (extended) result code.
struct SQLiteFailure: Error, CustomStringConvertible {
    let code: Int32
    let message: String

    init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    init(code: Int32, handle: OpaquePointer?) {
        self.code = code
        self.message = sqlite_nio_sqlite3_errmsg(handle).map { String(cString: $0) } ?? "SQLite error \(code)"
    }

    /// The primary result code (`SQLITE_READONLY`, `SQLITE_FULL`, …) of an extended one.
    var primaryCode: Int32 { code & 0xff }

    var description: String { "SQLite: \(message) (\(code))" }
}

/// The writer as SQLKit sees it: statements serialised in SQLite's dialect, run at once.
struct WriterDatabase: SQLDatabase {
    let writer: SQLiteWriter

    var logger: Logger { writer.logger }
    var eventLoop: any EventLoop { WriterThread.loop }
    var dialect: any SQLDialect { SQLiteDialect() }
    /// Statements are logged at trace level with their text and without their values, which
    /// may be personal data.
    var queryLogLevel: Logger.Level? { .trace }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (sql, values) = serialize(query)
        logger.trace("Executing query", metadata: ["sql": .string(sql)])
        let encoder = SQLiteDataEncoder()
        try writer.run(sql, try values.map { try encoder.encode($0) }, onRow)
    }

    func execute(
        sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void
    )
        -> EventLoopFuture<Void>
    {
        eventLoop.makeFutureWithTask { try await execute(sql: query, onRow) }
    }
}

/// One row the writer read, decoded as SQLiteKit decodes its own.
struct WriterRow: SQLRow {
    let columns: [String]
    let values: [SQLiteData]

    var allColumns: [String] { columns }

    func contains(column: String) -> Bool { columns.contains(column) }

    func decodeNil(column: String) throws -> Bool {
        guard let index = columns.firstIndex(of: column) else { return true }
        return values[index] == .null
    }

    func decode<D: Decodable>(column: String, as: D.Type) throws -> D {
        guard let index = columns.firstIndex(of: column) else { throw MissingColumn(column: column) }
        return try SQLiteDataDecoder().decode(D.self, from: values[index])
    }

    struct MissingColumn: Error, CustomStringConvertible {
        let column: String
        var description: String { "no column \(column) in the row" }
    }
}

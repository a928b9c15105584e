import PostgresNIO
import SQLiteNIO
import VaporCSQLite

/// The database refuses writes: a read-only file, PostgreSQL in recovery or set read-only, a
/// full disk. A storage fact: reads go on, and the channels answer writes with `503` and
/// `Retry-After` until writes work again, which needs nothing of Loket.
public struct DatabaseReadOnly: Error, CustomStringConvertible {
    public var description: String { "the database refuses writes" }

    /// `error` as this, when it is the engine's refusal to write; nil for any other error.
    static func from(_ error: any Error) -> DatabaseReadOnly? {
        switch error {
        case let error as SQLiteError where error.reason == .readOnly || error.reason == .full:
            return DatabaseReadOnly()
        case let error as SQLiteFailure where [SQLITE_READONLY, SQLITE_FULL].contains(error.primaryCode):
            return DatabaseReadOnly()
        case let error as PSQLError:
            // read_only_sql_transaction (also a standby in recovery), disk_full
            return ["25006", "53100"].contains(error.serverInfo?[.sqlState] ?? "") ? DatabaseReadOnly() : nil
        default:
            return nil
        }
    }
}

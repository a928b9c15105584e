import Crypto
import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit

/// One PostgreSQL connection as SQLKit sees it, with the connection at hand for the statements a
/// booking runs on every request (`firstRow(preparing:)`).
///
/// Through SQLKit every statement is sent unnamed: parsed and planned again each time. For the
/// hold, the hold's read and the confirmation, that was half of PostgreSQL's time per booking
/// (planning the confirmation's CTE alone took longer than running it).
struct PostgresSession: SQLDatabase {
    let connection: PostgresConnection
    private let database: TextLoggedDatabase

    /// `logger` is Loket's, for the statements' text; the connection's own (PostgresNIO's) stays
    /// above trace, where it would log the rows.
    init(_ connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        // PostgresKit would log each statement's values with it, which may be personal data.
        self.database = TextLoggedDatabase(base: connection.sql(queryLogLevel: nil, logger: logger))
    }

    var logger: Logger { database.logger }
    var eventLoop: any EventLoop { database.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { database.version }
    var dialect: any SQLDialect { database.dialect }
    var queryLogLevel: Logger.Level? { database.queryLogLevel }

    func execute(
        sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void
    ) -> EventLoopFuture<Void> {
        database.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await database.execute(sql: query, onRow)
    }

    /// The first row of `query`, run as a prepared statement named after its text and the types
    /// of its values: prepared once per connection, then only bound and run. Nil as the answer's
    /// first element when there is no row; nil altogether when a value cannot be bound directly
    /// (the caller then runs it as any statement).
    func firstPrepared(_ query: any SQLExpression) async throws -> (any SQLRow)?? {
        let (sql, binds) = serialize(query)
        var bindings = PostgresBindings(capacity: binds.count)
        // The statement is prepared with these types, and its name carries them: a nil is bound
        // with the type of what it would hold, so that a customer without a phone number runs
        // the same statement as one with (a nil of no known type makes another statement).
        var types: [PostgresDataType] = []
        types.reserveCapacity(binds.count)
        for bind in binds {
            // As PostgresKit binds them (`PostgresDataTranslation.encode`), for the types it binds
            // without Codable; anything else goes the usual way.
            if let optional = bind as? any OptionalValue, optional.isNone {
                bindings.appendNull()
                types.append(optional.wrappedPostgresType ?? .null)
            } else if let value = bind as? any PostgresThrowingDynamicTypeEncodable {
                try bindings.append(value, context: .default)
                types.append(value.psqlType)
            } else {
                return nil
            }
        }
        let signature = sql + types.map { "|\($0.rawValue)" }.joined()
        let name = "loket_" + SHA256.hash(data: Array(signature.utf8)).prefix(16).hexString
        database.log(sql, prepared: name)
        do {
            let rows = try await NamedStatement.$current.withValue((name, sql, types)) {
                try await connection.execute(NamedStatement(bindings: bindings), logger: logger)
            }
            for try await row in rows { return .some(row.sql()) }
            return .some(nil)
        } catch let error as PSQLError {
            // PostgresNIO keeps a statement whose preparation failed as failed for the life of
            // the connection: unless PostgreSQL refused what the statement did (a constraint, a
            // conflict), the connection goes, and the pool opens another.
            let refusal = error.serverInfo?[.sqlState].map { $0.hasPrefix("23") || $0.hasPrefix("40") } ?? false
            if !refusal { try? await connection.close() }
            throw error
        }
    }
}

/// A statement PostgresNIO prepares and keeps per connection. PostgresNIO names prepared
/// statements by type (`static var name`, `sql`, `bindingDataTypes`); Loket's are built by SQLKit
/// at run time, so they are handed to it for the one call. PostgresNIO reads them while it queues
/// the call, within `current`'s scope.
private struct NamedStatement: PostgresPreparedStatement {
    @TaskLocal static var current: (name: String, sql: String, types: [PostgresDataType]) = ("", "", [])
    static var name: String {
        precondition(!current.name.isEmpty, "a prepared statement's name was read outside its call")
        return current.name
    }
    static var sql: String { current.sql }
    static var bindingDataTypes: [PostgresDataType] { current.types }

    let bindings: PostgresBindings

    func makeBindings() -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
}

/// An optional of any type, to tell a nil bound as `any Encodable` from a value, and the
/// PostgreSQL type of what it holds when it holds something.
private protocol OptionalValue {
    var isNone: Bool { get }
    var wrappedPostgresType: PostgresDataType? { get }
}

extension Optional: OptionalValue {
    var isNone: Bool { self == nil }
    var wrappedPostgresType: PostgresDataType? { (Wrapped.self as? any PostgresEncodable.Type)?.psqlType }
}

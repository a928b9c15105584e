import SQLKit

extension SQLDatabase {
    /// The first row of `query`: on PostgreSQL as a prepared statement (`PostgresSession`), for
    /// the statements a booking runs on every request.
    func firstRow(preparing query: SQLQueryString) async throws -> (any SQLRow)? {
        if let session = self as? PostgresSession, let row = try await session.firstPrepared(query) { return row }
        return try await raw(query).first()
    }
}

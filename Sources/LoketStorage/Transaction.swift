import SQLKit

/// One open transaction as the application holds it: the handle every table operation takes
/// (`Holds`, `Appointments`, `WaitlistEntries`, `FreedSlots`, the outbox, the audit log…), so that a use case
/// writes all its steps in one commit without seeing SQL.
public struct Transaction: Sendable {
    let db: any SQLDatabase
    let engine: Database.Engine
}

extension Database {
    /// Runs `body` in one transaction (see `transaction`), handing it the tables.
    public func write<R: Sendable>(_ body: @escaping @Sendable (Transaction) async throws -> R) async throws -> R {
        let engine = self.engine
        return try await transaction { db in try await body(Transaction(db: db, engine: engine)) }
    }
}

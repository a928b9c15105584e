import Foundation
import LoketDomain
import SQLKit
import Synchronization

/// The audit log: a line per staff action, written in the action's own transaction where it
/// has one (desk day, desk changes, accounts, captures) and right after it otherwise.
/// It holds ids, never a customer's personal data, so the purge leaves it alone.
public struct AuditLog: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Writes `entry` inside the use case's transaction: what staff did is recorded with it or
    /// not at all.
    public static func append(_ entry: AuditEntry, in tx: Transaction) async throws {
        try await append(entry, on: tx.db)
    }

    /// Writes `entry` inside the caller's transaction.
    static func append(_ entry: AuditEntry, on db: any SQLDatabase) async throws {
        let ordinal = Self.written.add(1, ordering: .relaxed).newValue
        try await db.raw(
            """
            INSERT INTO audit_log (id, at, staff_id, action, target, desk, detail, ordinal)
            VALUES (\(bind: Identifiers.make()), \(bind: entry.at.millis), \(bind: entry.staff), \(bind: entry.action.rawValue),
                \(bind: entry.target), \(bind: entry.desk), \(bind: entry.detail), \(bind: ordinal))
            """
        ).run()
    }

    /// Entries this process wrote: the order among entries of one instant, which a transaction
    /// writing several (a change and its new password) gives them all. Only ties of `at` read it,
    /// so a restart starting again from 1 changes no order.
    private static let written = Atomic<Int64>(0)

    /// Writes `entry` on its own, after an action whose store has no transaction to join.
    public func append(_ entry: AuditEntry) async throws {
        try await database.transaction { db in try await Self.append(entry, on: db) }
    }

    /// How many `action` entries about `target` there are at or after `since` (refused checks, to cap them).
    public func count(_ action: AuditAction, target: String, since: Date) async throws -> Int {
        try await database.read { db in
            try await db.raw(
                """
                SELECT COUNT(*) AS n FROM audit_log
                WHERE target = \(bind: target) AND action = \(bind: action.rawValue) AND at >= \(bind: since.millis)
                """
            ).first()!.decode(column: "n", as: Int.self)
        }
    }

    /// The entries at or after `since`, oldest first, each with the acting account's username.
    public func entries(since: Date) async throws -> [(entry: AuditEntry, username: String?)] {
        try await database.session { db in
            try await db.raw(
                """
                SELECT l.*, s.username FROM audit_log l LEFT JOIN staff s ON s.id = l.staff_id
                WHERE l.at >= \(bind: since.millis) ORDER BY l.at, l.ordinal, l.id
                """
            ).all().compactMap { row in
                let stored = try row.decode(model: AuditRow.self, keyDecodingStrategy: .convertFromSnakeCase)
                guard let action = AuditAction(rawValue: stored.action) else { return nil }
                return (
                    AuditEntry(
                        at: Date(millis: stored.at), staff: stored.staffId, action: action, target: stored.target,
                        desk: stored.desk, detail: stored.detail),
                    stored.username
                )
            }
        }
    }

    /// An `audit_log` row with the username joined in.
    struct AuditRow: Decodable {
        let at: Int, staffId: String?, action: String, target: String?, desk: String?, detail: String?
        let username: String?
    }
}

import Foundation
import LoketDomain
import SQLKit

/// Desk managers' changes to the desk network, kept in the database so that every server
/// process applies the same ones. Adding or removing one is a use case of the application, which
/// audits it in the same transaction and announces the capacity change after it.
public struct DeskChangeStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Records `change` at `desk`, made by `staff`, inside the use case's transaction.
    public static func insert(
        _ change: DeskChange, desk: String, staff: String, now: Date, in tx: Transaction
    ) async throws -> StoredDeskChange {
        let id = Identifiers.make()
        let json = String(decoding: try JSONEncoder().encode(change), as: UTF8.self)
        try await tx.db.raw(
            """
            INSERT INTO desk_changes (id, desk, change, staff_id, created_at)
            VALUES (\(bind: id), \(bind: desk), \(bind: json), \(bind: staff), \(bind: now.millis))
            """
        ).run()
        return StoredDeskChange(id: id, desk: desk, change: change, createdAt: now)
    }

    /// Deletes change `id` at `desk`; false when there was none.
    public static func delete(id: String, desk: String, in tx: Transaction) async throws -> Bool {
        try await tx.db.raw("DELETE FROM desk_changes WHERE id = \(bind: id) AND desk = \(bind: desk) RETURNING id")
            .first() != nil
    }

    /// Every change in the order made.
    public func deskChanges() async throws -> [StoredDeskChange] {
        try await database.session { db in
            try await db.raw("SELECT * FROM desk_changes ORDER BY created_at, id").all().map { row in
                let stored = try row.decode(model: ChangeRow.self, keyDecodingStrategy: .convertFromSnakeCase)
                return StoredDeskChange(
                    id: stored.id, desk: stored.desk,
                    change: try JSONDecoder().decode(DeskChange.self, from: Data(stored.change.utf8)),
                    createdAt: Date(millis: stored.createdAt))
            }
        }
    }

    /// Changes when any desk change is added or removed; servers compare it to reload.
    public func deskChangesVersion() async throws -> String {
        try await database.session { db in
            let version = try await db.raw("SELECT COUNT(*) AS n, MAX(created_at) AS last FROM desk_changes").first()!
                .decode(model: VersionRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            return "\(version.n)/\(version.last ?? 0)"
        }
    }

    // MARK: Rows

    /// A `desk_changes` row; `change` is the change as JSON.
    struct ChangeRow: Decodable {
        let id: String, desk: String, change: String, createdAt: Int
    }

    struct VersionRow: Decodable {
        let n: Int, last: Int?
    }
}

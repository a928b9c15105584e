import Foundation
import LoketDomain
import SQLKit

/// Desk managers' changes to the desk network, kept in the database so that every server
/// process applies the same ones. A change alters capacity, so adding or removing one is
/// announced through `CapacityChanges`.
public struct DeskChangeStore: Sendable {
    let database: Database
    let capacityChanges: CapacityChanges

    public init(database: Database, capacityChanges: CapacityChanges) {
        self.database = database
        self.capacityChanges = capacityChanges
    }

    public func addDeskChange(
        _ change: DeskChange, desk: String, staff: String, now: Date
    ) async throws -> StoredDeskChange {
        let id = Identifiers.make()
        let json = String(decoding: try JSONEncoder().encode(change), as: UTF8.self)
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO desk_changes (id, desk, change, staff_id, created_at)
                VALUES (\(bind: id), \(bind: desk), \(bind: json), \(bind: staff), \(bind: now.millis))
                """
            ).run()
            try await AuditLog.append(
                AuditEntry(at: now, staff: staff, action: .deskChangeAdded, target: id, desk: desk), on: db)
        }
        capacityChanges.announce(desk)
        return StoredDeskChange(id: id, desk: desk, change: change, createdAt: now)
    }

    /// Undoes a change; `staff` did it (audit log, when there was a change to undo).
    public func removeDeskChange(id: String, desk: String, staff: String, now: Date) async throws {
        try await database.transaction { db in
            guard
                try await db.raw(
                    "DELETE FROM desk_changes WHERE id = \(bind: id) AND desk = \(bind: desk) RETURNING id"
                ).first() != nil
            else { return }
            try await AuditLog.append(
                AuditEntry(at: now, staff: staff, action: .deskChangeRemoved, target: id, desk: desk), on: db)
        }
        capacityChanges.announce(desk)
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

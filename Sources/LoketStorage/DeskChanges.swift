import Foundation
import LoketDomain
import SQLKit

/// Desk managers' changes to the desk network, kept in the database so that every server
/// process applies the same ones.
extension BookingStore {
    public func addDeskChange(_ change: DeskChange, desk: String, staff: String, now: Date) async throws -> StoredDeskChange {
        let id = Self.newIdentifier()
        let json = String(decoding: try JSONEncoder().encode(change), as: UTF8.self)
        try await database.session { db in
            try await db.raw("""
                INSERT INTO desk_changes (id, desk, change, staff_id, created_at)
                VALUES (\(bind: id), \(bind: desk), \(bind: json), \(bind: staff), \(bind: now.millis))
                """).run()
        }
        changed(desk)
        return StoredDeskChange(id: id, desk: desk, change: change, createdAt: now)
    }

    public func removeDeskChange(id: String, desk: String) async throws {
        try await database.session { db in
            try await db.raw("DELETE FROM desk_changes WHERE id = \(bind: id) AND desk = \(bind: desk)").run()
        }
        changed(desk)
    }

    /// Every change in the order made.
    public func deskChanges() async throws -> [StoredDeskChange] {
        try await database.session { db in
            try await db.raw("SELECT * FROM desk_changes ORDER BY created_at, id").all().map { row in
                StoredDeskChange(id: try row.decode(column: "id", as: String.self), desk: try row.decode(column: "desk", as: String.self),
                                 change: try JSONDecoder().decode(DeskChange.self, from: Data(try row.decode(column: "change", as: String.self).utf8)),
                                 createdAt: Date(millis: try row.decode(column: "created_at", as: Int.self)))
            }
        }
    }

    /// Changes when any desk change is added or removed; servers compare it to reload.
    public func deskChangesVersion() async throws -> String {
        try await database.session { db in
            let row = try await db.raw("SELECT COUNT(*) AS n, MAX(created_at) AS last FROM desk_changes").first()!
            return "\(try row.decode(column: "n", as: Int.self))/\(try row.decode(column: "last", as: Int?.self) ?? 0)"
        }
    }
}

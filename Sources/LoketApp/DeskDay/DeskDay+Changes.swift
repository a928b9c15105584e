import Foundation
import LoketDomain
import LoketStorage

/// Desk managers' changes on top of the desk network file: closures, hours, counters, blocks.
extension DeskDay {
    /// Records `change` at `desk` with its audit entry, and puts it in force here at once (other
    /// servers within a second).
    @discardableResult
    public func addDeskChange(_ change: DeskChange, desk: String, staff: String) async throws -> StoredDeskChange {
        let now = now()
        let stored = try await database.write { tx in
            let stored = try await DeskChangeStore.insert(change, desk: desk, staff: staff, now: now, in: tx)
            try await AuditLog.append(
                AuditEntry(at: now, staff: staff, action: .deskChangeAdded, target: stored.id, desk: desk), in: tx)
            return stored
        }
        context.capacityChanges.announce(desk)
        try await reloadDeskChanges()
        return stored
    }

    /// `staff` undoes a change at `desk` (audited when there was a change to undo).
    public func removeDeskChange(id: String, desk: String, staff: String) async throws {
        let now = now()
        try await database.write { tx in
            guard try await DeskChangeStore.delete(id: id, desk: desk, in: tx) else { return }
            try await AuditLog.append(
                AuditEntry(at: now, staff: staff, action: .deskChangeRemoved, target: id, desk: desk), in: tx)
        }
        context.capacityChanges.announce(desk)
        try await reloadDeskChanges()
    }

    /// The changes at `desk`, in the order made.
    public func deskChanges(desk: String) async throws -> [StoredDeskChange] {
        try await deskChangeStore.deskChanges().filter { $0.desk == desk }
    }

    /// Reads the desk managers' changes again if any were made since the last look (here or on
    /// another server), and makes every desk's slots be computed afresh.
    public func reloadDeskChanges() async throws {
        let version = try await deskChangeStore.deskChangesVersion()
        guard version != live.version else { return }
        live.replace(changes: try await deskChangeStore.deskChanges(), version: version)
        generations.bumpAll()
    }
}

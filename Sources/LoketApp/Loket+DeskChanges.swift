import Foundation
import LoketDomain

/// Desk managers' changes on top of the desk network file: closures, hours, counters, blocks.
extension Loket {
    /// Records `change` at `desk` and puts it in force here at once (other servers within a second).
    @discardableResult
    public func addDeskChange(_ change: DeskChange, desk: String, staff: String) async throws -> StoredDeskChange {
        let stored = try await deskChangeStore.addDeskChange(change, desk: desk, staff: staff, now: now())
        try await reloadDeskChanges()
        return stored
    }

    /// `staff` undoes a change at `desk`.
    public func removeDeskChange(id: String, desk: String, staff: String) async throws {
        try await deskChangeStore.removeDeskChange(id: id, desk: desk, staff: staff, now: now())
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

import Foundation
import LoketDomain
import LoketStorage

/// The audit log of staff actions: who did what, to what, when; never a customer's data.
extension Loket {
    /// The audit log from `since` on, oldest first, with the acting account's username.
    public func auditEntries(since: Date) async throws -> [(entry: AuditEntry, username: String?)] {
        try await auditLog.entries(since: since)
    }

    /// Records a staff action right after it, for stores that have no transaction to write it in.
    func audit(
        _ action: AuditAction, by staff: String?, target: String?, desk: String?, detail: String? = nil
    ) async throws {
        try await auditLog.append(
            AuditEntry(at: now(), staff: staff, action: action, target: target, desk: desk, detail: detail))
    }
}

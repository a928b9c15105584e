import Foundation
import LoketDomain
import LoketStorage

/// The audit log of staff actions: who did what, to what, when; never a customer's data.
extension StaffAccess {
    /// The audit log from `since` on, oldest first, with the acting account's username.
    public func auditEntries(since: Date) async throws -> [(entry: AuditEntry, username: String?)] {
        try await context.auditLog.entries(since: since)
    }
}

import Foundation
import LoketDomain
import SQLKit

/// What the matcher reads: the freed slots owed to the line, and who is first for one.
extension WaitlistStore {
    /// The freed slots the matcher still owes the waitlist, oldest first.
    public func freedSlots(limit: Int) async throws -> [FreedSlot] {
        try await database.session { db in try await FreedSlots.pending(limit: limit, on: db) }
    }

    /// The first entry in fair order that may be offered `freed` (`WaitlistLine.firstEligible`).
    public func firstEligible(for freed: FreedSlot) async throws -> WaitlistEntry? {
        try await database.session { db in
            guard let id = try await WaitlistLine.firstEligible(for: freed, on: db) else { return nil }
            return try await Self.fetchWaitlist(id: id, on: db)
        }
    }
}

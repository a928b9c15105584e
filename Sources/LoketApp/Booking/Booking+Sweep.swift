import Foundation
import LoketDomain
import LoketStorage

/// Holds that lapsed: their capacity goes back, a client's to the waitlist first.
extension Booking {
    /// Gives back the capacity of every hold that expired by now; returns the desks affected. One
    /// transaction per hold, its write conditional on the state it was read in, so that two
    /// servers sweeping at once release each hold exactly once.
    @discardableResult
    public func releaseExpiredHolds() async throws -> Set<String> {
        let now = context.now()
        let expired = try await store.expiredHolds(now: now)
        var desks = Set<String>()
        for id in expired {
            let desk = try await context.database.write { tx -> String? in
                guard let stored = try await Holds.read(id: id, in: tx) else { return nil }
                var hold = stored.hold
                // The lifecycle decides; a hold confirmed or swept by another server meanwhile is
                // left alone.
                guard (try? hold.expire(now: now)) != nil,
                    try await Holds.write(hold, readIn: stored.hold.state, in: tx)
                else { return nil }
                // A client's lapsed hold goes to the waitlist first, so letting holds lapse and
                // re-taking them gains nothing; a hold without a secret (parked, offered, a draw's or
                // a pickup's) just gives its units back.
                guard stored.hasSecret else {
                    try await CapacityStore.release(stored.placement, in: tx)
                    return stored.placement.desk
                }
                return try await FreedSlots.free(stored.placement, now: now, in: tx) ?? stored.placement.desk
            }
            if let desk {
                desks.insert(desk)
                context.capacityChanges.announce(desk)
            }
        }
        if !desks.isEmpty { context.logger.info("released expired holds", metadata: ["count": "\(expired.count)"]) }
        return desks
    }
}

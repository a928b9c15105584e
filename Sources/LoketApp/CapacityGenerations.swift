import LoketStorage
import Synchronization

/// A counter per desk that moves whenever capacity there changes, here or (through
/// PostgreSQL notifications) on another server. Cached slot lists remember the counter they
/// were computed at and are thrown away when it has moved.
///
/// A second counter per desk moves only when what draws withhold there changes: every booking
/// moves the first, and a hold that read the draws again for each of them cost the booking path
/// a round trip to the database.
final class CapacityGenerations: Sendable {
    /// Per-desk counters, plus an epoch that moves them all at once.
    private let counters = Mutex<(epoch: UInt64, desks: [String: UInt64], draws: [String: UInt64])>((0, [:], [:]))

    func current(_ desk: String) -> UInt64 {
        counters.withLock { $0.epoch &+ ($0.desks[desk] ?? 0) }
    }

    /// Moves whenever what draws withhold at `desk` changes.
    func draws(_ desk: String) -> UInt64 {
        counters.withLock { $0.epoch &+ ($0.draws[desk] ?? 0) }
    }

    /// Moves whenever capacity at any desk changes: for what covers the whole network.
    func network() -> UInt64 {
        counters.withLock { counters in counters.desks.values.reduce(counters.epoch) { $0 &+ $1 } }
    }

    func bump(_ change: CapacityChange) {
        counters.withLock {
            $0.desks[change.desk, default: 0] &+= 1
            if change.draws { $0.draws[change.desk, default: 0] &+= 1 }
        }
    }

    func bumpAll() {
        counters.withLock { $0.epoch &+= 1 }
    }
}

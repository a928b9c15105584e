import LoketDomain
import Synchronization

/// A counter per desk that moves whenever capacity there changes, here or (through
/// PostgreSQL notifications) on another server. Cached slot lists remember the counter they
/// were computed at and are thrown away when it has moved.
final class CapacityGenerations: Sendable {
    /// Per-desk counters, plus an epoch that moves them all at once.
    private let counters = Mutex<(epoch: UInt64, desks: [String: UInt64])>((0, [:]))

    func current(_ desk: String) -> UInt64 {
        counters.withLock { $0.epoch &+ ($0.desks[desk] ?? 0) }
    }

    func bump(_ desk: String) {
        counters.withLock { $0.desks[desk, default: 0] &+= 1 }
    }

    /// The fingerprint and day of the last `changedSinceLastLook`.
    private let lastLook = Mutex<(fingerprint: UInt64, day: LocalDate)?>(nil)

    /// Moves whenever any desk's counter moves.
    func fingerprint() -> UInt64 {
        counters.withLock { state in state.desks.values.reduce(state.epoch, &+) }
    }

    /// Whether any capacity changed, or the day turned, since the last call: the waitlist needs
    /// another look only then.
    func changedSinceLastLook(day: LocalDate) -> Bool {
        let mark = (fingerprint: fingerprint(), day: day)
        return lastLook.withLock { last in
            defer { last = mark }
            return last.map { $0.fingerprint != mark.fingerprint || $0.day != mark.day } ?? true
        }
    }

    func bumpAll() {
        counters.withLock { $0.epoch &+= 1 }
    }
}

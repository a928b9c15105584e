import Foundation
import LoketDomain
import Synchronization

/// The daily purge (`Operations.purge`): run by a `PeriodicService` at start and every few minutes,
/// it purges when the injected clock has moved to another day at the desks. Servers sharing a
/// database may each run it; a purge finds nothing left to do after another.
final class Purger: Sendable {
    let loket: Loket
    /// The day last purged; a failed purge leaves it, so the next look tries again.
    private let lastDay = Mutex<LocalDate?>(nil)

    init(loket: Loket) { self.loket = loket }

    func run() async throws {
        let purged = try await purgeIfNewDay(after: lastDay.withLock { $0 })
        lastDay.withLock { $0 = purged }
    }

    /// Purges when the clock shows another day than `lastDay`; returns the day last purged.
    func purgeIfNewDay(after lastDay: LocalDate?) async throws -> LocalDate? {
        let today = loket.today
        guard today != lastDay else { return lastDay }
        _ = try await loket.operations.purge()
        return today
    }
}

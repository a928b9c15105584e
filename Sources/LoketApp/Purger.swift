import Foundation
import Logging
import LoketDomain
import ServiceLifecycle

/// Runs the purge (`Loket.purge`) once a day: at start and whenever the injected clock has
/// moved to another day at the desks, looking every `interval`. Servers sharing a database may
/// each run it; a purge finds nothing left to do after another.
struct Purger: Service {
    let loket: Loket
    let interval: Duration
    let logger: Logger

    func run() async throws {
        // Cancelled at shutdown, so that a long wait between looks does not hold the server up.
        await cancelWhenGracefulShutdown {
            var lastDay: LocalDate?
            while !Task.isCancelled {
                lastDay = await purgeIfNewDay(after: lastDay)
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Purges when the clock shows another day than `lastDay`; returns the day last purged (a
    /// failed purge is tried again at the next look).
    func purgeIfNewDay(after lastDay: LocalDate?) async -> LocalDate? {
        let today = loket.today
        guard today != lastDay else { return lastDay }
        do {
            _ = try await loket.purge()
            return today
        } catch {
            logger.error("purge failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return lastDay
        }
    }
}

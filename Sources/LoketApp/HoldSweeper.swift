import Foundation
import Logging
import ServiceLifecycle

/// Gives back the capacity of expired holds every `interval`, and forgets stale idempotency
/// answers and expired staff sessions once an hour, until the server shuts down.
struct HoldSweeper: Service {
    let loket: Loket
    let interval: Duration
    let logger: Logger

    func run() async throws {
        // Cancelled as the server starts to stop, sleep and work alike: a sweep waiting for an
        // unreachable database must not hold the stop up (each step is a transaction of its own).
        await cancelWhenGracefulShutdown {
            var lastForget = ContinuousClock.now
            while !Task.isCancelled {
                do {
                    try await loket.sweep()
                    if ContinuousClock.now - lastForget > .seconds(3600) {
                        try await loket.forgetStale()
                        lastForget = .now
                    }
                } catch {
                    if Task.isCancelled { return }
                    logger.error(
                        "sweeping expired holds failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}

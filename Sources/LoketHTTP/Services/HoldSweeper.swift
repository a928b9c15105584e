import Foundation
import Logging
import ServiceLifecycle

/// Gives back the capacity of expired holds every `interval`, and forgets old idempotency
/// answers and expired staff sessions once an hour, until the server shuts down.
struct HoldSweeper: Service {
    let service: BookingService
    let interval: Duration
    let logger: Logger

    func run() async throws {
        var lastForget = ContinuousClock.now
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await service.sweep()
                if ContinuousClock.now - lastForget > .seconds(3600) {
                    try await service.store.forgetIdempotencyKeys(before: service.now().addingTimeInterval(-86_400))
                    try await service.store.forgetExpiredSessions(now: service.now())
                    lastForget = .now
                }
            } catch {
                logger.error("sweeping expired holds failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            }
            try? await Task.sleep(for: interval)
        }
    }
}

import Foundation
import Logging
import ServiceLifecycle

/// Runs the draws (`Loket.runDraws`) every `interval` until the server shuts down. Servers
/// sharing a database may each run it: opening and allocating a draw are conditional writes,
/// so one server does each.
struct DrawService: Service {
    let loket: Loket
    let interval: Duration
    let logger: Logger

    func run() async throws {
        // Cancelled at shutdown, so that the wait between runs does not hold the server up.
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await loket.runDraws()
                } catch {
                    logger.error("running draws failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}

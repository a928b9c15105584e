import Foundation
import Logging
import ServiceLifecycle

/// Runs `work` every `interval` until the server shuts down (the wait is cancelled then, so it
/// does not hold the server up); a failed run is logged and the next one tries again. The draws
/// and the documents' clock run this way: each change they make is a conditional write, so
/// several servers may run them.
struct PeriodicService: Service {
    /// What the log calls it when a run fails.
    let name: String
    let interval: Duration
    let logger: Logger
    let work: @Sendable () async throws -> Void

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await work()
                } catch {
                    logger.error(
                        "\(name) failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}

import Foundation
import Logging
import ServiceLifecycle

/// Runs `work` every `interval` until the server shuts down (the wait is cancelled then, so it
/// does not hold the server up, and so is work in progress: a run waiting for an unreachable
/// database must not hold a stop past its grace); a failed run is logged and the next one tries
/// again. Every background job runs this way: each change it makes is a conditional write or a
/// transaction of its own, so several servers may run them and a cancelled run changes nothing.
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
                    if Task.isCancelled { return } // stopping: not a failure
                    logger.error(
                        "\(name) failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}

import Foundation
import Logging
import ServiceLifecycle

/// Runs `Loket.runDocuments` every `interval` until the server shuts down: documents become
/// ready on their day (and their holders hear so), manifests are fixed at their cutoff, and
/// unclaimed documents are returned. Each change is a conditional write, so several servers
/// may run it.
struct DocumentService: Service {
    let loket: Loket
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await loket.runDocuments()
                } catch {
                    logger.error(
                        "moving documents on failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}

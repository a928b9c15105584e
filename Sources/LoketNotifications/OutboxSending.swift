import Logging
import ServiceLifecycle

/// How the outbox's senders (mail, webhooks) run: every `interval`, send what is due, until the
/// server starts to stop. They are cancelled then: a message cut off mid-send is sent again by
/// the next server (the outbox sends at least once), and a stop is never held up.
enum OutboxSending {
    static func run(
        every interval: Duration, logger: Logger, failure: String,
        _ deliverDue: @escaping @Sendable () async throws -> Void
    ) async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await deliverDue()
                } catch {
                    if Task.isCancelled { return }
                    logger.error("\(failure)", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}

import Foundation
import Logging
import ServiceLifecycle

/// Runs the waitlist matcher (`Loket.matchFreedSlots`) outside the requests that free capacity:
/// at once when one of them wakes it, and every `interval` for slots freed on other servers or
/// left by a failed run, until the server shuts down.
struct WaitlistMatcherService: Service {
    let loket: Loket
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: interval)
                        loket.matcherWakeUp.signal()
                    }
                }
                // Ends when the task is cancelled (shutdown): an AsyncStream finishes then.
                for await _ in loket.matcherWakeUp.signals {
                    do {
                        try await loket.matchFreedSlots()
                    } catch {
                        logger.error(
                            "offering freed slots failed",
                            metadata: ["error": "\(String(reflecting: type(of: error)))"])
                    }
                }
                group.cancelAll()
            }
        }
    }
}

/// Wakes the matcher: many signals while it works become one more run.
public final class MatcherWakeUp: Sendable {
    let signals: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (signals, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func signal() { continuation.yield() }
}

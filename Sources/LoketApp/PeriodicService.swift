import Foundation
import Logging
import ServiceLifecycle

/// Runs `work` at start and then every `interval` (and, with `wakeUp`, also as soon as that is
/// signalled) until the server shuts down. The wait is cancelled then, so it does not hold the
/// server up, and so is work in progress: a run waiting for an unreachable database must not
/// hold a stop past its grace. A failed run is logged and the next one tries again. Every
/// background job runs this way: each change it makes is a conditional write or a transaction of
/// its own, so several servers may run them and a cancelled run changes nothing.
struct PeriodicService: Service {
    /// What the log calls it when a run fails.
    let name: String
    let interval: Duration
    /// Signalled by the requests that leave the job something to do.
    var wakeUp: WakeUp? = nil
    let logger: Logger
    let work: @Sendable () async throws -> Void

    func run() async throws {
        await cancelWhenGracefulShutdown {
            guard let wakeUp else {
                while !Task.isCancelled {
                    await runOnce()
                    try? await Task.sleep(for: interval)
                }
                return
            }
            await withDiscardingTaskGroup { group in
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: interval)
                        wakeUp.signal()
                    }
                }
                wakeUp.signal()
                // Ends when the task is cancelled (shutdown): an AsyncStream finishes then.
                for await _ in wakeUp.signals { await runOnce() }
                group.cancelAll()
            }
        }
    }

    private func runOnce() async {
        do {
            try await work()
        } catch {
            if Task.isCancelled { return } // stopping: not a failure
            logger.error("\(name) failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
        }
    }
}

/// Wakes a `PeriodicService` before its interval is over: many signals while it works become
/// one more run. One service listens to each (an AsyncStream has one consumer, and ends for good
/// when that consumer is cancelled, as the service is when the server stops).
public final class WakeUp: Sendable {
    let signals: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (signals, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func signal() { continuation.yield() }
}

import Dispatch
import NIOCore
import NIOPosix
import Synchronization

/// The database could not be reached in time: no connection was had within the acquisition
/// timeout while no other request got one either, or connecting failed. A storage fact; the
/// channels answer it with `503` and `Retry-After`, and nothing was written.
public struct DatabaseUnavailable: Error, CustomStringConvertible {
    /// Why, for the log: the type of the error met while connecting (a refused connection, a
    /// wrong password, TLS), or nil when no connection came in time. Never request data.
    public var cause: String? = nil

    public var description: String { "the database did not answer in time" }

    /// Whether `error` is this: for the caches that send their last answer meanwhile.
    @Sendable public static func caused(_ error: any Error) -> Bool { error is DatabaseUnavailable }

    /// Runs `work`, which calls the closure it is given once it holds a connection. It fails
    /// with `DatabaseUnavailable` when it holds none after `timeout` and no work anywhere got a
    /// connection within the last `timeout` either (`reached`): a busy pool is waited for, an
    /// unreachable database is not. It also fails so when `work` fails before holding one.
    /// Work that holds its connection runs as long as it needs, unless the caller is cancelled.
    ///
    /// The work is left behind, not awaited, when the wait for a connection fails or the caller
    /// is cancelled (the server stops): PostgresNIO's pool has no acquisition timeout of its own,
    /// and a query on a connection the database dropped as it stopped has been seen to answer
    /// neither its end nor a cancellation, which held a stopping server past its grace. A
    /// connection that comes after the wait failed is refused (`holding` throws), so work the
    /// caller was told failed never runs; a cancelled caller learns nothing of the outcome.
    /// (Written here: neither PostgresNIO nor the concurrency library races work against a
    /// timeout or a cancellation without awaiting the loser.)
    static func acquiring<R: Sendable>(
        within timeout: Duration, reached: Reached,
        _ work: @escaping @Sendable (_ holding: @escaping @Sendable () throws -> Void) async throws -> R
    ) async throws -> R {
        let outcome = Outcome<R>()
        let working = Task {
            do {
                let result = try await work {
                    guard outcome.hold() else { throw CancellationError() }
                    reached.now()
                }
                outcome.finish(.success(result))
            } catch {
                outcome.finish(
                    .failure(
                        outcome.held
                            ? error
                            : DatabaseUnavailable(
                                cause: error is CancellationError ? nil : String(reflecting: type(of: error)))))
            }
        }
        // A timer on an event loop, not a sleeping task: the task's sleep went through
        // Dispatch's timer thread and woke a worker thread when cancelled, on every use of the
        // database (7% of a PostgreSQL booking's time); a loop's timer is an entry in its heap.
        let loop = MultiThreadedEventLoopGroup.currentEventLoop ?? MultiThreadedEventLoopGroup.singleton.next()
        let watching = loop.scheduleRepeatedTask(initialDelay: TimeAmount(timeout), delay: .milliseconds(250)) {
            watch in
            if outcome.held {
                watch.cancel()
            } else if !reached.within(timeout) {
                if outcome.abandon(with: DatabaseUnavailable()) { working.cancel() }
                watch.cancel()
            }
        }
        defer { watching.cancel() }
        return try await withTaskCancellationHandler {
            try await outcome.value()
        } onCancel: {
            working.cancel()
            _ = outcome.abandon(with: CancellationError(), evenIfHeld: true)
        }
    }

    /// How one `acquiring` ends: once, by the work's result, or before the work holds a
    /// connection by the timeout or the caller's cancellation.
    private final class Outcome<R: Sendable>: Sendable {
        private enum State {
            case waiting(CheckedContinuation<R, any Error>?, held: Bool)
            case finished(Result<R, any Error>)
            case delivered
        }
        private let state = Mutex(State.waiting(nil, held: false))

        /// Whether the work holds its connection yet.
        var held: Bool {
            state.withLock {
                if case .waiting(_, let held) = $0 { return held }
                return true
            }
        }

        /// The work got its connection: true unless the outcome was already decided without it.
        func hold() -> Bool {
            state.withLock {
                guard case .waiting(let continuation, _) = $0 else { return false }
                $0 = .waiting(continuation, held: true)
                return true
            }
        }

        /// Ends the wait with `error` unless the work finished, or (but `evenIfHeld`) holds a
        /// connection already.
        func abandon(with error: any Error, evenIfHeld: Bool = false) -> Bool {
            state.withLock {
                guard case .waiting(_, let held) = $0, evenIfHeld || !held else { return false }
                settle(&$0, .failure(error))
                return true
            }
        }

        func finish(_ result: Result<R, any Error>) {
            state.withLock {
                guard case .waiting = $0 else { return }
                settle(&$0, result)
            }
        }

        func value() async throws -> R {
            try await withCheckedThrowingContinuation { continuation in
                let ready: Result<R, any Error>? = state.withLock {
                    switch $0 {
                    case .waiting(_, let held):
                        $0 = .waiting(continuation, held: held)
                        return nil
                    case .finished(let result):
                        $0 = .delivered
                        return result
                    case .delivered:
                        return .failure(CancellationError())
                    }
                }
                if let ready { continuation.resume(with: ready) }
            }
        }

        private func settle(_ state: inout State, _ result: Result<R, any Error>) {
            if case .waiting(let continuation?, _) = state {
                state = .delivered
                continuation.resume(with: result)
            } else {
                state = .finished(result)
            }
        }
    }

    /// When some work last got a connection: while that is recent, the database is busy, not away.
    final class Reached: Sendable {
        private let last = Atomic<UInt64>(DispatchTime.now().uptimeNanoseconds)

        func now() { last.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed) }

        func within(_ duration: Duration) -> Bool {
            let last = last.load(ordering: .relaxed)
            let now = DispatchTime.now().uptimeNanoseconds
            let span =
                UInt64(duration.components.seconds) * 1_000_000_000
                + UInt64(duration.components.attoseconds / 1_000_000_000)
            // Another request may have stored a later instant than `now` was read.
            return now <= last || now - last < span
        }
    }
}

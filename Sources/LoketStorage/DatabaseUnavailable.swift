import Dispatch
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
    /// Work that holds its connection runs as long as it needs. (PostgresNIO's pool has no
    /// acquisition timeout of its own; its lease is given up when the waiting task is cancelled.)
    static func acquiring<R: Sendable>(
        within timeout: Duration, reached: Reached,
        _ work: @escaping @Sendable (_ holding: @escaping @Sendable () -> Void) async throws -> R
    ) async throws -> R {
        let held = Held()
        return try await withThrowingTaskGroup(of: R?.self) { group in
            group.addTask {
                do {
                    return try await work {
                        held.set()
                        reached.now()
                    }
                } catch  where !held.value {
                    throw DatabaseUnavailable(
                        cause: error is CancellationError ? nil : String(reflecting: type(of: error)))
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                while !held.value {
                    guard reached.within(timeout) else { throw DatabaseUnavailable() }
                    try await Task.sleep(for: .milliseconds(250))
                }
                return nil
            }
            while let finished = try await group.next() {
                if let result = finished {
                    group.cancelAll()
                    return result
                }
            }
            throw DatabaseUnavailable()
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

    /// Whether the work holds its connection yet.
    private final class Held: Sendable {
        private let held = Atomic(false)
        func set() { held.store(true, ordering: .releasing) }
        var value: Bool { held.load(ordering: .acquiring) }
    }
}

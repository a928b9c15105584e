import Synchronization

/// The database could not be reached in time: no connection was had within the acquisition
/// timeout, or connecting failed. A storage fact; the channels answer it with `503` and
/// `Retry-After`, and nothing was written.
public struct DatabaseUnavailable: Error, CustomStringConvertible {
    public var description: String { "the database did not answer in time" }

    /// Runs `work`, which calls the closure it is given once it holds a connection; fails with
    /// `DatabaseUnavailable` if it holds none within `timeout` or fails before it does. Work that
    /// has its connection runs as long as it needs. (PostgresNIO's pool has no acquisition
    /// timeout of its own; its lease is given up when the waiting task is cancelled.)
    static func acquiring<R: Sendable>(
        within timeout: Duration,
        _ work: @escaping @Sendable (_ holding: @escaping @Sendable () -> Void) async throws -> R
    ) async throws -> R {
        let held = HeldFlag()
        return try await withThrowingTaskGroup(of: R?.self) { group in
            group.addTask {
                do {
                    return try await work { held.set() }
                } catch  where !held.value {
                    throw DatabaseUnavailable()
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                if !held.value { throw DatabaseUnavailable() }
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
}

/// Whether the work holds its connection yet.
private final class HeldFlag: Sendable {
    private let held = Atomic(false)
    func set() { held.store(true, ordering: .releasing) }
    var value: Bool { held.load(ordering: .acquiring) }
}

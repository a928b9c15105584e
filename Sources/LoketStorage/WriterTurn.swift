import Synchronization

/// Whose turn it is on the writer's one connection: tasks take it one at a time, first come
/// first served, as they did from a connection pool of one. Hand-written: the stack offers no
/// async mutex (NIO's locks block threads, and a task waits here across suspensions).
final class WriterTurn: Sendable {
    private struct State {
        var taken = false
        /// In order of arrival; a few at most (batches carry the rest), so an array serves.
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Returns once this task has the connection.
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { state -> Bool in
                guard state.taken else {
                    state.taken = true
                    return true
                }
                state.waiting.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Gives the connection to the next task waiting, or frees it.
    func next() {
        let following = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.taken = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        following?.resume()
    }
}

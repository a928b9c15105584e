import Logging
import SQLKit
import Synchronization

/// Group commit for SQLite: transactions that arrive while one is being written are run
/// together, each inside its own savepoint, and made durable by a single COMMIT (one fsync).
///
/// Each transaction stays atomic (a failing one rolls back to its savepoint and leaves the others
/// alone) and isolated (they run one after another on the single connection); none is reported
/// done before the shared COMMIT has succeeded. SQLite's own throughput is one fsync per commit;
/// batching is how many bookings per second get past it. Hand-written: SQLiteKit has no group
/// commit.
final class GroupCommit: Sendable {
    /// One transaction: runs its body and returns how to finish once the batch's fate is known.
    struct Job: Sendable {
        /// Runs the body in a savepoint; the returned closure reports the outcome once the COMMIT is
        /// known. Throws only when its savepoint cannot be undone: then the whole batch must go.
        let run: @Sendable (any SQLDatabase) async throws -> @Sendable (Result<Void, any Error>) -> Void
        /// Reports failure for a job that did not finish because its batch failed.
        let abandon: @Sendable (any Error) -> Void
    }

    private struct State {
        var queue: [Job] = []
        var writing = false
    }

    private let state = Mutex(State())
    /// Where the batches are written (see `WriterThread`).
    private let executor: any TaskExecutor
    private let session: @Sendable (@escaping @Sendable (any SQLDatabase) async throws -> Void) async throws -> Void
    /// The most transactions one COMMIT carries, to bound latency and savepoint depth.
    let maxBatch: Int

    init(
        maxBatch: Int = 128, executor: any TaskExecutor,
        session: @escaping @Sendable (@escaping @Sendable (any SQLDatabase) async throws -> Void) async throws -> Void
    ) {
        self.maxBatch = maxBatch
        self.executor = executor
        self.session = session
    }

    /// Runs `body` as one transaction in the next batch.
    func transaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<R, any Error>) in
            let job = Job(
                run: { db in
                    try await db.raw("SAVEPOINT loket_job").run()
                    do {
                        let result = try await body(db)
                        try await db.raw("RELEASE loket_job").run()
                        return { commit in continuation.resume(with: commit.map { result }) }
                    } catch {
                        do {
                            try await db.raw("ROLLBACK TO loket_job").run()
                            try await db.raw("RELEASE loket_job").run()
                        } catch {
                            // The savepoint is beyond repair: its writes could reach the COMMIT, so the
                            // whole batch is rolled back, this job with it (through `abandon`).
                            throw error
                        }
                        return { _ in continuation.resume(throwing: error) }
                    }
                }, abandon: { error in continuation.resume(throwing: error) })
            let startWriter = state.withLock { state -> Bool in
                state.queue.append(job)
                guard !state.writing else { return false }
                state.writing = true
                return true
            }
            if startWriter { Task(executorPreference: executor) { await self.write() } }
        }
    }

    /// Writes batches until the queue is empty.
    private func write() async {
        while true {
            let batch = state.withLock { state -> [Job] in
                let batch = Array(state.queue.prefix(maxBatch))
                state.queue.removeFirst(batch.count)
                if batch.isEmpty { state.writing = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            await write(batch)
        }
    }

    private func write(_ batch: [Job]) async {
        let finishers = Mutex<[@Sendable (Result<Void, any Error>) -> Void]>([])
        do {
            try await session { db in
                try await db.raw("BEGIN IMMEDIATE").run()
                do {
                    for job in batch {
                        let finish = try await job.run(db)
                        finishers.withLock { $0.append(finish) }
                    }
                    try await db.raw("COMMIT").run()
                } catch {
                    try? await db.raw("ROLLBACK").run()
                    throw error
                }
            }
            for finish in finishers.withLock({ $0 }) { finish(.success(())) }
        } catch {
            let ran = finishers.withLock { $0 }
            for finish in ran { finish(.failure(error)) }
            for job in batch.dropFirst(ran.count) { job.abandon(error) }
        }
    }
}

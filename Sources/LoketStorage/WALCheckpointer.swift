import Logging
import NIOPosix
import Synchronization
import VaporCSQLite

/// Copies the writer's committed pages from the write-ahead log into the database file on a
/// connection and a thread of its own, so that the writer never does.
///
/// SQLite checkpoints on the committing connection once the log passes 1,000 pages: the writer
/// then copied pages and synced the database file between two group-commit batches while every
/// booking in the next one waited (with no checkpoints at all, the bound of what this can give,
/// bookings per second rose 11–19%). A passive checkpoint here runs beside the writer's next
/// batch and never blocks it; readers still on older pages only hold it back until the next
/// commit asks again.
/// Durability is the commit's, not the checkpoint's: a crash between the two loses nothing.
/// Hand-written: SQLite's WAL hook is the only way to learn that the log has grown, and neither
/// SQLiteNIO nor SQLKit offers it.
final class WALCheckpointer: @unchecked Sendable {
    /// The checkpointer's own connection, used by one checkpoint at a time (`State.running`).
    private let handle: OpaquePointer
    /// From how many pages in the log a commit asks for a checkpoint (SQLite's own default).
    let pages: Int32
    private let thread: NIOThreadPool
    private let logger: Logger

    private struct State {
        var running = false
        /// A commit asked while a checkpoint ran: one more follows it.
        var again = false
        var stopped = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    init(path: String, pages: Int32 = 1000, logger: Logger) throws {
        var handle: OpaquePointer?
        let opened = sqlite_nio_sqlite3_open_v2(
            path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE, nil)
        // A connection learns that the file is in WAL mode when it first reads it: until then a
        // checkpoint does nothing.
        let read = opened == SQLITE_OK ? sqlite_nio_sqlite3_exec(handle, "PRAGMA journal_mode", nil, nil, nil) : opened
        guard read == SQLITE_OK, let handle else {
            let failure = SQLiteFailure(code: read, handle: handle)
            sqlite_nio_sqlite3_close(handle)
            throw failure
        }
        self.handle = handle
        self.pages = pages
        self.logger = logger
        thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
    }

    /// Takes over the checkpoints of `writer` (a connection to the same file), which from now on
    /// only tells this one how long its log is after each commit.
    func watch(_ writer: OpaquePointer) {
        sqlite_nio_sqlite3_wal_hook(
            writer,
            { context, _, _, pages in
                Unmanaged<WALCheckpointer>.fromOpaque(context!).takeUnretainedValue().logGrew(to: pages)
                return SQLITE_OK
            }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Called by the writer after each commit, on its thread: starts a checkpoint when the log is
    /// long enough and none is running.
    private func logGrew(to pages: Int32) {
        guard pages >= self.pages else { return }
        let start = state.withLock { state -> Bool in
            guard !state.stopped else { return false }
            guard !state.running else {
                state.again = true
                return false
            }
            state.running = true
            return true
        }
        if start { thread.submit { _ in self.checkpoint() } }
    }

    private func checkpoint() {
        while true {
            let result = sqlite_nio_sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            if result != SQLITE_OK {
                logger.warning(
                    "could not checkpoint the write-ahead log",
                    metadata: ["error": "\(SQLiteFailure(code: result, handle: handle))"])
            }
            let waiting = state.withLock { state -> [CheckedContinuation<Void, Never>]? in
                if state.again, !state.stopped {
                    state.again = false
                    return nil
                }
                state.running = false
                defer { state.waiting = [] }
                return state.waiting
            }
            guard let waiting else { continue }
            for continuation in waiting { continuation.resume() }
            return
        }
    }

    /// Returns once no checkpoint is running.
    func idle() async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state -> Bool in
                guard state.running else { return true }
                state.waiting.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Waits for a running checkpoint, starts none after it, and closes the connection and thread.
    func stop() async {
        state.withLock { $0.stopped = true }
        await idle()
        sqlite_nio_sqlite3_close(handle)
        try? await thread.shutdownGracefully()
    }
}

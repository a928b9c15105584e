import NIOCore
import NIOPosix

/// The one thread on which SQLite's writer runs both its statements and the transactions that
/// issue them.
///
/// SQLiteNIO runs every statement on a thread pool and resumes the awaiting task elsewhere. A
/// group-commit batch is a chain of such statements, one after another, and on the shared threads
/// each step waited for a wake-up behind the HTTP work: the writer, not the CPU, set the booking
/// rate (the server used one of its two cores). Here the batch's task is itself a job on the
/// statements' thread, so a statement and the code that awaits it follow each other on one thread
/// without sleeping. Hand-written: NIO offers its event loops to actors as serial executors, but
/// nothing runs a task on a thread pool's thread.
///
/// One writer connection per database file in a process (`Database` opens one): SQLite's busy
/// handler sleeps on this thread, so a second writer to the same file here would stall both.
final class WriterThread: TaskExecutor {
    /// Shared by every SQLite database of the process (a server has one), like NIO's singletons.
    static let shared = WriterThread()

    /// Where the writer's statements run: SQLiteNIO takes the pool its connection uses.
    let pool: NIOThreadPool
    /// The event loop of the writer's connection, on which its futures complete: its own, not one
    /// of the server's. Code awaiting the writer goes on where that future completes, so on a
    /// server loop every request that once touched the writer (a staff session, say) stayed on
    /// that one loop and the server used one core for all such pages.
    let loop: any EventLoop

    private init() {
        pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        loop = MultiThreadedEventLoopGroup(numberOfThreads: 1).next()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        // The pool is never stopped; were it, NIO would run the job on the caller's thread.
        pool.submit { _ in job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

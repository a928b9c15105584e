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
/// One per writer connection (`SQLiteWriter` owns it and stops it on close): SQLite's busy
/// handler sleeps on this thread, and a process with several databases (the test suite opens
/// hundreds) must not queue one database's writes behind another's.
final class WriterThread: TaskExecutor {
    /// The event loop on which the writer's futures complete, for the SQLKit calls that still
    /// ask for one: its own, not one of the server's. Code awaiting the writer goes on where that
    /// future completes, so on a server loop every request that once touched the writer (a staff
    /// session, say) stayed on that one loop and the server used one core for all such pages.
    static let loop: any EventLoop = MultiThreadedEventLoopGroup(numberOfThreads: 1).next()

    /// Where the writer's statements and the transactions that issue them run.
    private let pool: NIOThreadPool

    init() {
        pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        pool.submit { state in
            switch state {
            case .active: job.runSynchronously(on: self.asUnownedTaskExecutor())
            case .cancelled:
                // The thread is stopping or stopped (NIO then calls this on the caller's thread, or
                // on another queue beside the thread's last job): the job runs one at a time on the
                // writer's loop instead, and finds the writer closed.
                WriterThread.loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
            }
        }
    }

    /// Stops the thread; a job that comes later runs on `loop`. Call it from a task not running on it.
    func stop() async {
        try? await pool.shutdownGracefully()
    }

    /// Stops the thread without waiting (a writer that could not open its file).
    func abandon() {
        pool.shutdownGracefully { _ in }
    }
}

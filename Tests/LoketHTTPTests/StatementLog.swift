import Logging
import LoketTestSupport
import Synchronization

/// The SQL a database runs, as SQLKit logs it: every statement is logged at trace level with
/// its text in the `sql` metadata. Give `logger` to the database and wrap what to record in
/// `recording`; statements are kept once each, in the order first seen, and also as run.
final class StatementLog: Sendable {
    private struct State {
        var recording = false
        var statements: [String] = []
        var seen: Set<String> = []
        var executed: [String] = []
        var prepared: [String] = []
    }

    private let state = Mutex(State())

    var logger: Logger {
        // Passes the `sql` of each logged statement on; everything else is dropped.
        Logger(label: "loket-test-sql") { _ in
            RecordingLogHandler { _, metadata in
                if case .string(let sql) = metadata["sql"] { self.record(sql, prepared: metadata["prepared"] != nil) }
            }
        }
    }

    /// Runs `body`, recording the statements it causes.
    func recording<R>(_ body: () async throws -> R) async rethrows -> R {
        state.withLock { $0.recording = true }
        defer { state.withLock { $0.recording = false } }
        return try await body()
    }

    var statements: [String] { state.withLock { $0.statements } }

    /// Every statement run while recording, each time it ran.
    var executed: [String] { state.withLock { $0.executed } }

    /// The statements of `executed` that ran prepared on PostgreSQL (logged with their name).
    var prepared: [String] { state.withLock { $0.prepared } }

    /// Forgets what was recorded.
    func clear() {
        state.withLock { $0 = State() }
    }

    private func record(_ sql: String, prepared: Bool) {
        state.withLock { state in
            guard state.recording else { return }
            state.executed.append(sql)
            if prepared { state.prepared.append(sql) }
            guard state.seen.insert(sql).inserted else { return }
            state.statements.append(sql)
        }
    }
}

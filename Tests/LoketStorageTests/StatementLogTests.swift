import Foundation
import Logging
import LoketTestSupport
import SQLKit
import Synchronization
import Testing

@testable import LoketStorage

/// At trace level the statements are logged by their text, never with their values or the rows
/// they return, which may be personal data: on both engines, for reads, sessions and writes.
@Suite(.timeLimit(.minutes(3))) struct StatementLogTests {
    /// Every line logged, with its metadata, as text.
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])

        var logger: Logger {
            var logger = Logger(label: "loket-test-values") { _ in
                RecordingLogHandler { message, metadata in self.lines.withLock { $0.append("\(message) \(metadata)") } }
            }
            logger.logLevel = .trace
            return logger
        }
    }

    @Test(arguments: TestDatabase.engines)
    func statementsAreLoggedWithoutTheirValues(_ engine: TestDatabase.Engine) async throws {
        let log = Lines()
        let (database, _, drop) = try await TestDatabase.make(engine, logger: log.logger)
        let secret = "9876543210"
        _ = try await database.read { db in try await db.raw("SELECT \(bind: secret) AS v").first() }
        _ = try await database.session { db in try await db.raw("SELECT \(bind: secret) AS v").first() }
        try await database.write { tx in
            _ = try await tx.db.raw("SELECT \(bind: secret) AS v").first()
        }
        await drop()
        let lines = log.lines.withLock { $0 }
        #expect(lines.count { $0.contains("AS v") } == 3, "each statement's text is logged: \(lines)")
        // As text, or as the hex dump of a row PostgresNIO logs at trace.
        let hex = secret.utf8.map { String(format: "%02x", $0) }
        for form in [secret, hex.joined(), hex.joined(separator: " ")] {
            #expect(!lines.contains { $0.lowercased().contains(form) }, "\(form) was logged")
        }
    }
}

import LoketStorage
import LoketTestSupport
import SQLKit
import Testing

/// A database that refuses writes is told apart from any other failure (`DatabaseReadOnly`), so
/// the channels answer 503 and go on serving reads. PostgreSQL set read-only under a running
/// server is tested in tests/integration/test_degraded.py.
@Suite(.timeLimit(.minutes(3))) struct DatabaseReadOnlyTests {
    @Test func sqliteRefusingAWriteIsReadOnlyAndWritesWorkAgainAfter() async throws {
        let (database, _, drop) = try await TestDatabase.make(.sqlite)
        await #expect(throws: DatabaseReadOnly.self) {
            try await database.session { db in
                // What a read-only file gives: SQLITE_READONLY for every write.
                try await db.raw("PRAGMA query_only = ON").run()
                do {
                    try await db.raw("CREATE TABLE probe (n BIGINT)").run()
                } catch {
                    try await db.raw("PRAGMA query_only = OFF").run()
                    throw error
                }
            }
        }
        // Any other failure stays what it was.
        do {
            try await database.transaction { db in try await db.raw("INSERT INTO nowhere VALUES (1)").run() }
            Issue.record("a write to a table that is not there must fail")
        } catch {
            #expect(!(error is DatabaseReadOnly))
        }
        try await database.transaction { db in try await db.raw("CREATE TABLE probe (n BIGINT)").run() }
        await drop()
    }
}

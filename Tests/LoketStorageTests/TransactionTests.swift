import LoketStorage
import LoketTestSupport
import SQLKit
import Testing

/// Transactions stay atomic and independent when SQLite commits them in groups.
@Suite(.timeLimit(.minutes(3))) struct TransactionTests {
    struct Refused: Error {}

    @Test(arguments: TestDatabase.engines)
    func aFailingTransactionRollsBackAloneAmongConcurrentOnes(engine: TestDatabase.Engine) async throws {
        let (database, _, drop) = try await TestDatabase.make(engine)
        try await database.transaction { db in try await db.raw("CREATE TABLE probe (n BIGINT PRIMARY KEY)").run() }
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for n in 0..<200 {
                group.addTask {
                    do {
                        try await database.transaction { db in
                            try await db.raw("INSERT INTO probe (n) VALUES (\(bind: n))").run()
                            // Every third transaction fails after writing: its row must not survive.
                            if n % 3 == 0 { throw Refused() }
                        }
                        return true
                    } catch {
                        return false
                    }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        let stored = try await database.session { db in
            try await db.raw("SELECT n FROM probe ORDER BY n").all().map { try $0.decode(column: "n", as: Int.self) }
        }
        #expect(outcomes.filter { $0 }.count == 133)
        #expect(stored == (0..<200).filter { $0 % 3 != 0 })
        await drop()
    }
}

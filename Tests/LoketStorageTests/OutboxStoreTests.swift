import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import Testing

/// The outbox on a real SQLite file and a real PostgreSQL server: dispatchers on several servers
/// claim due messages at once, and each message is claimed by one of them.
@Suite(.timeLimit(.minutes(3))) struct OutboxStoreTests {
    @Test(arguments: TestDatabase.engines)
    func twoDispatchersClaimingAtOnceClaimEachMessageOnce(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let now = ManualClock(date: "2022-06-01").now
            let count = 200
            try await store.database.write { tx in
                for index in 0..<count {
                    try await OutboxStore.enqueue(
                        .confirmation, appointment: "a\(index)", revision: 0, start: nil, now: now,
                        settings: OutboxSettings(reminderLead: nil), in: tx)
                }
            }
            let outbox = OutboxStore(database: store.database)
            // Two dispatchers (as on two servers), each claiming small batches until none is left.
            let claims = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        var mine: [String] = []
                        while true {
                            let batch = try await outbox.claimDueMessages(now: now, limit: 7)
                            if batch.isEmpty { return mine }
                            mine += batch.map(\.appointmentID)
                        }
                    }
                }
                return try await group.reduce(into: [[String]]()) { $0.append($1) }
            }
            let all = claims.flatMap { $0 }
            #expect(all.count == count, "claimed \(all.count) times for \(count) messages")
            #expect(Set(all).count == count)
        }
    }
}

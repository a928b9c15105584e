import Foundation
import LoketTestSupport
import Testing

@testable import LoketStorage

/// Capacity changes reach the other servers on the same PostgreSQL as they were announced: a
/// change of what draws withhold stays one, so that their caches of it are dropped too.
@Suite(.timeLimit(.minutes(3))) struct CapacityChangesTests {
    @Test func aPayloadSaysWhetherTheDrawsChanged() {
        for change in [CapacityChange(desk: "DH-2", draws: true), CapacityChange(desk: "DH-2", draws: false)] {
            #expect(CapacityChange(payload: change.payload) == change)
        }
    }

    @Test(.enabled(if: TestDatabase.engines.contains(.postgres)))
    func anotherServerHearsUnitAndDrawChanges() async throws {
        let (database, location, _) = try await TestDatabase.make(.postgres)
        let other = try await Database.open(location, logger: TestDatabase.logger)
        let (heard, hear) = AsyncStream.makeStream(of: CapacityChange.self)
        // Should the listener stop, the stream ends and the test fails instead of waiting.
        let listening = Task {
            defer { hear.finish() }
            try await other.listenForCapacityChanges { hear.yield($0) }
        }
        let changes = CapacityChanges(database: database)
        // LISTEN runs on the other connection in its own time: announce until it is heard once.
        let ready = Task {
            for _ in 0..<600 {
                changes.announce("READY")
                // Paces the tries for another connection; the signal is hearing READY.
                try await Task.sleep(for: .milliseconds(50))
            }
            hear.finish() // never heard: give up
        }
        var iterator = heard.makeAsyncIterator()
        let first = await iterator.next()
        ready.cancel()
        _ = await ready.result
        var rest: Set<CapacityChange> = []
        if first == CapacityChange(desk: "READY", draws: false) {
            // Announcements made at once go out together, in no promised order. One lost on a
            // loaded server (no connection in time: logged, and caches lapse within a second) is
            // made again, until both are heard or the tries run out.
            let announcing = Task {
                for _ in 0..<100 {
                    changes.announceDraws("DH-2")
                    changes.announce("TS")
                    // Paces the tries; the signal is hearing both.
                    try await Task.sleep(for: .milliseconds(250))
                }
                hear.finish() // never heard: give up
            }
            while rest.count < 2, let change = await iterator.next() {
                if change.desk != "READY" { rest.insert(change) }
            }
            announcing.cancel()
            _ = await announcing.result
        }
        listening.cancel()
        await other.close()
        await database.close()
        #expect(first == CapacityChange(desk: "READY", draws: false))
        #expect(rest == [CapacityChange(desk: "DH-2", draws: true), CapacityChange(desk: "TS", draws: false)])
    }
}

import Foundation
import LoketTestSupport
import Testing

@testable import LoketStorage

/// Capacity changes reach the other servers on the same PostgreSQL as they were announced: a
/// change of what draws withhold stays one, so that their caches of it are dropped too.
@Suite struct CapacityChangesTests {
    @Test func aPayloadSaysWhetherTheDrawsChanged() {
        for change in [CapacityChange(desk: "DH-2", draws: true), CapacityChange(desk: "DH-2", draws: false)] {
            #expect(CapacityChange(payload: change.payload) == change)
        }
    }

    @Test func anotherServerHearsUnitAndDrawChanges() async throws {
        guard TestDatabase.engines.contains(.postgres) else { return }
        let (database, location, _) = try await TestDatabase.make(.postgres)
        let other = try await Database.open(location, logger: TestDatabase.logger)
        let (heard, hear) = AsyncStream.makeStream(of: CapacityChange.self)
        let listening = Task { try await other.listenForCapacityChanges { hear.yield($0) } }
        defer {
            listening.cancel()
            hear.finish()
        }
        let changes = CapacityChanges(database: database)
        // LISTEN runs on the other connection in its own time: announce until it is heard once.
        var iterator = heard.makeAsyncIterator()
        let ready = Task {
            for _ in 0..<200 {
                changes.announce("READY")
                // Paces the tries for another connection; the signal is hearing READY.
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        #expect(await iterator.next() == CapacityChange(desk: "READY", draws: false))
        ready.cancel()
        _ = try? await ready.value
        changes.announceDraws("DH-2")
        changes.announce("TS")
        // Announcements made at once go out together, in no promised order.
        var rest: Set<CapacityChange> = []
        while rest.count < 2, let change = await iterator.next() {
            if change.desk != "READY" { rest.insert(change) }
        }
        #expect(rest == [CapacityChange(desk: "DH-2", draws: true), CapacityChange(desk: "TS", draws: false)])
        await other.close()
        await database.close()
    }
}

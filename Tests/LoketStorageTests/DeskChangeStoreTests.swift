import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import Testing

/// The desk managers' changes (`DeskChangeStore`), on a real SQLite file and a real PostgreSQL
/// server: each change is read back whole, in the order made; removing one needs its desk; and
/// the version other servers compare moves with every addition and removal. The use cases on top
/// (audited, announced) are tested through the desk settings pages.
@Suite(.timeLimit(.minutes(3))) struct DeskChangeStoreTests {
    static func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    /// Every change comes back as it was made (its kind, desk and time), oldest first.
    @Test(arguments: TestDatabase.engines)
    func changesAreReadBackInTheOrderMade(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let changes = DeskChangeStore(database: store.database)
            let clock = ManualClock(date: "2022-06-01")
            let closure = DeskChange.closure(
                Closure(from: Self.day("2022-06-10"), until: Self.day("2022-06-11"), reason: "verbouwing"))
            let counters = DeskChange.counters(
                block: "morning", from: Self.day("2022-06-13"), until: Self.day("2022-06-17"), counters: 0)
            let first = try await store.database.write { tx in
                try await DeskChangeStore.insert(closure, desk: "TS", staff: "s-1", now: clock.now, in: tx)
            }
            clock.advance(seconds: 60)
            let second = try await store.database.write { tx in
                try await DeskChangeStore.insert(counters, desk: "DH", staff: "s-2", now: clock.now, in: tx)
            }
            let read = try await changes.deskChanges()
            #expect(read == [first, second])
            #expect(read.map(\.desk) == ["TS", "DH"] && read.map(\.change) == [closure, counters])
            #expect(read[1].createdAt.timeIntervalSince(read[0].createdAt) == 60)
        }
    }

    /// A change is removed only at its own desk; the version moves with each addition and removal.
    @Test(arguments: TestDatabase.engines)
    func aChangeIsRemovedAtItsDeskAndTheVersionMoves(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let changes = DeskChangeStore(database: store.database)
            let clock = ManualClock(date: "2022-06-01")
            let empty = try await changes.deskChangesVersion()
            let closure = DeskChange.closure(
                Closure(from: Self.day("2022-06-10"), until: Self.day("2022-06-10"), reason: "storing"))
            let made = try await store.database.write { tx in
                try await DeskChangeStore.insert(closure, desk: "TS", staff: "s-1", now: clock.now, in: tx)
            }
            let added = try await changes.deskChangesVersion()
            #expect(added != empty)
            let (elsewhere, unknown) = try await store.database.write { tx in
                (
                    try await DeskChangeStore.delete(id: made.id, desk: "DH", in: tx),
                    try await DeskChangeStore.delete(id: "nope", desk: "TS", in: tx)
                )
            }
            #expect(!elsewhere && !unknown)
            #expect(try await changes.deskChanges() == [made])
            #expect(try await changes.deskChangesVersion() == added)
            let removed = try await store.database.write { tx in
                try await DeskChangeStore.delete(id: made.id, desk: "TS", in: tx)
            }
            #expect(removed)
            #expect(try await changes.deskChanges().isEmpty)
            #expect(try await changes.deskChangesVersion() != added)
        }
    }
}

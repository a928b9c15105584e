import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import Synchronization
import Testing

@testable import LoketApp

/// Slot lists asked for at once at one desk, whatever product or party size each lists, share
/// one read of the units taken there; a read that fails is not kept.
@Suite(.timeLimit(.minutes(1))) struct UsageCacheTests {
    static let dates = LocalDate(iso: "2022-06-01")!...LocalDate(iso: "2022-06-30")!

    @Test func listsAskedForAtOnceShareOneRead() async throws {
        let (database, _, drop) = try await TestDatabase.make(.sqlite)
        let lists = 8
        let clock = ManualClock(date: "2022-06-01")
        // Each list asks the time twice before it looks for the units (once for them, once for
        // what draws withhold): the first read is held until every list has asked. (Lists that
        // read for themselves would most likely, though not surely, all have started by then.)
        let asked = Mutex(0)
        let (allAsked, everyoneAsked) = AsyncStream.makeStream(of: Void.self)
        let gate = Task { for await _ in allAsked {} }
        let reads = Mutex(0)
        let cache = UsageCache(
            readUsage: { _, _ in
                reads.withLock { $0 += 1 }
                await gate.value
                return [:]
            },
            draws: DrawStore(database: database, logger: TestDatabase.logger), generations: CapacityGenerations(),
            now: {
                if asked.withLock({ count in
                    count += 1
                    return count
                }) == 2 * lists {
                    everyoneAsked.finish()
                }
                return clock.now
            })
        try await withThrowingTaskGroup { group in
            for _ in 0..<lists { group.addTask { _ = try await cache.read(desk: "TS", dates: Self.dates) } }
            try await group.waitForAll()
        }
        await drop()
        #expect(reads.withLock { $0 } == 1)
    }

    @Test func aChangeMeanwhileStartsAReadThatLaterListsShare() async throws {
        let (database, _, drop) = try await TestDatabase.make(.sqlite)
        let clock = ManualClock(date: "2022-06-01")
        let generations = CapacityGenerations()
        let reads = Mutex(0)
        let (started, start) = AsyncStream.makeStream(of: Int.self)
        let (released, release) = AsyncStream.makeStream(of: Void.self)
        let gate = Task { for await _ in released {} }
        let cache = UsageCache(
            readUsage: { _, _ in
                let read = reads.withLock { count in
                    count += 1
                    return count
                }
                start.yield(read)
                if read == 1 { await gate.value } // the first read is held until released
                return [:]
            },
            draws: DrawStore(database: database, logger: TestDatabase.logger), generations: generations,
            now: clock.source)
        var startedReads = started.makeAsyncIterator()
        async let first = cache.read(desk: "TS", dates: Self.dates)
        #expect(await startedReads.next() == 1)
        // A booking commits while the first read is under way: what it read may be out of date.
        generations.bump(CapacityChange(desk: "TS", draws: false))
        _ = try await cache.read(desk: "TS", dates: Self.dates)
        #expect(await startedReads.next() == 2)
        _ = try await cache.read(desk: "TS", dates: Self.dates)
        release.finish()
        _ = try await first
        // The first read, done last, did not replace the later one.
        _ = try await cache.read(desk: "TS", dates: Self.dates)
        await drop()
        #expect(reads.withLock { $0 } == 2)
    }

    @Test func aFailedReadIsNotKept() async throws {
        let (database, _, drop) = try await TestDatabase.make(.sqlite)
        let clock = ManualClock(date: "2022-06-01")
        let reads = Mutex(0)
        struct Unreachable: Error {}
        let cache = UsageCache(
            readUsage: { _, _ in
                let read = reads.withLock { count in
                    count += 1
                    return count
                }
                if read == 1 { throw Unreachable() }
                return [:]
            },
            draws: DrawStore(database: database, logger: TestDatabase.logger), generations: CapacityGenerations(),
            now: clock.source)
        await #expect(throws: Unreachable.self) { try await cache.read(desk: "TS", dates: Self.dates) }
        _ = try await cache.read(desk: "TS", dates: Self.dates)
        _ = try await cache.read(desk: "TS", dates: Self.dates)
        await drop()
        #expect(reads.withLock { $0 } == 2)
    }
}

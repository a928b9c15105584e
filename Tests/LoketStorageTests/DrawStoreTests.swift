import Foundation
import LoketStorage
import LoketTestSupport
import SQLKit
import Testing

@testable import LoketDomain

/// The draw tables (`DrawStore`: modes, draws, entries), on a real SQLite file and a real
/// PostgreSQL server: what each operation writes and reads back, and that every conditional write
/// (a rule's mode, opening, claiming, deciding, entering) reports the condition that failed and
/// changes nothing. The draw use cases are tested in LoketAppTests.
@Suite(.timeLimit(.minutes(3))) struct DrawStoreTests {
    let rules = BookingRules(network: TestNetwork.network)

    static func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    static func customer(_ name: String, companion: String? = nil) -> Customer {
        Customer(
            name: name, email: "\(name.lowercased())@example.nl", phone: "+31 6 1234 5678",
            vNumber: TestPeople.vNumber(name), language: .nl,
            companions: companion.map { [Companion(name: $0, vNumber: TestPeople.vNumber($0))] } ?? [])
    }

    static func request(_ name: String, companion: String? = nil) -> DrawStore.EntryRequest {
        DrawStore.EntryRequest(
            persons: companion == nil ? 1 : 2, desks: ["TS", "OLD"], days: [day("2022-06-08")],
            customer: customer(name, companion: companion),
            people: [TestPeople.vNumber(name)] + (companion.map { [TestPeople.vNumber($0)] } ?? []))
    }

    /// Runs `body` with the draw store on fresh stores over a new database of `engine`.
    func withDraws(_ engine: TestDatabase.Engine, _ body: (Stores, DrawStore) async throws -> Void) async throws {
        try await withStores(engine) { store in
            try await body(store, DrawStore(database: store.database, logger: TestDatabase.logger))
        }
    }

    /// Switches BIO at TS on (by a manager, published through 7 June) and opens a draw of 8 June
    /// with 6 places (closing at `closesAt`) and one of 3 June's reserve with 2.
    func openDraws(
        _ draws: DrawStore, now: Date, closesAt: Date, reserveClosesAt: Date? = nil
    ) async throws -> [Draw] {
        try await draws.setMode(
            desk: "TS", product: "BIO", on: true, setBy: .manager, publishedThrough: Self.day("2022-06-07"),
            reservePublishedThrough: Self.day("2022-06-02"), now: now)
        let mode = try #require(try await draws.modes(desk: "TS").first)
        let opening = DrawOpening(
            days: [Self.day("2022-06-08")], reserveDays: [Self.day("2022-06-03")], closesAt: closesAt,
            reserveClosesAt: reserveClosesAt ?? closesAt, publishedThrough: Self.day("2022-06-08"),
            reservePublishedThrough: Self.day("2022-06-03"))
        return try #require(try await draws.open(opening, places: (days: 6, reserve: 2), mode: mode, now: now))
    }

    /// A mode is written with every field and read back per desk or for all desks.
    @Test(arguments: TestDatabase.engines)
    func aModeIsReadBackAsItWasSet(engine: TestDatabase.Engine) async throws {
        try await withDraws(engine) { _, draws in
            let now = ManualClock(date: "2022-06-01").now
            let setTS = try await draws.setMode(
                desk: "TS", product: "BIO", on: true, setBy: .manager, publishedThrough: Self.day("2022-06-10"),
                reservePublishedThrough: Self.day("2022-06-03"), now: now)
            let setOLD = try await draws.setMode(
                desk: "OLD", product: "BIO", on: false, setBy: .rule, publishedThrough: nil,
                reservePublishedThrough: nil, now: now)
            #expect(setTS && setOLD)
            let ts = DrawMode(
                desk: "TS", product: "BIO", on: true, setBy: .manager, since: now,
                publishedThrough: Self.day("2022-06-10"), reservePublishedThrough: Self.day("2022-06-03"))
            let old = DrawMode(
                desk: "OLD", product: "BIO", on: false, setBy: .rule, since: now, publishedThrough: nil,
                reservePublishedThrough: nil)
            #expect(try await draws.modes(desk: "TS") == [ts])
            #expect(Set(try await draws.modes()) == [ts, old])
            #expect(try await draws.modes(desk: "NONE").isEmpty)
        }
    }

    /// The rule switches only a mode nobody set or that it set itself; a manager's stands, and
    /// the refused write reports false and changes nothing.
    @Test(arguments: TestDatabase.engines)
    func theRuleLeavesAManagersModeAlone(engine: TestDatabase.Engine) async throws {
        try await withDraws(engine) { _, draws in
            let clock = ManualClock(date: "2022-06-01")
            let set = { (product: String, on: Bool, by: DrawMode.SetBy) in
                try await draws.setMode(
                    desk: "TS", product: product, on: on, setBy: by, publishedThrough: nil,
                    reservePublishedThrough: nil, now: clock.now)
            }
            #expect(try await set("BIO", true, .manager))
            clock.advance(minutes: 10)
            #expect(!(try await set("BIO", false, .rule)))
            let bio = try #require(try await draws.modes(desk: "TS").first { $0.product == "BIO" })
            #expect(bio.on && bio.setBy == .manager && bio.since == ManualClock(date: "2022-06-01").now)
            // Nobody set DOC: the rule may, and may again; then a manager takes it over.
            #expect(try await set("DOC", true, .rule))
            #expect(try await set("DOC", false, .rule))
            #expect(try await set("DOC", true, .manager))
            #expect(!(try await set("DOC", false, .rule)))
            let doc = try #require(try await draws.modes(desk: "TS").first { $0.product == "DOC" })
            #expect(doc.on && doc.setBy == .manager)
        }
    }

    /// Switching on a mode that is on keeps its start and how far it published; switching it off
    /// and on again starts afresh.
    @Test(arguments: TestDatabase.engines)
    func switchingOnAnOnModeKeepsWhatItPublished(engine: TestDatabase.Engine) async throws {
        try await withDraws(engine) { _, draws in
            let clock = ManualClock(date: "2022-06-01")
            let set = { (on: Bool, through: String?) in
                try await draws.setMode(
                    desk: "TS", product: "BIO", on: on, setBy: .manager, publishedThrough: through.map(Self.day),
                    reservePublishedThrough: through.map(Self.day), now: clock.now)
            }
            #expect(try await set(true, "2022-06-10"))
            clock.advance(minutes: 60)
            #expect(try await set(true, "2022-06-20"))
            var mode = try #require(try await draws.modes(desk: "TS").first)
            #expect(mode.since == ManualClock(date: "2022-06-01", time: "08:00").now)
            #expect(mode.publishedThrough == Self.day("2022-06-10"))
            #expect(mode.reservePublishedThrough == Self.day("2022-06-10"))
            #expect(try await set(false, nil))
            mode = try #require(try await draws.modes(desk: "TS").first)
            #expect(!mode.on && mode.publishedThrough == nil && mode.since == clock.now)
            clock.advance(minutes: 60)
            #expect(try await set(true, "2022-06-20"))
            mode = try #require(try await draws.modes(desk: "TS").first)
            #expect(mode.on && mode.publishedThrough == Self.day("2022-06-20"))
            #expect(mode.since == ManualClock(date: "2022-06-01", time: "10:00").now)
        }
    }

    /// Opening writes a draw for the new days and one for the reserve, and publishes the mode's
    /// days; a second opening from the mode as it was read before is refused (nil) and writes
    /// nothing, and so is one for a mode that is off.
    @Test(arguments: TestDatabase.engines)
    func drawsOpenOnlyFromTheModeAsItWasRead(engine: TestDatabase.Engine) async throws {
        try await withDraws(engine) { _, draws in
            let clock = ManualClock(date: "2022-06-01")
            let closes = ManualClock(date: "2022-06-02").now
            try await draws.setMode(
                desk: "TS", product: "BIO", on: true, setBy: .manager, publishedThrough: Self.day("2022-06-07"),
                reservePublishedThrough: Self.day("2022-06-02"), now: clock.now)
            let stale = try #require(try await draws.modes(desk: "TS").first)
            let opened = try await openDraws(draws, now: clock.now, closesAt: closes)
            #expect(opened.count == 2)
            let (days, reserve) = (opened[0], opened[1])
            #expect(days.desk == "TS" && days.product == "BIO" && days.state == .open && days.seed == nil)
            #expect(days.days == [Self.day("2022-06-08")] && days.reserveDays.isEmpty && days.places == 6)
            #expect(reserve.days.isEmpty && reserve.reserveDays == [Self.day("2022-06-03")] && reserve.places == 2)
            #expect(days.opensAt == clock.now && days.closesAt == closes)
            #expect(try await draws.draw(id: days.id) == days)
            #expect(try await draws.draw(id: reserve.id) == reserve)
            #expect(try await draws.draw(id: "none") == nil)
            let mode = try #require(try await draws.modes(desk: "TS").first)
            #expect(mode.publishedThrough == Self.day("2022-06-08"))
            #expect(mode.reservePublishedThrough == Self.day("2022-06-03"))
            let again = DrawOpening(
                days: [Self.day("2022-06-08")], reserveDays: [], closesAt: closes, reserveClosesAt: closes,
                publishedThrough: Self.day("2022-06-08"), reservePublishedThrough: Self.day("2022-06-02"))
            #expect(try await draws.open(again, places: (days: 6, reserve: 0), mode: stale, now: clock.now) == nil)
            try await draws.setMode(
                desk: "TS", product: "BIO", on: false, setBy: .manager, publishedThrough: nil,
                reservePublishedThrough: nil, now: clock.now)
            let off = try #require(try await draws.modes(desk: "TS").first)
            #expect(try await draws.open(again, places: (days: 6, reserve: 0), mode: off, now: clock.now) == nil)
            #expect(try await draws.draws(desk: nil, product: nil, since: clock.now).count == 2)
        }
    }

    /// An opening with no days publishes the mode's dates and opens no draw.
    @Test(arguments: TestDatabase.engines)
    func anOpeningWithNothingToDrawOnlyPublishes(engine: TestDatabase.Engine) async throws {
        try await withDraws(engine) { _, draws in
            let now = ManualClock(date: "2022-06-04").now
            try await draws.setMode(
                desk: "TS", product: "BIO", on: true, setBy: .rule, publishedThrough: Self.day("2022-06-07"),
                reservePublishedThrough: nil, now: now)
            let mode = try #require(try await draws.modes(desk: "TS").first)
            let weekend = DrawOpening(
                days: [], reserveDays: [], closesAt: now, reserveClosesAt: now,
                publishedThrough: Self.day("2022-06-09"), reservePublishedThrough: nil)
            #expect(try await draws.open(weekend, places: (days: 0, reserve: 0), mode: mode, now: now) == [])
            let published = try #require(try await draws.modes(desk: "TS").first)
            #expect(published.publishedThrough == Self.day("2022-06-09") && published.reservePublishedThrough == nil)
            #expect(try await draws.draws(desk: "TS", product: "BIO", since: now).isEmpty)
        }
    }

    /// What a desk withholds: the modes' published days and the days of draws not yet allocated;
    /// an allocated draw withholds nothing more.
    @Test(arguments: TestDatabase.engines)
    func withholdingFollowsModesAndOpenDraws(engine: TestDatabase.Engine) async throws {
        try await withDraws(engine) { _, draws in
            let clock = ManualClock(date: "2022-06-01")
            #expect(try await draws.withholding(desk: "TS").isEmpty)
            let opened = try await openDraws(draws, now: clock.now, closesAt: clock.now)
            #expect(
                try await draws.withholding(desk: "TS") == [
                    "BIO": DrawWithholding(
                        publishedThrough: Self.day("2022-06-08"), reservePublishedThrough: Self.day("2022-06-03"),
                        drawnDays: [Self.day("2022-06-08")], drawnReserveDays: [Self.day("2022-06-03")])
                ])
            #expect(try await draws.withholding(desk: "OLD").isEmpty)
            for draw in opened {
                _ = try await draws.claimAllocation(draw: draw.id, seed: 1, now: clock.now)
                _ = try await draws.finish(draw: draw.id, entries: 0, drawn: 0, digest: "d", now: clock.now)
            }
            #expect(
                try await draws.withholding(desk: "TS") == [
                    "BIO": DrawWithholding(
                        publishedThrough: Self.day("2022-06-08"), reservePublishedThrough: Self.day("2022-06-03"))
                ])
        }
    }

    /// Draws are listed newest closing first (open ones, and allocated ones closed since), and
    /// are due once their window has closed, until allocated.
    @Test(arguments: TestDatabase.engines)
    func drawsAreListedByClosingTimeAndDueOnceClosed(engine: TestDatabase.Engine) async throws {
        try await withDraws(engine) { _, draws in
            let clock = ManualClock(date: "2022-06-01")
            let (evening, morning) = (ManualClock(date: "2022-06-01", time: "20:00"), ManualClock(date: "2022-06-02"))
            let opened = try await openDraws(
                draws, now: clock.now, closesAt: morning.now, reserveClosesAt: evening.now)
            let (days, reserve) = (opened[0].id, opened[1].id)
            #expect(try await draws.draws(desk: "TS", product: "BIO", since: clock.now).map(\.id) == [days, reserve])
            #expect(try await draws.draws(desk: "OLD", product: nil, since: clock.now).isEmpty)
            #expect(try await draws.draws(desk: nil, product: "DOC", since: clock.now).isEmpty)
            evening.advance(seconds: -1)
            #expect(try await draws.due(now: evening.now).isEmpty)
            evening.advance(seconds: 1)
            #expect(try await draws.due(now: evening.now).map(\.id) == [reserve])
            #expect(try await draws.due(now: morning.now).map(\.id) == [reserve, days])
            _ = try await draws.claimAllocation(draw: reserve, seed: 1, now: evening.now)
            #expect(try await draws.due(now: morning.now).map(\.id) == [reserve, days])
            _ = try await draws.finish(draw: reserve, entries: 0, drawn: 0, digest: "d", now: evening.now)
            #expect(try await draws.due(now: morning.now).map(\.id) == [days])
            #expect(try await draws.draws(desk: "TS", product: nil, since: evening.now).map(\.id) == [days, reserve])
            evening.advance(seconds: 1)
            #expect(try await draws.draws(desk: "TS", product: nil, since: evening.now).map(\.id) == [days])
        }
    }

    /// A closed draw's allocation is claimed once, with its seed; another run gets nil until the
    /// lease of ten minutes has run out, then takes it over; an open window refuses the claim.
    @Test(arguments: TestDatabase.engines)
    func anAllocationIsClaimedByOneRunAtATime(engine: TestDatabase.Engine) async throws {
        try await withDraws(engine) { _, draws in
            let clock = ManualClock(date: "2022-06-01")
            let closes = ManualClock(date: "2022-06-02")
            let id = try await openDraws(draws, now: clock.now, closesAt: closes.now)[0].id
            clock.set(date: "2022-06-02", time: "07:59")
            await #expect(throws: Refusal.self) { try await draws.claimAllocation(draw: id, seed: 255, now: clock.now) }
            #expect(try await draws.draw(id: id)?.state == .open)
            clock.set(date: "2022-06-02", time: "08:00")
            let claimed = try #require(try await draws.claimAllocation(draw: id, seed: 255, now: clock.now))
            #expect(claimed.state == .allocating && claimed.seed == "00000000000000ff")
            #expect(try await draws.draw(id: id) == claimed)
            #expect(try await draws.claimAllocation(draw: id, seed: 7, now: clock.now) == nil)
            clock.advance(seconds: 599)
            #expect(try await draws.claimAllocation(draw: id, seed: 7, now: clock.now) == nil)
            clock.advance(seconds: 1)
            #expect(try await draws.claimAllocation(draw: id, seed: 7, now: clock.now)?.seed == "00000000000000ff")
            // The take-over renewed the lease.
            clock.advance(seconds: 599)
            #expect(try await draws.claimAllocation(draw: id, seed: 7, now: clock.now) == nil)
            #expect(try await draws.claimAllocation(draw: "none", seed: 7, now: clock.now) == nil)
            #expect(try await draws.finish(draw: id, entries: 0, drawn: 0, digest: "d", now: clock.now) == "TS")
            clock.advance(minutes: 60)
            #expect(try await draws.claimAllocation(draw: id, seed: 7, now: clock.now) == nil)
        }
    }

    /// Finishing publishes the counts and digest of an allocating draw; an open or allocated one
    /// refuses, changing nothing, and an unknown one is nil.
    @Test(arguments: TestDatabase.engines)
    func aFinishedDrawPublishesItsResult(engine: TestDatabase.Engine) async throws {
        try await withDraws(engine) { _, draws in
            let now = ManualClock(date: "2022-06-01").now
            let opened = try await openDraws(draws, now: now, closesAt: now)
            let (id, other) = (opened[0].id, opened[1].id)
            #expect(try await draws.result(draw: id) == nil)
            await #expect(throws: Refusal.self) {
                try await draws.finish(draw: id, entries: 1, drawn: 1, digest: "x", now: now)
            }
            #expect(try await draws.draw(id: id)?.state == .open)
            _ = try await draws.claimAllocation(draw: id, seed: 1, now: now)
            #expect(try await draws.result(draw: id) == nil)
            #expect(try await draws.finish(draw: id, entries: 12, drawn: 6, digest: "abc123", now: now) == "TS")
            let result = try #require(try await draws.result(draw: id))
            #expect(result.entries == 12 && result.drawn == 6 && result.digest == "abc123")
            #expect(try await draws.draw(id: id)?.state == .allocated)
            await #expect(throws: Refusal.self) {
                try await draws.finish(draw: id, entries: 1, drawn: 1, digest: "x", now: now)
            }
            #expect(try await draws.result(draw: id)?.digest == "abc123")
            #expect(try await draws.finish(draw: "none", entries: 1, drawn: 1, digest: "x", now: now) == nil)
            #expect(try await draws.result(draw: other) == nil)
        }
    }
}

import Foundation
import LoketDomain
import LoketTestSupport
import Testing

/// The draw's pure parts: the replayable order, the lifecycle, what draw mode withholds, and
/// what comes up for the next draw.
struct DrawTests {
    static let monday = LocalDate(iso: "2022-06-06")!

    @Test func theGeneratorIsSplitMix64() {
        // The reference implementation's first outputs from seed 0.
        var generator = SeededGenerator(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func theOrderIsAPermutationReplayableFromTheSeed() {
        let ids = (0..<50).map { "entry\($0)" }
        let order = DrawOrder.order(ids.shuffled(), seed: 42)
        #expect(order == DrawOrder.order(ids, seed: 42))
        #expect(Set(order) == Set(ids) && order.count == ids.count)
        #expect(order != DrawOrder.order(ids, seed: 43))
        #expect(DrawOrder.order([], seed: 1).isEmpty && DrawOrder.order(["a"], seed: 1) == ["a"])
    }

    @Test func everyEntryIsEquallyLikelyToComeFirst() {
        // 4 entries, 4,000 seeds: each first about 1,000 times (a loose bound, deterministic seeds).
        var first: [String: Int] = [:]
        for seed in 0..<4000 { first[DrawOrder.order(["a", "b", "c", "d"], seed: UInt64(seed))[0], default: 0] += 1 }
        #expect(first.values.allSatisfy { (850...1150).contains($0) }, "\(first)")
    }

    @Test func theAllocationTextNamesEntriesAndSlotsOnly() {
        let slot = SlotKey(date: Self.monday, start: LocalTime(minutes: 540), pool: "one")
        #expect(DrawOrder.allocationText([("x", slot), ("y", nil)]) == "1\tx\t20220606-0900-one\n2\ty\t-\n")
    }

    static func draw(closesAt: Date) -> Draw {
        Draw(
            id: "d", desk: "RACE", product: "BIO", days: [Self.monday], reserveDays: [],
            opensAt: closesAt.addingTimeInterval(-3600), closesAt: closesAt, places: 3, state: .open, seed: nil)
    }

    @Test func aDrawTakesEntriesDuringItsWindowAndIsAllocatedAfter() throws {
        let closes = Date(timeIntervalSince1970: 1_000_000)
        var draw = Self.draw(closesAt: closes)
        #expect(throws: Never.self) { try draw.admitsEntry(at: closes.addingTimeInterval(-1)) }
        #expect(refusal { try draw.admitsEntry(at: closes) } == "draw_closed")
        #expect(refusal { try draw.admitsEntry(at: closes.addingTimeInterval(-7200)) } == "draw_closed")
        #expect(refusal { try draw.allocate(seed: 1, now: closes.addingTimeInterval(-1)) } == "window_open")
        try draw.allocate(seed: 255, now: closes)
        #expect(draw.state == .allocating && draw.seed == "00000000000000ff" && draw.seedValue == 255)
        #expect(refusal { try draw.allocate(seed: 2, now: closes) } == "not_open")
        try draw.finish()
        #expect(refusal { try draw.finish() } == "not_allocating")
    }

    @Test func anEntryIsDecidedOnce() throws {
        var entry = DrawEntry(
            id: "e", draw: "d", persons: 1, desks: ["RACE"], days: [], createdAt: Date(), status: .entered,
            appointment: nil, waitlistEntry: nil)
        try entry.drawn(appointment: "a")
        #expect(entry.status == .drawn && entry.appointment == "a")
        #expect(refusal { try entry.notDrawn(waitlistEntry: nil) } == "already_decided")
    }

    @Test func drawModeWithholdsUnpublishedAndDrawnDays() {
        let withheld = DrawWithholding(
            publishedThrough: Self.monday, reservePublishedThrough: Self.monday.adding(days: -3),
            drawnDays: [Self.monday], drawnReserveDays: [Self.monday.adding(days: -4)])
        #expect(withheld.isFirstCome(Self.monday.adding(days: -1)))
        #expect(!withheld.isFirstCome(Self.monday))
        #expect(!withheld.isFirstCome(Self.monday.adding(days: 1)))
        #expect(withheld.releasesReserve(on: Self.monday.adding(days: -3)))
        #expect(!withheld.releasesReserve(on: Self.monday.adding(days: -4)))
        #expect(!withheld.releasesReserve(on: Self.monday.adding(days: -2)))
        #expect(DrawWithholding.none.isFirstCome(Self.monday) && DrawWithholding.none.releasesReserve(on: Self.monday))
    }

    static func mode(_ published: String, _ reserve: String) -> DrawMode {
        DrawMode(
            desk: "RACE", product: "BIO", on: true, setBy: .manager, since: Date(),
            publishedThrough: LocalDate(iso: published), reservePublishedThrough: LocalDate(iso: reserve))
    }

    @Test func theNextDrawHasTheDaysThatCameUp() throws {
        let rules = BookingRules(network: TestNetwork.single(counters: 2, horizonDays: 10, urgentShare: 0.5))
        let desk = rules.network.desks[0]
        let product = rules.network.products[0]
        // Thursday 2 June 2022: the horizon reaches Sunday 12 June; the reserve is released two
        // working days ahead, through Tuesday 7 June (Monday is Whit Monday).
        let thursday = ManualClock(date: "2022-06-02", time: "10:00").now
        #expect(rules.schedule.urgentReleaseDate(today: LocalDate(iso: "2022-06-02")!) == LocalDate(iso: "2022-06-07"))
        // Nothing new since it last published.
        #expect(
            rules.nextDraw(for: Self.mode("2022-06-12", "2022-06-07"), desk: desk, product: product, now: thursday)
                == nil)
        let opening = try #require(
            rules.nextDraw(for: Self.mode("2022-06-09", "2022-06-03"), desk: desk, product: product, now: thursday))
        // Friday 10 June came into the horizon (the weekend has no hours); Tuesday's reserve came up.
        #expect(opening.days == [LocalDate(iso: "2022-06-10")!])
        #expect(opening.reserveDays == [LocalDate(iso: "2022-06-07")!])
        #expect(opening.publishedThrough == LocalDate(iso: "2022-06-12"))
        #expect(opening.reservePublishedThrough == LocalDate(iso: "2022-06-07"))
        #expect(opening.closesAt == thursday.addingTimeInterval(24 * 3600))
        // The reserve's draw closes by the start of Monday 6 June: a day's window ends before that.
        #expect(opening.reserveClosesAt == thursday.addingTimeInterval(24 * 3600))
        // On Sunday evening the reserve's first day is Tuesday: its draw closes as Monday begins,
        // the new days' draw a whole window later.
        let sunday = ManualClock(date: "2022-06-05", time: "20:00").now
        let weekend = try #require(
            rules.nextDraw(for: Self.mode("2022-06-09", "2022-06-03"), desk: desk, product: product, now: sunday))
        #expect(weekend.reserveDays.first == LocalDate(iso: "2022-06-07"))
        #expect(weekend.reserveClosesAt == ManualClock(date: "2022-06-06", time: "00:00").now)
        #expect(weekend.closesAt == sunday.addingTimeInterval(24 * 3600))
        // Late on Wednesday 8 June, Friday's reserve could not be drawn before Thursday begins:
        // it is released as usual.
        let late = ManualClock(date: "2022-06-08", time: "23:30").now
        let released = try #require(
            rules.nextDraw(for: Self.mode("2022-06-18", "2022-06-09"), desk: desk, product: product, now: late))
        #expect(released.reserveDays.isEmpty && released.days.isEmpty)
        #expect(released.reservePublishedThrough == LocalDate(iso: "2022-06-10"))
    }

    @Test(arguments: Customer.Language.allCases)
    func theNotDrawnAreToldTheyWaitInTheirLanguage(language: Customer.Language) {
        let network = TestNetwork.network
        let entry = WaitlistEntry(
            id: "w", product: network.products[0].key, persons: 1, desks: [network.desks[0].code], from: Self.monday,
            to: Self.monday.adding(days: 30), urgent: false, expiresOn: nil, appointment: nil, language: language,
            createdAt: Date(), state: .waiting, offer: nil)
        let message = NotDrawnMessage(entry: entry, product: network.products[0], desks: [network.desks[0]])
        #expect(message.subject.contains(network.products[0].name(language)))
        #expect(message.text.contains(network.desks[0].name) && message.html.contains("lang=\"\(language.rawValue)\""))
        let waitlist = ["nl": "wachtlijst", "en": "waitlist", "uk": "списку очікування", "ar": "قائمة الانتظار"]
        #expect(message.text.contains(waitlist[language.rawValue]!))
    }
}

extension DrawTests {
    @Test(arguments: Customer.Language.allCases)
    func theEnteredAndTheWaitingGetAReceiptWithTheirLinkInTheirLanguage(language: Customer.Language) {
        let network = TestNetwork.network
        let (product, desk) = (network.products[0], network.desks[0])
        // Closing at midnight: the end of the day before, as the draw pages say it.
        let draw = Draw(
            id: "d", desk: desk.code, product: product.key, days: [Self.monday], reserveDays: [],
            opensAt: ManualClock(date: "2022-06-05").now, closesAt: ManualClock(date: "2022-06-07", time: "00:00").now,
            places: 4, state: .open, seed: nil)
        let entry = DrawEntry(
            id: "e", draw: "d", persons: 1, desks: [desk.code], days: [], createdAt: Date(), status: .entered,
            appointment: nil, waitlistEntry: nil)
        let entered = DrawEnteredMessage(
            draw: draw, entry: entry, product: product, desk: desk, language: language,
            link: "https://loket.example/draws/d/entries/e?token=t")
        #expect(entered.subject.contains(product.name(language)) && entered.text.contains(desk.name))
        #expect(entered.text.contains(DateWording.deadline(draw.closesAt, language)))
        #expect(entered.text.hasSuffix("https://loket.example/draws/d/entries/e?token=t\n"))
        #expect(entered.html.contains("lang=\"\(language.rawValue)\" dir=\"\(language.direction)\""))

        let waiting = WaitlistEntry(
            id: "w", product: product.key, persons: 1, desks: [desk.code], from: Self.monday,
            to: Self.monday.adding(days: 30), urgent: false, expiresOn: nil, appointment: nil, language: language,
            createdAt: Date(), state: .waiting, offer: nil)
        let joined = WaitlistJoinedMessage(
            entry: waiting, product: product, desks: [desk], link: "https://loket.example/waitlist/w?token=t")
        #expect(joined.subject.contains(product.name(language)) && joined.text.contains(desk.name))
        #expect(joined.text.contains(DateWording.date(Self.monday.adding(days: 30), language)))
        #expect(joined.html.contains(#"href="https://loket.example/waitlist/w?token=t""#))
    }
}

/// The code a draw or entry event was refused with; nil when it went through.
private func refusal(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as TransitionError<Draw.State, Draw.Event> {
        return error.code
    } catch let error as TransitionError<DrawEntry.Status, DrawEntry.Event> {
        return error.code
    } catch {
        return "\(error)"
    }
}

import Foundation
import LoketDomain
import Testing

@Suite struct WaitlistLifecycleTests {
    static let expiry = Date(timeIntervalSince1970: 1_800_000_000)
    static let before = expiry.addingTimeInterval(-1), after = expiry.addingTimeInterval(60)
    static let slotOffered = WaitlistEntry.Offer(
        hold: "h1", desk: "TS", slot: "20261201-1000-bio", date: LocalDate(iso: "2026-12-01")!,
        startTime: LocalTime(minutes: 600), endTime: LocalTime(minutes: 610), expiresAt: expiry)

    static func entry(_ state: WaitlistEntry.State, offer: WaitlistEntry.Offer? = nil) -> WaitlistEntry {
        WaitlistEntry(
            id: "w1", product: "BIO", persons: 1, desks: ["TS"], from: LocalDate(iso: "2026-11-20")!,
            to: LocalDate(iso: "2026-12-20")!,
            urgent: false, expiresOn: nil, appointment: nil, language: .nl, createdAt: .distantPast, state: state,
            offer: offer)
    }

    enum Step: Sendable, CustomStringConvertible {
        case offer
        case accept(Date)
        case decline
        case lapse(Date)
        case leave
        case expire(LocalDate)

        var description: String {
            func when(_ now: Date) -> String { now < expiry ? "before the offer runs out" : "after the offer ran out" }
            switch self {
            case .offer: return "offer"
            case .accept(let now): return "accept \(when(now))"
            case .decline: return "decline"
            case .lapse(let now): return "lapse \(when(now))"
            case .leave: return "leave"
            case .expire(let today): return "expire on \(today)"
            }
        }
        var event: WaitlistEntry.Event {
            switch self {
            case .offer: .offer
            case .accept: .accept
            case .decline: .decline
            case .lapse: .lapse
            case .leave: .leave
            case .expire: .expire
            }
        }
    }

    struct Row: Sendable, CustomTestStringConvertible {
        let state: WaitlistEntry.State, step: Step, expected: Outcome<WaitlistEntry.State>
        init(_ state: WaitlistEntry.State, _ step: Step, _ expected: Outcome<WaitlistEntry.State>) {
            (self.state, self.step, self.expected) = (state, step, expected)
        }
        var testDescription: String { "\(state) + \(step) → \(expected)" }
    }

    static let table: [Row] = [
        Row(.waiting, .offer, .becomes(.offered)),
        Row(.offered, .offer, .refused(.conflict, "not_waiting")),
        Row(.booked, .offer, .refused(.conflict, "not_waiting")),
        Row(.left, .offer, .refused(.conflict, "not_waiting")),

        Row(.offered, .accept(before), .becomes(.booked)),
        Row(.offered, .accept(expiry), .refused(.gone, "hold_expired")),
        Row(.offered, .accept(after), .refused(.gone, "hold_expired")),
        Row(.waiting, .accept(before), .refused(.conflict, "no_offer")),
        Row(.booked, .accept(before), .refused(.conflict, "no_offer")),
        Row(.left, .accept(before), .refused(.conflict, "no_offer")),

        Row(.offered, .decline, .becomes(.waiting)),
        Row(.waiting, .decline, .refused(.conflict, "no_offer")),
        Row(.booked, .decline, .refused(.conflict, "no_offer")),
        Row(.left, .decline, .refused(.conflict, "no_offer")),

        Row(.offered, .lapse(expiry), .becomes(.waiting)),
        Row(.offered, .lapse(after), .becomes(.waiting)),
        Row(.offered, .lapse(before), .refused(.conflict, "offer_not_due")),
        Row(.waiting, .lapse(after), .refused(.conflict, "no_offer")),
        Row(.booked, .lapse(after), .refused(.conflict, "no_offer")),
        Row(.left, .lapse(after), .refused(.conflict, "no_offer")),

        Row(.waiting, .leave, .becomes(.left)),
        Row(.offered, .leave, .becomes(.left)),
        Row(.booked, .leave, .refused(.conflict, "already_booked")),
        Row(.left, .leave, .refused(.conflict, "already_left")),
        Row(.expired, .leave, .refused(.conflict, "already_left")),

        // The window ends on 2026-12-20: the entry expires from the next day on.
        Row(.waiting, .expire(lastDay.adding(days: 1)), .becomes(.expired)),
        Row(.offered, .expire(lastDay.adding(days: 1)), .becomes(.expired)),
        Row(.waiting, .expire(lastDay), .refused(.conflict, "window_open")),
        Row(.booked, .expire(lastDay.adding(days: 1)), .refused(.conflict, "not_waiting")),
        Row(.left, .expire(lastDay.adding(days: 1)), .refused(.conflict, "not_waiting")),
        Row(.expired, .expire(lastDay.adding(days: 1)), .refused(.conflict, "not_waiting")),
        Row(.expired, .offer, .refused(.conflict, "not_waiting")),
    ]

    static let lastDay = LocalDate(iso: "2026-12-20")!

    @Test(arguments: table) func transition(_ row: Row) {
        let given = Self.entry(row.state, offer: row.state == .offered || row.state == .booked ? Self.slotOffered : nil)
        let result = outcome(of: given, state: \.state, row.step.event) {
            entry throws(TransitionError<WaitlistEntry.State, WaitlistEntry.Event>) in
            switch row.step {
            case .offer: try entry.offer(Self.slotOffered)
            case .accept(let now): try entry.accept(now: now)
            case .decline: try entry.decline()
            case .lapse(let now): try entry.lapse(now: now)
            case .leave: try entry.leave()
            case .expire(let today): try entry.expire(today: today)
            }
        }
        #expect(result == row.expected)
    }

    @Test func anOfferedStateWithoutAnOfferHasNothingToAccept() {
        var entry = Self.entry(.offered)
        #expect(
            throws: TransitionError(
                from: WaitlistEntry.State.offered, event: WaitlistEntry.Event.accept, field: "offer", code: "no_offer",
                "There is no offer to accept.")
        ) {
            try entry.accept(now: Self.before)
        }
    }

    @Test func endingAnOfferHandsItBackAndTheEntryWaitsOn() throws {
        for end: (inout WaitlistEntry) throws -> WaitlistEntry.Offer? in [
            { try $0.decline() }, { try $0.lapse(now: Self.after) }, { try $0.leave() },
            { try $0.expire(today: Self.lastDay.adding(days: 1)) },
        ] {
            var entry = Self.entry(.waiting)
            try entry.offer(Self.slotOffered)
            #expect(entry.offer == Self.slotOffered)
            #expect(try end(&entry) == Self.slotOffered)
            #expect(entry.offer == nil)
        }
        var waiting = Self.entry(.waiting)
        #expect(try waiting.leave() == nil)
    }

    @Test func aBookedEntryKeepsTheOfferItBooked() throws {
        var entry = Self.entry(.offered, offer: Self.slotOffered)
        try entry.accept(now: Self.before)
        #expect(entry.state == .booked && entry.offer == Self.slotOffered)
    }
}

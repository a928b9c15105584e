import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import Testing

@testable import LoketApp

/// The matcher and the waitlist's sweeps on a real SQLite file and a real PostgreSQL server: a
/// freed slot offered to the first eligible entry in fair order (or given back), and entries
/// that end after their last day.
@Suite(.timeLimit(.minutes(3))) struct WaitlistMatchingTests {
    /// An entry for `name` put in line on the table (a partner's when `urgent`).
    static func enter(
        _ database: Database, _ name: String, from: String = "2022-06-02", to: String = "2022-06-30",
        urgent: Bool = false, now: Date
    ) async throws -> (entry: WaitlistEntry, token: String) {
        let vNumber = TestPeople.vNumber(name)
        let request = WaitlistRequest(
            product: "BIO", persons: 1, desks: ["TS"], from: LocalDate(iso: from)!, to: LocalDate(iso: to)!,
            urgent: urgent, expiresOn: nil,
            customer: Customer(
                name: name, email: "\(name.lowercased())@example.nl", phone: nil, vNumber: vNumber, language: .en),
            appointment: nil, people: [vNumber], partner: urgent ? "partner" : nil,
            urgentReason: urgent ? (.documentExpiring, nil) : nil)
        return try await database.write { tx in try await WaitlistEntries.insert(request, now: now, in: tx) }
    }

    /// Books `slot` for `name` and cancels it: the freed slot the matcher is owed.
    static func bookAndCancel(_ loket: Loket, _ slot: String, _ name: String) async throws {
        let booking = try await BookingTests.confirm(
            loket, try await BookingTests.hold(loket, slot: slot),
            customer: Customer(
                name: name, email: "x@example.nl", phone: nil, vNumber: TestPeople.vNumber(name), language: .en))
        _ = try await loket.booking.cancel(id: booking.appointment.id, token: booking.manageToken)
    }

    @Test(arguments: TestDatabase.engines)
    func aFreedSlotIsOfferedToTheFirstInFairOrderOrGivenBack(engine: TestDatabase.Engine) async throws {
        let clock = ManualClock(date: "2022-06-01")
        try await withLoket(engine, clock: clock) { loket, database in
            let store = WaitlistStore(database: database)
            let (early, earlyToken) = try await Self.enter(database, "Early", now: clock.now)
            clock.advance(minutes: 1)
            let urgent = try await Self.enter(database, "Urgent", urgent: true, now: clock.now).entry
            try await Self.bookAndCancel(loket, "20220602-0900-bio", "Booked")
            let freed = try #require(try await store.freedSlots(limit: 10).first)
            let plan = try loket.rules.planHold(
                desk: "TS", product: "BIO", persons: 1, slot: "20220602-0900-bio", now: clock.now)
            guard case .offered(let offered, _) = try await loket.waitlist.offer(freed, to: urgent.id, plan: plan)
            else {
                Issue.record("not offered")
                return
            }
            #expect(offered.offer?.slot == "20220602-0900-bio")
            #expect(try await taken(database, on: "2022-06-02") == 1)
            #expect(try await store.freedSlots(limit: 10).isEmpty)
            // A second matcher that looked at the same slot finds it handled.
            guard case .handledElsewhere = try await loket.waitlist.offer(freed, to: early.id, plan: plan) else {
                Issue.record("offered twice")
                return
            }
            // The next freed slot goes to the next in line; nobody taking it gives the unit back.
            try await Self.bookAndCancel(loket, "20220602-0910-bio", "Booked2")
            let next = try #require(try await store.freedSlots(limit: 10).first)
            #expect(try await store.firstEligible(for: next)?.id == early.id)
            try await loket.waitlist.release(next)
            #expect(try await taken(database, on: "2022-06-02") == 1)
            #expect(try await store.freedSlots(limit: 10).isEmpty)
            // The matcher's step does the same on its own: Early is offered the next one.
            try await Self.bookAndCancel(loket, "20220602-0920-bio", "Booked3")
            #expect(try await loket.waitlist.matchFreedSlots() == 1)
            #expect(try await store.waitlistEntry(id: early.id, token: earlyToken).state == .offered)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func entriesEndAfterTheirLastDayAndFreeTheirPeople(engine: TestDatabase.Engine) async throws {
        let clock = ManualClock(date: "2022-06-01")
        try await withLoket(engine, clock: clock) { loket, database in
            let (waiting, token) = try await Self.enter(database, "Short", to: "2022-06-02", now: clock.now)
            let (offered, offerToken) = try await Self.enter(database, "Offered", to: "2022-06-02", now: clock.now)
            let plan = try loket.rules.planHold(
                desk: "TS", product: "BIO", persons: 1, slot: "20220602-0900-bio", now: clock.now)
            let offer = try #require(try await loket.waitlist.offer(entry: offered.id, plan: plan)?.offer)
            #expect(try await loket.waitlist.endPastEntries() == 0, "the window is still open")
            clock.advance(minutes: 2 * 24 * 60)
            #expect(try await loket.waitlist.endPastEntries() == 2)
            #expect(try await loket.waitlist.entry(id: waiting.id, token: token).state == .expired)
            #expect(try await loket.waitlist.entry(id: offered.id, token: offerToken).state == .expired)
            #expect(try await loket.booking.hold(id: offer.hold).state == .released)
            #expect(try await taken(database, on: "2022-06-02") == 0)
            #expect(try await loket.waitlist.endPastEntries() == 0)
            // Their people may wait again.
            _ = try await Self.enter(database, "Short", from: "2022-06-06", now: clock.now)
        }
    }
}

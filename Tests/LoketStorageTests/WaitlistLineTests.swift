import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import Testing

/// The waitlist's line as the database keeps it, on a real SQLite file and a real PostgreSQL
/// server: one waiting entry per person, and freed slots kept for the first eligible entry in
/// fair order.
@Suite(.timeLimit(.minutes(3))) struct WaitlistLineTests {
    let rules = BookingRules(network: TestNetwork.network)

    static func request(
        _ name: String, desks: [String] = ["TS"], from: String = "2022-06-02", to: String = "2022-06-30",
        urgent: Bool = false, persons: Int = 1
    ) -> WaitlistRequest {
        let vNumber = TestPeople.vNumber(name)
        let customer = try! Customer.validated(
            name: name, email: "\(name.lowercased())@example.nl", phone: nil, vNumber: vNumber, bsn: nil,
            language: "en")
        return WaitlistRequest(
            product: "BIO", persons: persons, desks: desks, from: LocalDate(iso: from)!, to: LocalDate(iso: to)!,
            urgent: urgent, expiresOn: nil, customer: customer, appointment: nil, people: [vNumber],
            partner: urgent ? "partner" : nil, urgentReason: urgent ? (.documentExpiring, nil) : nil)
    }

    /// Books `slot` at TS for `name` and cancels it: the freed slot the matcher is owed.
    func bookAndCancel(_ store: Stores, _ slot: String, _ name: String, clock: ManualClock) async throws {
        let plan = try rules.planHold(desk: "TS", product: "BIO", persons: 1, slot: slot, now: clock.now)
        let held = try await store.hold(plan, now: clock.now)
        let booked = try await store.confirm(
            hold: held.hold.id, holdToken: held.token, customer: Self.request(name).customer, now: clock.now)
        try await store.cancel(
            id: booked.appointment.id, token: booked.manageToken, now: clock.now, today: clock.today)
    }

    func taken(_ store: Stores, _ date: String) async throws -> Int {
        let day = LocalDate(iso: date)!
        return try await store.capacity.usage(desk: "TS", dates: day...day).values.reduce(0, +)
    }

    @Test(arguments: TestDatabase.engines)
    func ofConcurrentJoinsForOnePersonOneSucceeds(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let clock = ManualClock(date: "2022-06-01")
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        do {
                            _ = try await store.join(Self.request("Ana"), now: clock.now)
                            return "joined"
                        } catch let error as Refusal {
                            return "\(error.field) \(error.code)"
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == "joined" }.count == 1)
            #expect(outcomes.filter { $0 == "customer.vNumber already_waiting" }.count == 7)
            // Another product, or the same person once the entry has ended, may wait again.
            let (entry, token) = try await store.join(Self.request("Bo"), now: clock.now)
            try await store.leave(id: entry.id, token: token)
            _ = try await store.join(Self.request("Bo"), now: clock.now)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aFreedSlotIsKeptForTheFirstEligibleEntryInFairOrder(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let clock = ManualClock(date: "2022-06-01")
            // Not eligible: another desk, a window after the day, more persons than were freed.
            _ = try await store.join(Self.request("Elsewhere", desks: ["OLD"]), now: clock.now)
            _ = try await store.join(Self.request("Later", from: "2022-06-03"), now: clock.now)
            _ = try await store.join(Self.request("Group", persons: 2), now: clock.now)
            clock.advance(minutes: 1)
            let early = try await store.join(Self.request("Early"), now: clock.now).entry
            clock.advance(minutes: 1)
            let urgent = try await store.join(Self.request("Urgent", urgent: true), now: clock.now)
            #expect(try await store.waitlist.position(of: urgent.entry) == 1)
            #expect(try await store.waitlist.position(of: early) == 5)

            try await bookAndCancel(store, "20220602-0900-bio", "Booked", clock: clock)
            // Kept off the open list: its unit stays taken by a parked hold.
            #expect(try await taken(store, "2022-06-02") == 1)
            let freed = try #require(try await store.waitlist.freedSlots(limit: 10).first)
            #expect(freed.desk == "TS" && freed.slot.description == "20220602-0900-bio" && freed.parked)
            #expect(try await store.waitlist.firstEligible(for: freed)?.id == urgent.entry.id)

            // Offering it on, and giving back what nobody takes, is the matcher's
            // (`WaitlistMatchingTests` in LoketAppTests).
        }
    }

    @Test(arguments: TestDatabase.engines)
    func freedCapacityNobodyWaitsForGoesBackAtOnce(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let clock = ManualClock(date: "2022-06-01")
            _ = try await store.join(Self.request("Elsewhere", desks: ["OLD"]), now: clock.now)
            try await bookAndCancel(store, "20220602-0900-bio", "Booked", clock: clock)
            #expect(try await taken(store, "2022-06-02") == 0)
            #expect(try await store.waitlist.freedSlots(limit: 10).isEmpty)
        }
    }
}

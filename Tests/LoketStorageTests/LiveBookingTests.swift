import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import Testing

/// One live booking per person and product, kept by the database on both engines.
@Suite(.timeLimit(.minutes(3))) struct LiveBookingTests {
    let rules = BookingRules(network: TestNetwork.single(counters: 20))
    static let person = "5555555555"

    func hold(_ store: Stores, _ slot: String, now: Date) async throws -> HoldReceipt {
        try await store.hold(
            rules.planHold(desk: "RACE", product: "BIO", persons: 1, slot: slot, now: now), now: now)
    }

    func confirm(_ store: Stores, _ held: HoldReceipt, now: Date) async throws -> ConfirmedBooking {
        let customer = try Customer.validated(
            name: "Ana Silva", email: "ana@example.nl", phone: nil, vNumber: Self.person, bsn: nil, language: "en")
        return try await store.confirm(
            hold: held.hold.id, holdToken: held.token, customer: customer, people: { _, _ in [Self.person] }, now: now)
    }

    @Test(arguments: TestDatabase.engines)
    func ofConcurrentBookingsForOnePersonOneSucceeds(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let clock = ManualClock(date: "2022-06-01")
            var holds: [HoldReceipt] = []
            for slot in ["20220602-0900-one", "20220602-0910-one", "20220603-0900-one", "20220603-0910-one"] {
                for _ in 0..<3 { holds.append(try await hold(store, slot, now: clock.now)) }
            }
            let outcomes = try await withThrowingTaskGroup(of: String?.self) { group in
                for held in holds {
                    group.addTask {
                        do {
                            _ = try await confirm(store, held, now: clock.now)
                            return nil
                        } catch let error as Refusal {
                            return error.code
                        }
                    }
                }
                return try await group.reduce(into: [String?]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == nil }.count == 1)
            #expect(outcomes.filter { $0 == "already_booked" }.count == holds.count - 1)
            // A refused confirmation leaves its hold active: nothing was written.
            let active = try await withThrowingTaskGroup(of: Bool.self) { group in
                for held in holds {
                    group.addTask { try await store.appointments.hold(id: held.hold.id)?.state == .active }
                }
                return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(active == holds.count - 1)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aPersonBooksAgainAfterCancellingOrOnceTheDayHasPassed(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let clock = ManualClock(date: "2022-06-01")
            let first = try await confirm(
                store, try await hold(store, "20220602-0900-one", now: clock.now), now: clock.now)
            let second = try await hold(store, "20220603-0900-one", now: clock.now)
            await #expect(throws: Refusal.alreadyBooked) {
                try await confirm(store, second, now: clock.now)
            }
            try await store.cancel(
                id: first.appointment.id, token: first.manageToken, now: clock.now, today: clock.today)
            let rebooked = try await confirm(store, second, now: clock.now)
            #expect(rebooked.appointment.date.iso == "2022-06-03")

            // Once its day has passed, the person may book again.
            clock.advance(minutes: 3 * 24 * 60)
            let later = try await confirm(
                store, try await hold(store, "20220607-0900-one", now: clock.now), now: clock.now)
            #expect(later.appointment.date.iso == "2022-06-07")
        }
    }
}

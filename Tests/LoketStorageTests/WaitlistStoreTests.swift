import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import Testing

/// Waitlist entries and the holds of their offers, as their lifecycles decide, on a real SQLite
/// file and a real PostgreSQL server.
@Suite(.timeLimit(.minutes(3))) struct WaitlistStoreTests {
    let rules = BookingRules(network: TestNetwork.network)

    static let request = WaitlistRequest(
        product: "BIO", persons: 1, desks: ["TS"], from: LocalDate(iso: "2022-06-02")!,
        to: LocalDate(iso: "2022-06-30")!, urgent: false, expiresOn: nil, customer: TestPeople.customer,
        appointment: nil)

    func offer(
        _ store: Stores, _ entry: String, slot: String, clock: ManualClock
    ) async throws -> WaitlistEntry.Offer {
        let plan = try rules.planHold(desk: "TS", product: "BIO", persons: 1, slot: slot, now: clock.now)
        let offered = try await store.waitlist.makeOffer(entry: entry, plan: plan, now: clock.now)
        return try #require(offered?.offer)
    }

    /// An offer is a hold only the offer opens, lapses once its time has run out (and only then)
    /// and is not made to an entry already offered. Declining, accepting and leaving are the
    /// waitlist area's (`WaitlistTests` in LoketAppTests).
    @Test(arguments: TestDatabase.engines)
    func offersLapseAndAreMadeOnlyToWaitingEntries(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let clock = ManualClock(date: "2022-06-01")
            let (entry, token) = try await store.join(Self.request, now: clock.now)
            let first = try await offer(store, entry.id, slot: "20220602-0930-bio", clock: clock)
            #expect(
                try await store.waitlist.makeOffer(
                    entry: entry.id,
                    plan: rules.planHold(
                        desk: "TS", product: "BIO", persons: 1, slot: "20220602-0910-bio", now: clock.now),
                    now: clock.now) == nil, "an offered entry is not offered twice")
            // Its hold opens with no token (the booking area refuses it as `offeredHold`).
            let offered = try await store.database.write { tx in try await Holds.read(id: first.hold, in: tx) }
            #expect(offered?.isOffered == true)
            #expect(offered?.opens(token) == false)

            // Lapsed: the sweep ends it once its time has run out, and only then.
            #expect(try await store.waitlist.lapseOffers(now: clock.now) == 0)
            clock.advance(minutes: 60)
            #expect(try await store.waitlist.lapseOffers(now: clock.now) == 1)
            #expect(try await store.appointments.hold(id: first.hold)?.state == .released)
            #expect(try await store.waitlist.waitlistEntry(id: entry.id, token: token).state == .waiting)
            #expect(try await store.waitlist.passedSlots(entry: entry.id) == ["TS/\(first.slot)"])
        }
    }

    @Test(arguments: TestDatabase.engines)
    func anEntryThatLeftIsOfferedNothing(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let clock = ManualClock(date: "2022-06-01")
            let (entry, token) = try await store.join(Self.request, now: clock.now)
            try await store.leave(id: entry.id, token: token)
            #expect(try await store.waitlist.waitlistEntry(id: entry.id, token: token).state == .left)
            #expect(
                try await store.waitlist.makeOffer(
                    entry: entry.id,
                    plan: rules.planHold(
                        desk: "TS", product: "BIO", persons: 1, slot: "20220602-0910-bio", now: clock.now),
                    now: clock.now) == nil, "nobody offers a slot to an entry that left")
            let day = LocalDate(iso: "2022-06-02")!
            #expect(try await store.capacity.usage(desk: "TS", dates: day...day).values.reduce(0, +) == 0)
        }
    }
}

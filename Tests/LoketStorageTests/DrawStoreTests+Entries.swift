import Foundation
import LoketStorage
import LoketTestSupport
import SQLKit
import Testing

@testable import LoketDomain

/// The draw entries (`DrawStore+Entries`): entering, reading with the token, deciding.
extension DrawStoreTests {
    /// An entry is written with every field and opens only with its token in its own draw.
    @Test(arguments: TestDatabase.engines)
    func anEntryIsReadBackWithItsToken(engine: TestDatabase.Engine) async throws {
        try await withDraws(engine) { store, draws in
            let now = ManualClock(date: "2022-06-01").now
            let opened = try await openDraws(draws, now: now, closesAt: now.addingTimeInterval(86_400))
            let (entry, token) = try await store.database.write { tx in
                try await DrawStore.enter(opened[0], Self.request("Ana", companion: "Bo"), now: now, in: tx)
            }
            #expect(
                entry
                    == DrawEntry(
                        id: entry.id, draw: opened[0].id, persons: 2, desks: ["TS", "OLD"],
                        days: [Self.day("2022-06-08")],
                        createdAt: now, status: .entered, appointment: nil, waitlistEntry: nil))
            #expect(try await draws.entry(draw: opened[0].id, id: entry.id, token: token) == entry)
            let cases: [(draw: String, id: String, token: String?, refusal: Refusal)] = [
                (opened[0].id, entry.id, nil, .drawEntryTokenMissing),
                (opened[0].id, entry.id, "", .drawEntryTokenMissing),
                (opened[0].id, entry.id, "not-the-token", .wrongDrawEntryToken),
                (opened[0].id, "none", token, .unknownDrawEntry("none")),
                (opened[1].id, entry.id, token, .unknownDrawEntry(entry.id)),
            ]
            for example in cases {
                await #expect(throws: example.refusal) {
                    try await draws.entry(draw: example.draw, id: example.id, token: example.token)
                }
            }
            let stored = try await draws.entries(draw: opened[0].id)
            #expect(stored.count == 1)
            #expect(stored.first?.entry == entry && stored.first?.slot == nil)
            #expect(stored.first?.customer == Self.customer("Ana", companion: "Bo"))
            #expect(stored.first?.people == [TestPeople.vNumber("Ana"), TestPeople.vNumber("Bo")])
            #expect(stored.first.map { !$0.tokenHash.isEmpty && $0.tokenHash != token } == true)
            #expect(try await draws.entries(draw: opened[1].id).isEmpty)
        }
    }

    /// Each person is in one entry per draw, and not in one while they hold a live appointment
    /// for the product; a refused entry writes nothing.
    @Test(arguments: TestDatabase.engines)
    func aPersonEntersADrawOnceAndNotWhenBooked(engine: TestDatabase.Engine) async throws {
        try await withDraws(engine) { store, draws in
            let now = ManualClock(date: "2022-06-01").now
            let opened = try await openDraws(draws, now: now, closesAt: now.addingTimeInterval(86_400))
            let enter = { (draw: Draw, request: DrawStore.EntryRequest) in
                try await store.database.write { tx in try await DrawStore.enter(draw, request, now: now, in: tx) }
            }
            _ = try await enter(opened[0], Self.request("Ana"))
            await #expect(throws: Refusal.alreadyEntered) {
                try await enter(opened[0], Self.request("Cas", companion: "Ana"))
            }
            #expect(try await draws.entries(draw: opened[0].id).count == 1)
            let people = try await store.database.session { db in
                try await db.raw("SELECT COUNT(*) AS n FROM draw_people").first()!.decode(column: "n", as: Int.self)
            }
            #expect(people == 1)
            // Another draw takes the same person.
            _ = try await enter(opened[1], Self.request("Cas", companion: "Ana"))
            let plan = try rules.planHold(desk: "TS", product: "BIO", persons: 1, slot: "20220602-0900-bio", now: now)
            let held = try await store.hold(plan, now: now)
            _ = try await store.confirm(
                hold: held.hold.id, holdToken: held.token, customer: Self.customer("Dee"),
                people: { _, _ in [TestPeople.vNumber("Dee")] }, now: now)
            await #expect(throws: Refusal.alreadyBooked) { try await enter(opened[0], Self.request("Dee")) }
            #expect(try await draws.entries(draw: opened[0].id).count == 1)
        }
    }

    /// A decision (drawn, with the appointment and its slot; not drawn, with the waitlist entry)
    /// is written once; deciding again is refused with `entryDecided`.
    @Test(arguments: TestDatabase.engines)
    func anEntryIsDecidedOnce(engine: TestDatabase.Engine) async throws {
        try await withDraws(engine) { store, draws in
            let now = ManualClock(date: "2022-06-01").now
            let draw = try await openDraws(draws, now: now, closesAt: now.addingTimeInterval(86_400))[0]
            let plan = try rules.planHold(desk: "TS", product: "BIO", persons: 1, slot: "20220602-0910-bio", now: now)
            let held = try await store.hold(plan, now: now)
            let booking = try await store.confirm(
                hold: held.hold.id, holdToken: held.token, customer: Self.customer("Ana"), now: now)
            let (ana, bo) = try await store.database.write { tx in
                #expect(try await DrawStore.draw(id: draw.id, in: tx) == draw)
                var ana = try await DrawStore.enter(draw, Self.request("Ana"), now: now, in: tx).entry
                var bo = try await DrawStore.enter(draw, Self.request("Bo"), now: now, in: tx).entry
                try ana.drawn(appointment: booking.appointment.id)
                try bo.notDrawn(waitlistEntry: "w-1")
                try await DrawStore.decide(ana, in: tx)
                try await DrawStore.decide(bo, in: tx)
                return (ana, bo)
            }
            // The draw's published result lists its entries: nothing in two made at once dates them.
            #expect(ana.id.prefix(6) != bo.id.prefix(6))
            await #expect(throws: Refusal.entryDecided) {
                try await store.database.write { tx in try await DrawStore.decide(ana, in: tx) }
            }
            let stored = Dictionary(
                uniqueKeysWithValues: try await draws.entries(draw: draw.id).map { ($0.entry.id, $0) })
            #expect(stored[ana.id]?.entry.status == .drawn)
            #expect(stored[ana.id]?.entry.appointment == booking.appointment.id)
            #expect(
                stored[ana.id]?.slot
                    == SlotKey(date: Self.day("2022-06-02"), start: LocalTime(text: "09:10")!, pool: "bio"))
            #expect(stored[bo.id]?.entry.status == .notDrawn && stored[bo.id]?.entry.waitlistEntry == "w-1")
            #expect(stored[bo.id]?.entry.appointment == nil && stored[bo.id]?.slot == nil)
        }
    }

    static func waitlistRequest(_ name: String) -> WaitlistRequest {
        WaitlistRequest(
            product: "BIO", persons: 1, desks: ["TS"], from: day("2022-06-02"), to: day("2022-06-30"), urgent: false,
            expiresOn: nil, customer: customer(name), appointment: nil)
    }

    /// Whether anyone a request names already waits for the product or has a live appointment.
    @Test(arguments: TestDatabase.engines)
    func waitingOrBookedPeopleAreFound(engine: TestDatabase.Engine) async throws {
        try await withDraws(engine) { store, _ in
            let now = ManualClock(date: "2022-06-01").now
            _ = try await store.join(Self.waitlistRequest("Fay"), now: now)
            let plan = try rules.planHold(desk: "TS", product: "BIO", persons: 1, slot: "20220602-0900-bio", now: now)
            let held = try await store.hold(plan, now: now)
            _ = try await store.confirm(
                hold: held.hold.id, holdToken: held.token, customer: Self.customer("Dee"),
                people: { _, _ in [TestPeople.vNumber("Dee")] }, now: now)
            let found = try await store.database.write { tx in
                [
                    try await DrawStore.waitsOrHasAppointment(Self.waitlistRequest("Fay"), now: now, in: tx),
                    try await DrawStore.waitsOrHasAppointment(Self.waitlistRequest("Dee"), now: now, in: tx),
                    try await DrawStore.waitsOrHasAppointment(Self.waitlistRequest("Gus"), now: now, in: tx),
                ]
            }
            #expect(found == [true, true, false])
        }
    }
}

import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import SQLKit
import Testing

/// The tables the booking area writes (`Holds`, `Appointments`, `FreedSlots`), on a real SQLite file and a real PostgreSQL server: what each operation
/// writes, and that every conditional write reports the condition that failed and changes
/// nothing. The use cases on top are tested in LoketAppTests (`BookingTests`).
@Suite(.timeLimit(.minutes(3))) struct BookingTablesTests {
    let rules = BookingRules(network: TestNetwork.network)

    func taken(_ store: Stores, on day: String) async throws -> Int {
        let date = LocalDate(iso: day)!
        return try await store.capacity.usage(desk: "TS", dates: date...date).values.reduce(0, +)
    }

    func count(_ table: String, _ store: Stores) async throws -> Int {
        try await store.database.session { db in
            try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()!.decode(column: "n", as: Int.self)
        }
    }

    /// One unit (one statement on PostgreSQL) and two units (a statement each): a full unit
    /// refuses the hold, and neither the hold nor any unit is written.
    @Test(arguments: TestDatabase.engines)
    func aFullUnitRefusesAHoldAndWritesNothing(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let now = ManualClock(date: "2022-06-01").now
            let one = try rules.planHold(desk: "TS", product: "BIO", persons: 1, slot: "20220602-0910-bio", now: now)
            for _ in 0..<2 { _ = try await store.hold(one, now: now) }
            #expect(try await taken(store, on: "2022-06-02") == 2)
            await #expect(throws: Refusal.slotFull) { try await store.hold(one, now: now) }
            // Two persons from 09:00: the 09:00 unit has room, the 09:10 unit is full.
            let two = try rules.planHold(desk: "TS", product: "BIO", persons: 2, slot: "20220602-0900-bio", now: now)
            await #expect(throws: Refusal.slotFull) { try await store.hold(two, now: now) }
            #expect(try await taken(store, on: "2022-06-02") == 2)
            #expect(try await count("holds", store) == 2)
        }
    }

    /// A hold's state is written only if it is still the state it was read in.
    @Test(arguments: TestDatabase.engines)
    func aHoldIsWrittenOnlyInTheStateItWasReadIn(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let now = ManualClock(date: "2022-06-01").now
            let plan = try rules.planHold(desk: "TS", product: "BIO", persons: 1, slot: "20220602-0900-bio", now: now)
            let receipt = try await store.hold(plan, now: now)
            let (first, second) = try await store.database.write { tx in
                let stored = try #require(try await Holds.read(id: receipt.hold.id, in: tx))
                #expect(stored.hasSecret && stored.opens(receipt.token) && !stored.opens("another"))
                #expect(stored.placement.desk == "TS" && stored.placement.parts == 1)
                var hold = stored.hold
                try hold.confirm(now: now)
                return (
                    try await Holds.write(hold, readIn: stored.hold.state, in: tx),
                    try await Holds.write(hold, readIn: stored.hold.state, in: tx)
                )
            }
            #expect(first && !second)
            #expect(try await store.database.write { tx in try await Holds.read(id: "none", in: tx) } == nil)
        }
    }

    /// A cancellation or a move is written only at the revision the appointment was read in;
    /// the live bookings follow a move and go with a cancellation.
    @Test(arguments: TestDatabase.engines)
    func anAppointmentIsWrittenOnlyAtTheRevisionItWasReadIn(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let clock = ManualClock(date: "2022-06-01")
            let plan = try rules.planHold(
                desk: "TS", product: "BIO", persons: 1, slot: "20220602-0900-bio", now: clock.now)
            let held = try await store.hold(plan, now: clock.now)
            let booking = try await store.confirm(
                hold: held.hold.id, holdToken: held.token, customer: TestPeople.customer,
                people: { _, _ in ["1234567890"] }, now: clock.now)
            let links = try ManageLinkKeys([ManageLinkKeys.randomSecret()])
            let other = try rules.planHold(
                desk: "TS", product: "BIO", persons: 1, slot: "20220603-0900-bio", now: clock.now)
            let otherHold = try await store.hold(other, now: clock.now)
            try await store.database.write { tx in
                let current = try await Appointments.authorised(
                    id: booking.appointment.id, token: booking.manageToken, today: clock.today, links: links, in: tx)
                #expect(current.appointment == booking.appointment && current.partner == nil)
                let target = try #require(try await Holds.read(id: otherHold.hold.id, in: tx))
                var taken = target.hold
                try taken.confirm(now: clock.now)
                #expect(try await Holds.write(taken, readIn: target.hold.state, in: tx))
                var moved = current.appointment
                try moved.move(to: taken, allowed: 3)
                let stored = try #require(
                    try await Appointments.move(
                        current.appointment, as: moved, to: taken, at: target.placement, now: clock.now, in: tx))
                #expect(stored.appointment.date.iso == "2022-06-03" && stored.appointment.revision == 1)
                // Read at revision 0: neither a second move nor a cancellation is written.
                #expect(
                    try await Appointments.move(
                        current.appointment, as: moved, to: taken, at: target.placement, now: clock.now, in: tx)
                        == nil)
                var cancelled = current.appointment
                try cancelled.cancel()
                #expect(
                    try await Appointments.cancel(current.appointment, as: cancelled, now: clock.now, in: tx) == nil)
                var cancelledNow = stored.appointment
                try cancelledNow.cancel()
                let written = try #require(
                    try await Appointments.cancel(stored.appointment, as: cancelledNow, now: clock.now, in: tx))
                #expect(written.appointment.state == .cancelled && written.appointment.revision == 2)
            }
            #expect(try await count("live_bookings", store) == 0)
        }
    }

    /// What opens an appointment, and the refusal for each way of getting it wrong.
    @Test(arguments: TestDatabase.engines)
    func anAppointmentOpensOnlyWithItsToken(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let clock = ManualClock(date: "2022-06-01")
            let plan = try rules.planHold(
                desk: "TS", product: "BIO", persons: 1, slot: "20220602-0900-bio", now: clock.now)
            let held = try await store.hold(plan, now: clock.now)
            let booking = try await store.confirm(
                hold: held.hold.id, holdToken: held.token, customer: TestPeople.customer, now: clock.now)
            let links = try ManageLinkKeys([ManageLinkKeys.randomSecret()])
            let cases: [(id: String, token: String?, refusal: Refusal)] = [
                (booking.appointment.id, nil, .manageTokenMissing),
                (booking.appointment.id, "", .manageTokenMissing),
                ("a-none", booking.manageToken, .unknownAppointment),
                (booking.appointment.id, "not-the-token", .wrongManageToken),
            ]
            for example in cases {
                await #expect(throws: example.refusal) {
                    try await store.database.write { tx in
                        try await Appointments.authorised(
                            id: example.id, token: example.token, today: clock.today, links: links, in: tx)
                    }
                }
            }
        }
    }

    /// Freed units go straight back when nobody waits for them.
    @Test(arguments: TestDatabase.engines)
    func freedUnitsGoBackWhenNobodyWaits(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let now = ManualClock(date: "2022-06-01").now
            let plan = try rules.planHold(desk: "TS", product: "BIO", persons: 2, slot: "20220602-0900-bio", now: now)
            let held = try await store.hold(plan, now: now)
            #expect(try await taken(store, on: "2022-06-02") == 2)
            let desk = try await store.database.write { tx in
                let stored = try #require(try await Holds.read(id: held.hold.id, in: tx))
                return try await FreedSlots.free(stored.placement, now: now, in: tx)
            }
            #expect(desk == "TS")
            #expect(try await taken(store, on: "2022-06-02") == 0)
            #expect(try await count("freed_slots", store) == 0)
        }
    }
}

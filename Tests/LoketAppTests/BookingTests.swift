import Foundation
import LoketApp
import LoketDomain
import LoketStorage
import LoketTestSupport
import Testing

/// The booking area's use cases on a real SQLite file and a real PostgreSQL server: holding,
/// confirming, moving and cancelling, with the refusals a client sees, the capacity each step
/// takes or gives back, and the announcements made after each commit.
@Suite(.timeLimit(.minutes(3))) struct BookingTests {
    /// Ana and her companion: BIO claims one live booking per person.
    static let pair: Customer = {
        var customer = TestPeople.customer
        customer.companions = [Companion(name: "Bo Silva", vNumber: "1234567891")]
        return customer
    }()

    static func hold(
        _ loket: Loket, persons: Int = 1, slot: String = "20220602-0900-bio", idempotency: IdempotencyKey? = nil
    ) async throws -> HoldReceipt {
        try await loket.booking.hold(
            desk: "TS", product: "BIO", persons: persons, slot: slot, client: nil, idempotency: idempotency)
    }

    static func confirm(
        _ loket: Loket, _ held: HoldReceipt, token: String? = nil, customer: Customer = TestPeople.customer,
        idempotency: IdempotencyKey? = nil
    ) async throws -> ConfirmedBooking {
        try await loket.booking.confirm(
            hold: held.hold.id, holdToken: token ?? held.token, customer: customer, client: nil,
            idempotency: idempotency)
    }

    @Test(arguments: TestDatabase.engines)
    func holdConfirmRescheduleCancel(engine: TestDatabase.Engine) async throws {
        try await withLoket(engine) { loket, database in
            let hold = try await Self.hold(loket, persons: 2)
            #expect(hold.hold.state == .active)
            #expect(try await taken(database, on: "2022-06-02") == 2)

            let booking = try await Self.confirm(loket, hold, customer: Self.pair)
            #expect(booking.manageToken.count >= 43) // 256 bits in base64url
            #expect(booking.appointment.startTime.text == "09:00")
            #expect(booking.appointment.endTime.text == "09:20")
            #expect(try await taken(database, on: "2022-06-02") == 2)

            // The hold cannot be used twice.
            await #expect(throws: Refusal.holdUsed) { try await Self.confirm(loket, hold, customer: Self.pair) }

            // Only the manage token opens it.
            let seen = try await loket.booking.appointment(id: booking.appointment.id, token: booking.manageToken)
            #expect(seen.id == booking.appointment.id)
            await #expect(
                throws: Refusal(
                    .unauthorized, field: "Authorization", code: "wrong_token",
                    "This manage token does not open this appointment.")
            ) {
                try await loket.booking.appointment(id: booking.appointment.id, token: "not-the-token")
            }

            // Reschedule to the 3rd: the 2nd's units come back, the 3rd's stay taken.
            let newHold = try await Self.hold(loket, persons: 2, slot: "20220603-1000-bio")
            let moved = try await loket.booking.reschedule(
                id: booking.appointment.id, token: booking.manageToken, hold: newHold.hold.id,
                holdToken: newHold.token, idempotency: nil)
            #expect(moved.date.iso == "2022-06-03")
            #expect(moved.startTime.text == "10:00")
            #expect(try await taken(database, on: "2022-06-02") == 0)
            #expect(try await taken(database, on: "2022-06-03") == 2)

            // Cancel gives the capacity back at once; cancelling again changes nothing.
            let cancelled = try await loket.booking.cancel(id: booking.appointment.id, token: booking.manageToken)
            #expect(cancelled.state == .cancelled)
            #expect(try await taken(database, on: "2022-06-03") == 0)
            let again = try await loket.booking.cancel(id: booking.appointment.id, token: booking.manageToken)
            #expect(again == cancelled)
            #expect(try await taken(database, on: "2022-06-03") == 0)
        }
    }

    /// Every commit that changed capacity is announced once (the desk's capacity generation
    /// moves); confirming a hold (whose capacity is already taken) and a second cancel announce
    /// nothing.
    @Test(arguments: TestDatabase.engines)
    func capacityChangesAreAnnouncedAfterEachCommit(engine: TestDatabase.Engine) async throws {
        try await withLoket(engine) { loket, _ in
            let start = loket.capacityGeneration(desk: "TS")
            let hold = try await Self.hold(loket)
            #expect(loket.capacityGeneration(desk: "TS") == start + 1)
            let booking = try await Self.confirm(loket, hold)
            #expect(loket.capacityGeneration(desk: "TS") == start + 1)
            _ = try await loket.booking.cancel(id: booking.appointment.id, token: booking.manageToken)
            _ = try await loket.booking.cancel(id: booking.appointment.id, token: booking.manageToken)
            #expect(loket.capacityGeneration(desk: "TS") == start + 2)
        }
    }

    /// Confirming at the moment of expiry is too late, and writes nothing.
    @Test(arguments: TestDatabase.engines)
    func aLapsedHoldConfirmsNothing(engine: TestDatabase.Engine) async throws {
        let clock = ManualClock(date: "2022-06-01")
        try await withLoket(engine, clock: clock) { loket, database in
            let hold = try await Self.hold(loket)
            clock.advance(minutes: 15)
            await #expect(
                throws: Refusal(
                    .gone, field: "hold", code: "hold_expired", "This hold has expired; choose a slot again.")
            ) {
                try await Self.confirm(loket, hold)
            }
            #expect(try await loket.booking.hold(id: hold.hold.id).state == .active)
            #expect(try await loket.booking.activeHold(id: hold.hold.id) == nil)
            #expect(try await taken(database, on: "2022-06-02") == 1)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aHoldConfirmsOnlyWithItsMakersToken(engine: TestDatabase.Engine) async throws {
        try await withLoket(engine) { loket, database in
            let held = try await Self.hold(loket)
            #expect(held.token.count >= 32)
            await #expect(
                throws: Refusal.invalid(
                    "holdToken", "required", "Send the token you got with the hold as holdToken.")
            ) {
                try await loket.booking.confirm(
                    hold: held.hold.id, holdToken: nil, customer: TestPeople.customer, client: nil, idempotency: nil)
            }
            await #expect(
                throws: Refusal(
                    .forbidden, field: "holdToken", code: "wrong_token", "This token does not belong to this hold.")
            ) {
                try await Self.confirm(loket, held, token: "someone-elses-token")
            }
            await #expect(throws: Refusal(.notFound, field: "hold", code: "unknown_hold", "There is no hold h-none.")) {
                try await loket.booking.confirm(
                    hold: "h-none", holdToken: held.token, customer: TestPeople.customer, client: nil,
                    idempotency: nil)
            }
            // Refusals change nothing: the hold still keeps its slot for its maker.
            #expect(try await loket.booking.hold(id: held.hold.id).state == .active)
            #expect(try await taken(database, on: "2022-06-02") == 1)
            let booking = try await Self.confirm(loket, held)
            #expect(booking.appointment.slot == held.hold.slot)
        }
    }

    /// A slot parked for a waitlist offer cannot be taken any other way than through the offer.
    @Test(arguments: TestDatabase.engines)
    func anOfferedHoldIsNotConfirmedWithAToken(engine: TestDatabase.Engine) async throws {
        try await withLoket(engine) { loket, database in
            let (entry, token) = try await WaitlistTests.join(loket)
            let offer = try await WaitlistTests.offer(loket, database, entry.id, slot: "20220603-0900-bio")
            await #expect(
                throws: Refusal(
                    .forbidden, field: "hold", code: "offered_hold",
                    "This slot is held for a waitlist offer and can only be taken through that offer.")
            ) {
                try await loket.booking.confirm(
                    hold: offer.hold, holdToken: token, customer: TestPeople.customer, client: nil, idempotency: nil)
            }
            #expect(try await loket.booking.hold(id: offer.hold).state == .active)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func ofConcurrentCancellationsOneGivesTheCapacityBack(engine: TestDatabase.Engine) async throws {
        try await withLoket(engine) { loket, database in
            let booking = try await Self.confirm(loket, try await Self.hold(loket, persons: 2), customer: Self.pair)
            let id = booking.appointment.id
            let token = booking.manageToken
            let before = loket.capacityGeneration(desk: "TS")
            let results = try await withThrowingTaskGroup(of: Appointment.self) { group in
                for _ in 0..<8 { group.addTask { try await loket.booking.cancel(id: id, token: token) } }
                return try await group.reduce(into: [Appointment]()) { $0.append($1) }
            }
            #expect(results.allSatisfy { $0.state == .cancelled && $0.revision == 1 })
            // One of them cancelled: one announcement, the units given back once.
            #expect(loket.capacityGeneration(desk: "TS") == before + 1)
            #expect(try await taken(database, on: "2022-06-02") == 0)
            let cancelled = try await loket.booking.appointment(id: id, token: token)
            #expect(cancelled.state == .cancelled && cancelled.revision == 1)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func anExpiredHoldGivesItsCapacityBack(engine: TestDatabase.Engine) async throws {
        let clock = ManualClock(date: "2022-06-01")
        try await withLoket(engine, clock: clock) { loket, database in
            let hold = try await Self.hold(loket)
            clock.advance(minutes: 14)
            #expect(try await loket.booking.releaseExpiredHolds().isEmpty)
            #expect(try await taken(database, on: "2022-06-02") == 1)
            clock.advance(minutes: 1)
            let before = loket.capacityGeneration(desk: "TS")
            #expect(try await loket.booking.releaseExpiredHolds() == ["TS"])
            #expect(loket.capacityGeneration(desk: "TS") == before + 1)
            #expect(try await taken(database, on: "2022-06-02") == 0)
            #expect(try await loket.booking.hold(id: hold.hold.id).state == .expired)
            // A second sweep releases nothing twice.
            #expect(try await loket.booking.releaseExpiredHolds().isEmpty)
            #expect(try await taken(database, on: "2022-06-02") == 0)
        }
    }

    /// An urgent booking by staff takes reserve units and is announced once, like any other
    /// capacity change; a hold looked up that does not exist names the path's `id`.
    @Test(arguments: TestDatabase.engines)
    func anUrgentBookingIsAnnouncedAfterItsCommit(engine: TestDatabase.Engine) async throws {
        try await withLoket(engine) { loket, database in
            let before = loket.capacityGeneration(desk: "TS")
            let booking = try await loket.booking.bookUrgent(
                desk: "TS", product: "BIO", persons: 1, slot: "20220602-0900-bio", customer: TestPeople.customer,
                reason: .documentExpiring, note: nil, staff: "clerk")
            #expect(loket.capacityGeneration(desk: "TS") == before + 1)
            #expect(try await taken(database, on: "2022-06-02") == 1)
            #expect(
                try await loket.booking.appointment(id: booking.appointment.id, token: booking.manageToken).id
                    == booking.appointment.id)
            await #expect(throws: Refusal(.notFound, field: "id", code: "unknown_hold", "There is no hold h-none.")) {
                try await loket.booking.hold(id: "h-none")
            }
        }
    }
}

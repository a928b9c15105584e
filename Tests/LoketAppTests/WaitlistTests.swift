import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import Testing

@testable import LoketApp

/// The waitlist area's use cases on a real SQLite file and a real PostgreSQL server: declining,
/// accepting and leaving as the entry's lifecycle decides, with the capacity each gives back.
@Suite(.timeLimit(.minutes(3))) struct WaitlistTests {
    static func join(
        _ loket: Loket, customer: Customer = TestPeople.customer, improving booking: ConfirmedBooking? = nil
    ) async throws -> (entry: WaitlistEntry, token: String) {
        try await loket.waitlist.join(
            desks: ["TS"], product: "BIO", persons: 1, from: "2022-06-02", to: "2022-06-30", documentExpiresOn: nil,
            customer: .success(customer), appointment: booking?.appointment.id,
            appointmentToken: booking?.manageToken, client: nil)
    }

    /// The offer of `slot` to the entry, as the matcher makes it.
    static func offer(
        _ loket: Loket, _ database: Database, _ entry: String, slot: String
    ) async throws -> WaitlistEntry.Offer {
        let plan = try loket.rules.planHold(desk: "TS", product: "BIO", persons: 1, slot: slot, now: loket.now())
        return try #require(try await loket.waitlist.offer(entry: entry, plan: plan)?.offer)
    }

    static func store(_ database: Database) -> WaitlistStore { WaitlistStore(database: database) }

    @Test(arguments: TestDatabase.engines)
    func offersAreDeclinedAndAcceptedAsTheEntryDecides(engine: TestDatabase.Engine) async throws {
        try await withLoket(engine) { loket, database in
            let (entry, token) = try await Self.join(loket)

            // Declined: the hold is released (not expired), the entry waits on.
            let first = try await Self.offer(loket, database, entry.id, slot: "20220602-0900-bio")
            let declined = try await loket.waitlist.decline(entry: entry.id, token: token)
            #expect(declined.state == .waiting && declined.offer == nil)
            #expect(try await loket.booking.hold(id: first.hold).state == .released)
            #expect(try await Self.store(database).passedSlots(entry: entry.id) == ["TS/\(first.slot)"])
            await #expect(throws: Refusal.self) { try await loket.waitlist.decline(entry: entry.id, token: token) }
            await #expect(throws: Refusal.noOffer) {
                try await loket.waitlist.accept(entry: entry.id, token: token, client: nil)
            }

            // Accepted: booked; a booked entry has nothing to leave.
            let third = try await Self.offer(loket, database, entry.id, slot: "20220603-0900-bio")
            let accepted = try await loket.waitlist.accept(entry: entry.id, token: token, client: nil)
            #expect(accepted.appointment.slot == third.slot)
            #expect(try await loket.booking.hold(id: third.hold).state == .confirmed)
            let manageToken = try #require(accepted.manageToken)
            #expect(
                try await loket.booking.appointment(id: accepted.appointment.id, token: manageToken).id
                    == accepted.appointment.id)
            await #expect(
                throws: Refusal(
                    .conflict, field: "id", code: "already_booked", "This waitlist entry has already been booked.")
            ) {
                try await loket.waitlist.leave(id: entry.id, token: token)
            }
            #expect(try await loket.waitlist.entry(id: entry.id, token: token).state == .booked)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func leavingGivesTheOfferBackAndLeavingTwiceIsNothingToDo(engine: TestDatabase.Engine) async throws {
        try await withLoket(engine) { loket, database in
            let (entry, token) = try await Self.join(loket)
            let offered = try await Self.offer(loket, database, entry.id, slot: "20220602-0900-bio")
            #expect(try await taken(database, on: "2022-06-02") == 1)
            try await loket.waitlist.leave(id: entry.id, token: token)
            try await loket.waitlist.leave(id: entry.id, token: token)
            #expect(try await loket.waitlist.entry(id: entry.id, token: token).state == .left)
            #expect(try await loket.booking.hold(id: offered.hold).state == .released)
            #expect(try await taken(database, on: "2022-06-02") == 0)
        }
    }

    /// An accepted improvement moves the appointment (one of its moves) and frees its old slot;
    /// one whose appointment was cancelled books nobody.
    @Test(arguments: TestDatabase.engines)
    func anAcceptedImprovementMovesTheAppointment(engine: TestDatabase.Engine) async throws {
        try await withLoket(engine) { loket, database in
            let booking = try await BookingTests.confirm(
                loket, try await BookingTests.hold(loket, slot: "20220610-0900-bio"))
            let (entry, token) = try await Self.join(loket, improving: booking)
            let offer = try await Self.offer(loket, database, entry.id, slot: "20220603-0900-bio")
            let accepted = try await loket.waitlist.accept(entry: entry.id, token: token, client: nil)
            #expect(accepted.manageToken == nil)
            #expect(accepted.appointment.id == booking.appointment.id)
            #expect(accepted.appointment.slot == offer.slot && accepted.appointment.revision == 1)
            #expect(try await taken(database, on: "2022-06-10") == 0)
            #expect(try await taken(database, on: "2022-06-03") == 1)

            // Another improvement of it, whose appointment is then cancelled.
            let other = try await BookingTests.confirm(
                loket, try await BookingTests.hold(loket, slot: "20220613-0900-bio"),
                customer: Customer(
                    name: "Bo Silva", email: "bo@example.nl", phone: nil, vNumber: "1234567891", language: .en))
            let (second, secondToken) = try await Self.join(loket, improving: other)
            _ = try await Self.offer(loket, database, second.id, slot: "20220603-0910-bio")
            _ = try await loket.booking.cancel(id: other.appointment.id, token: other.manageToken)
            await #expect(throws: Refusal.improvedAppointmentGone) {
                try await loket.waitlist.accept(entry: second.id, token: secondToken, client: nil)
            }
            #expect(try await loket.waitlist.entry(id: second.id, token: secondToken).state == .offered)
        }
    }

    /// An offer is a hold only the offer opens, lapses once its time has run out (and only then)
    /// and is not made to an entry already offered, nor to one that left.
    @Test(arguments: TestDatabase.engines)
    func offersLapseAndAreMadeOnlyToWaitingEntries(engine: TestDatabase.Engine) async throws {
        let clock = ManualClock(date: "2022-06-01")
        try await withLoket(engine, clock: clock) { loket, database in
            let (entry, token) = try await Self.join(loket)
            let first = try await Self.offer(loket, database, entry.id, slot: "20220602-0930-bio")
            let again = try loket.rules.planHold(
                desk: "TS", product: "BIO", persons: 1, slot: "20220602-0910-bio", now: clock.now)
            #expect(try await loket.waitlist.offer(entry: entry.id, plan: again) == nil, "not offered twice")
            // Its hold opens with no token (the booking area refuses it as `offeredHold`).
            let offered = try await database.write { tx in try await Holds.read(id: first.hold, in: tx) }
            #expect(offered?.hasSecret == false)
            #expect(offered?.opens(token) == false)

            // Lapsed: the sweep ends it once its time has run out, and only then.
            #expect(try await loket.waitlist.lapseOffers() == 0)
            clock.advance(minutes: 60)
            #expect(try await loket.waitlist.lapseOffers() == 1)
            #expect(try await loket.booking.hold(id: first.hold).state == .released)
            #expect(try await loket.waitlist.entry(id: entry.id, token: token).state == .waiting)
            #expect(try await Self.store(database).passedSlots(entry: entry.id) == ["TS/\(first.slot)"])

            try await loket.waitlist.leave(id: entry.id, token: token)
            #expect(try await loket.waitlist.offer(entry: entry.id, plan: again) == nil, "not to an entry that left")
        }
    }
}

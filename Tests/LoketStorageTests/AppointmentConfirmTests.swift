import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import SQLKit
import Testing

/// `Appointments.confirm`, one statement on PostgreSQL and its steps one by one on SQLite: the
/// hold's confirmation, the claims, the appointment and its messages are written together or not
/// at all.
@Suite(.timeLimit(.minutes(3))) struct AppointmentConfirmTests {
    let rules = BookingRules(network: TestNetwork.network)
    let now = ManualClock(date: "2022-06-01").now
    static let customer = Customer(
        name: "Ana Lima", email: "ana@example.nl", phone: nil, vNumber: "1234567890", language: .nl)

    static func millis(_ date: Date) -> Int { Int((date.timeIntervalSince1970 * 1000).rounded()) }

    func count(_ table: String, _ store: Stores) async throws -> Int {
        try await store.database.session { db in
            try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()!.decode(column: "n", as: Int.self)
        }
    }

    /// Holds `slot` and confirms it for `people`, with reminders a day ahead, as the use case
    /// does: `alone` (PostgreSQL) without a transaction around the write. `confirmTwice` first
    /// writes a confirmation decided on the same read. Nil when the hold had been taken.
    func confirm(
        _ store: Stores, slot: String, people: [String], confirmTwice: Bool = false, alone: Bool = true
    ) async throws -> ConfirmedBooking? {
        let plan = try rules.planHold(desk: "TS", product: "BIO", persons: 1, slot: slot, now: now)
        let receipt = try await store.hold(plan, now: now)
        let stored = try #require(
            try await store.database.write { tx in try await Holds.read(id: receipt.hold.id, in: tx) })
        var decided = stored.hold
        try decided.confirm(now: now)
        let hold = decided
        let write = { @Sendable (people: [String]) async throws -> ConfirmedBooking in
            try await Idempotency(database: store.database).once(nil, now: now, alone: alone) { tx in
                guard
                    let booking = try await Appointments.confirm(
                        hold, readIn: stored.hold.state, at: stored.placement, customer: Self.customer,
                        people: people, now: now, outbox: OutboxSettings(reminderLead: 86_400), in: tx)
                else { throw HoldTaken() }
                return booking
            }
        }
        if confirmTwice { _ = try await write([]) }
        do {
            return try await write(people)
        } catch is HoldTaken {
            return nil
        }
    }

    struct HoldTaken: Error {}

    @Test(arguments: TestDatabase.engines)
    func theHoldTheAppointmentItsClaimsAndItsMessagesAreWrittenTogether(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let booking = try #require(try await confirm(store, slot: "20220603-0900-bio", people: ["1234567890"]))
            #expect(booking.appointment.state == .confirmed && booking.appointment.desk == "TS")
            #expect(booking.appointment.startTime == LocalTime(minutes: 540))
            // The confirmation now, and the reminder a day before 9:00 on 3 June (Amsterdam).
            let messages = try await store.database.session { db in
                try await db.raw(
                    "SELECT kind, send_after, appointment_id FROM outbox ORDER BY send_after"
                ).all().map {
                    (
                        try $0.decode(column: "kind", as: String.self),
                        try $0.decode(column: "send_after", as: Int.self),
                        try $0.decode(column: "appointment_id", as: String.self)
                    )
                }
            }
            #expect(messages.map(\.0) == ["confirmation", "reminder"])
            #expect(messages[0].1 == Self.millis(now))
            #expect(messages[1].1 == Self.millis(booking.appointment.startInstant.addingTimeInterval(-86_400)))
            #expect(messages.allSatisfy { $0.2 == booking.appointment.id })
            #expect(try await count("live_bookings", store) == 1)
            #expect(try await count("holds WHERE state = 'confirmed'", store) == 1)
        }
    }

    /// Alone or in a transaction (a confirmation with an idempotency key): the statement writes
    /// nothing by itself, on PostgreSQL, where no rollback follows it. (SQLite confirms in a
    /// transaction either way.)
    @Test(arguments: TestDatabase.engines, [true, false])
    func aPersonWithALiveAppointmentIsRefusedAndNothingIsWritten(
        engine: TestDatabase.Engine, alone: Bool
    ) async throws {
        try await withStores(engine) { store in
            _ = try #require(try await confirm(store, slot: "20220603-0900-bio", people: ["1234567890"]))
            await #expect(throws: Refusal.alreadyBooked) {
                try await confirm(
                    store, slot: "20220603-0910-bio", people: ["1234567899", "1234567890"], alone: alone)
            }
            // A person named twice is one person claimed twice.
            await #expect(throws: Refusal.alreadyBooked) {
                try await confirm(store, slot: "20220603-0920-bio", people: ["1234567811", "1234567811"], alone: alone)
            }
            #expect(try await count("appointments", store) == 1)
            #expect(try await count("live_bookings", store) == 1)
            #expect(try await count("outbox", store) == 2)
            #expect(try await count("holds WHERE state = 'confirmed'", store) == 1)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aHoldTakenFirstIsNotConfirmedAgain(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let second = try await confirm(store, slot: "20220603-0900-bio", people: ["1234567890"], confirmTwice: true)
            #expect(second == nil)
            #expect(try await count("appointments", store) == 1)
            #expect(try await count("live_bookings", store) == 0)
            #expect(try await count("outbox", store) == 2)
        }
    }
}

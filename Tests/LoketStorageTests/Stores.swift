import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import Testing

/// The stores the storage tests use, on one database.
struct Stores {
    let database: Database
    let capacity: CapacityStore
    let appointments: AppointmentStore
    let deskDay: DeskDayStore
    let waitlist: WaitlistStore

    init(_ database: Database) {
        self.database = database
        capacity = CapacityStore(database: database)
        appointments = AppointmentStore(database: database)
        deskDay = DeskDayStore(database: database)
        waitlist = WaitlistStore(database: database)
    }
}

/// Runs `body` on fresh stores over a new database of `engine`, dropping it afterwards.
func withStores(_ engine: TestDatabase.Engine, _ body: (Stores) async throws -> Void) async throws {
    let (database, _, drop) = try await TestDatabase.make(engine)
    do {
        try await body(Stores(database))
    } catch {
        await drop()
        throw error
    }
    await drop()
}

/// Bookings made on the tables, as the setup of the storage suites: the booking area's use cases
/// (with their refusals, limits and announcements) are tested in LoketAppTests.
extension Stores {
    func hold(_ plan: HoldPlan, now: Date, idempotency: IdempotencyKey? = nil) async throws -> HoldReceipt {
        try await Idempotency(database: database).once(idempotency, now: now) { tx in
            try await Holds.take(plan, now: now, in: tx)
        }
    }

    /// Makes an appointment of the held slot; `people` gives the V-numbers it claims.
    func confirm(
        hold id: String, holdToken: String, customer: Customer,
        people: @escaping @Sendable (_ product: String, _ persons: Int) -> [String] = { _, _ in [] }, now: Date
    ) async throws -> ConfirmedBooking {
        // As the confirmation use case does: on PostgreSQL the read and one write, alone.
        try await Idempotency(database: database).once(nil, now: now, alone: true) { tx in
            let stored = try #require(try await Holds.read(id: id, in: tx))
            #expect(stored.opens(holdToken))
            var hold = stored.hold
            try hold.confirm(now: now)
            let p = stored.placement
            return try #require(
                try await Appointments.confirm(
                    hold, readIn: stored.hold.state, at: p, customer: customer, people: people(p.product, p.persons),
                    now: now, outbox: nil, in: tx))
        }
    }

    /// Ends the holds that expired by `now` and gives their units back, as the sweep does.
    func expireHolds(now: Date) async throws {
        for id in try await appointments.expiredHolds(now: now) {
            try await database.write { tx in
                let stored = try #require(try await Holds.read(id: id, in: tx))
                var hold = stored.hold
                try hold.expire(now: now)
                #expect(try await Holds.write(hold, readIn: stored.hold.state, in: tx))
                try await CapacityStore.release(stored.placement, in: tx)
            }
        }
    }

    /// Cancels the appointment and gives its slot back (to the waitlist first).
    func cancel(id: String, token: String, now: Date, today: LocalDate) async throws {
        let links = try ManageLinkKeys([ManageLinkKeys.randomSecret()])
        try await database.write { tx in
            let current = try await Appointments.authorised(id: id, token: token, today: today, links: links, in: tx)
            var cancelled = current.appointment
            try cancelled.cancel()
            let stored = try #require(
                try await Appointments.cancel(current.appointment, as: cancelled, now: now, in: tx))
            try await FreedSlots.free(stored.placement, now: now, in: tx)
        }
    }
}

/// Waitlist entries joined and left on the tables, as the setup of the storage suites: the
/// waitlist area's use cases are tested in LoketAppTests (`WaitlistTests`).
extension Stores {
    func join(_ request: WaitlistRequest, now: Date) async throws -> (entry: WaitlistEntry, token: String) {
        try await database.write { tx in try await WaitlistEntries.insert(request, now: now, in: tx) }
    }

    /// Leaves an entry that holds no offer.
    func leave(id: String, token: String) async throws {
        try await database.write { tx in
            let read = try await WaitlistEntries.authorised(id: id, token: token, in: tx)
            var entry = read
            #expect(try entry.leave() == nil)
            try await WaitlistEntries.leaveLine(entry: id, in: tx)
            #expect(try await WaitlistEntries.write(entry, readIn: read, in: tx))
        }
    }

    /// Ends the entries past their last day that hold no offer, as the waitlist's sweep does.
    func endPastEntries(today: LocalDate) async throws {
        for id in try await waitlist.pastEntries(today: today) {
            try await database.write { tx in
                let read = try #require(try await WaitlistEntries.read(id: id, in: tx))
                var entry = read
                #expect(try entry.expire(today: today) == nil)
                try await WaitlistEntries.leaveLine(entry: id, in: tx)
                #expect(try await WaitlistEntries.write(entry, readIn: read, in: tx))
            }
        }
    }
}

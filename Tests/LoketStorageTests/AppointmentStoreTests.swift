import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import Synchronization
import Testing

/// The booking lifecycle on a real SQLite file and a real PostgreSQL server.
@Suite(.timeLimit(.minutes(3))) struct AppointmentStoreTests {
    let rules = BookingRules(network: TestNetwork.network)

    func taken(_ store: Stores, on day: String) async throws -> Int {
        let date = LocalDate(iso: day)!
        return try await store.capacity.usage(desk: "TS", dates: date...date).values.reduce(0, +)
    }

    static let customer = try! Customer.validated(
        name: "Ana Silva", email: "ana@example.nl", phone: nil, vNumber: "1234567890",
        bsn: nil, language: "en")

    @Test(arguments: TestDatabase.engines)
    func holdConfirmRescheduleCancel(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let clock = ManualClock(date: "2022-06-01")
            let plan = try rules.planHold(
                desk: "TS", product: "BIO", persons: 2, slot: "20220602-0900-bio", now: clock.now)
            let hold = try await store.appointments.hold(plan, now: clock.now)
            #expect(hold.hold.state == .active)
            #expect(try await taken(store, on: "2022-06-02") == 2)

            let booking = try await store.appointments.confirm(
                hold: hold.hold.id, holdToken: hold.token, customer: Self.customer, now: clock.now)
            #expect(booking.manageToken.count >= 43) // 256 bits in base64url
            #expect(booking.appointment.startTime.text == "09:00")
            #expect(booking.appointment.endTime.text == "09:20")
            #expect(try await taken(store, on: "2022-06-02") == 2)

            // The hold cannot be used twice.
            await #expect(throws: Refusal.self) {
                try await store.appointments.confirm(
                    hold: hold.hold.id, holdToken: hold.token, customer: Self.customer, now: clock.now)
            }

            // Only the manage token opens it.
            let seen = try await store.appointments.appointment(
                id: booking.appointment.id, token: booking.manageToken, today: clock.today)
            #expect(seen.id == booking.appointment.id)
            await #expect(
                throws: Refusal(
                    .unauthorized, field: "Authorization", code: "wrong_token",
                    "This manage token does not open this appointment.")
            ) {
                try await store.appointments.appointment(
                    id: booking.appointment.id, token: "not-the-token", today: clock.today)
            }

            // Reschedule to the 3rd: the 2nd's units come back, the 3rd's stay taken.
            let newPlan = try rules.planHold(
                desk: "TS", product: "BIO", persons: 2, slot: "20220603-1000-bio", now: clock.now)
            let newHold = try await store.appointments.hold(newPlan, now: clock.now)
            let moved = try await store.appointments.reschedule(
                id: booking.appointment.id, token: booking.manageToken, toHold: newHold.hold.id,
                holdToken: newHold.token, movesAllowed: 3, now: clock.now, today: clock.today)
            #expect(moved.date.iso == "2022-06-03")
            #expect(moved.startTime.text == "10:00")
            #expect(try await taken(store, on: "2022-06-02") == 0)
            #expect(try await taken(store, on: "2022-06-03") == 2)

            // Cancel gives the capacity back at once; cancelling again changes nothing.
            let cancelled = try await store.appointments.cancel(
                id: booking.appointment.id, token: booking.manageToken, now: clock.now, today: clock.today)
            #expect(cancelled.state == .cancelled)
            #expect(try await taken(store, on: "2022-06-03") == 0)
            _ = try await store.appointments.cancel(
                id: booking.appointment.id, token: booking.manageToken, now: clock.now, today: clock.today)
            #expect(try await taken(store, on: "2022-06-03") == 0)
        }
    }

    /// Every commit that changed capacity is announced once, through the one `CapacityChanges`;
    /// confirming a hold (whose capacity is already taken) and a second cancel announce nothing.
    @Test(arguments: TestDatabase.engines)
    func capacityChangesAreAnnouncedAfterEachCommit(engine: TestDatabase.Engine) async throws {
        let (database, _, drop) = try await TestDatabase.make(engine)
        let announced = Mutex<[String]>([])
        let changes = CapacityChanges(database: database) { change in announced.withLock { $0.append(change.desk) } }
        let store = AppointmentStore(database: database, logger: TestDatabase.logger, capacityChanges: changes)
        do {
            let clock = ManualClock(date: "2022-06-01")
            let plan = try rules.planHold(
                desk: "TS", product: "BIO", persons: 1, slot: "20220602-0900-bio", now: clock.now)
            let hold = try await store.hold(plan, now: clock.now)
            #expect(announced.withLock { $0 } == ["TS"])
            let booking = try await store.confirm(
                hold: hold.hold.id, holdToken: hold.token, customer: Self.customer, now: clock.now)
            #expect(announced.withLock { $0 } == ["TS"])
            _ = try await store.cancel(
                id: booking.appointment.id, token: booking.manageToken, now: clock.now, today: clock.today)
            _ = try await store.cancel(
                id: booking.appointment.id, token: booking.manageToken, now: clock.now, today: clock.today)
            #expect(announced.withLock { $0 } == ["TS", "TS"])
        } catch {
            await drop()
            throw error
        }
        await drop()
    }

    @Test(arguments: TestDatabase.engines)
    func anExpiredHoldGivesItsCapacityBack(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let clock = ManualClock(date: "2022-06-01")
            let plan = try rules.planHold(
                desk: "TS", product: "BIO", persons: 1, slot: "20220602-0900-bio", now: clock.now)
            let hold = try await store.appointments.hold(plan, now: clock.now)
            clock.advance(minutes: 14)
            #expect(try await store.appointments.releaseExpiredHolds(now: clock.now).isEmpty)
            #expect(try await taken(store, on: "2022-06-02") == 1)
            clock.advance(minutes: 1)
            // Confirming at the moment of expiry is too late, and writes nothing.
            await #expect(
                throws: Refusal(
                    .gone, field: "hold", code: "hold_expired", "This hold has expired; choose a slot again.")
            ) {
                try await store.appointments.confirm(
                    hold: hold.hold.id, holdToken: hold.token, customer: Self.customer, now: clock.now)
            }
            #expect(try await store.appointments.releaseExpiredHolds(now: clock.now) == ["TS"])
            #expect(try await taken(store, on: "2022-06-02") == 0)
            #expect(try await store.appointments.hold(id: hold.hold.id)?.state == .expired)
            // A second sweep releases nothing twice.
            #expect(try await store.appointments.releaseExpiredHolds(now: clock.now).isEmpty)
            #expect(try await taken(store, on: "2022-06-02") == 0)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aHoldConfirmsOnlyWithItsMakersToken(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let clock = ManualClock(date: "2022-06-01")
            let plan = try rules.planHold(
                desk: "TS", product: "BIO", persons: 1, slot: "20220602-0900-bio", now: clock.now)
            let held = try await store.appointments.hold(plan, now: clock.now)
            #expect(held.token.count >= 32)
            await #expect(
                throws: Refusal.invalid(
                    "holdToken", "required", "Send the token you got with the hold as holdToken.")
            ) {
                try await store.appointments.confirm(
                    hold: held.hold.id, holdToken: nil, customer: Self.customer, now: clock.now)
            }
            await #expect(
                throws: Refusal(
                    .forbidden, field: "holdToken", code: "wrong_token", "This token does not belong to this hold.")
            ) {
                try await store.appointments.confirm(
                    hold: held.hold.id, holdToken: "someone-elses-token", customer: Self.customer, now: clock.now)
            }
            // Refusals change nothing: the hold still keeps its slot for its maker.
            #expect(try await store.appointments.hold(id: held.hold.id)?.state == .active)
            #expect(try await taken(store, on: "2022-06-02") == 1)
            let booking = try await store.appointments.confirm(
                hold: held.hold.id, holdToken: held.token, customer: Self.customer, now: clock.now)
            #expect(booking.appointment.slot == held.hold.slot)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func ofConcurrentCancellationsOneGivesTheCapacityBack(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let clock = ManualClock(date: "2022-06-01")
            let plan = try rules.planHold(
                desk: "TS", product: "BIO", persons: 2, slot: "20220602-0900-bio", now: clock.now)
            let hold = try await store.appointments.hold(plan, now: clock.now)
            let booking = try await store.appointments.confirm(
                hold: hold.hold.id, holdToken: hold.token, customer: Self.customer, now: clock.now)
            let id = booking.appointment.id
            let token = booking.manageToken
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await store.appointments.cancelIfConfirmed(
                            id: id, token: token, now: clock.now, today: clock.today
                        ).cancelled
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            #expect(try await taken(store, on: "2022-06-02") == 0)
            let cancelled = try await store.appointments.appointment(id: id, token: token, today: clock.today)
            #expect(cancelled.state == .cancelled && cancelled.revision == 1)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aRetryWithTheSameIdempotencyKeyBooksNothingTwice(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let clock = ManualClock(date: "2022-06-01")
            let plan = try rules.planHold(
                desk: "TS", product: "BIO", persons: 1, slot: "20220602-0900-bio", now: clock.now)
            let key = IdempotencyKey(scope: "POST /api/v1/holds", key: "retry-1", fingerprint: "same body")
            let first = try await store.appointments.hold(plan, now: clock.now, idempotency: key)
            let second = try await store.appointments.hold(plan, now: clock.now, idempotency: key)
            // The same hold, with a fresh secret: the stored answer keeps none.
            #expect(first.hold == second.hold)
            #expect(first.token != second.token)
            #expect(try await taken(store, on: "2022-06-02") == 1)

            let otherBody = IdempotencyKey(scope: "POST /api/v1/holds", key: "retry-1", fingerprint: "another body")
            await #expect(
                throws: Refusal.invalid(
                    "Idempotency-Key", "reused", "This Idempotency-Key was used for a different request.")
            ) {
                try await store.appointments.hold(plan, now: clock.now, idempotency: otherBody)
            }

            // Only the latest secret confirms the hold.
            await #expect(throws: Refusal.self) {
                try await store.appointments.confirm(
                    hold: first.hold.id, holdToken: first.token, customer: Self.customer, now: clock.now)
            }
            let confirmKey = IdempotencyKey(scope: "POST /api/v1/appointments", key: "c-1", fingerprint: first.hold.id)
            let booked = try await store.appointments.confirm(
                hold: first.hold.id, holdToken: second.token, customer: Self.customer, now: clock.now,
                idempotency: confirmKey)
            let again = try await store.appointments.confirm(
                hold: first.hold.id, holdToken: second.token, customer: Self.customer, now: clock.now,
                idempotency: confirmKey)
            #expect(booked.appointment == again.appointment)
            #expect(booked.manageToken != again.manageToken)
            let today = LocalDate(iso: "2022-06-01")!
            #expect(
                try await store.appointments.appointment(
                    id: booked.appointment.id, token: again.manageToken, today: today
                )
                .id == booked.appointment.id)
            // Nothing stored for a retry is a secret.
            let stored = try await store.database.session { db in
                try await db.raw("SELECT response FROM idempotency_keys").all().map {
                    try $0.decode(column: "response", as: String.self)
                }
            }
            for secret in [first.token, second.token, booked.manageToken, again.manageToken] {
                #expect(!stored.contains { $0.contains(secret) })
            }
        }
    }

    /// A key belongs to the client that sent it first: another client gets 409 and nothing of the answer.
    @Test(arguments: TestDatabase.engines)
    func anotherClientsKeyAnswersNothing(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let clock = ManualClock(date: "2022-06-01")
            let plan = try rules.planHold(
                desk: "TS", product: "BIO", persons: 1, slot: "20220602-0900-bio", now: clock.now)
            let mine = IdempotencyKey(scope: "POST /api/v1/holds", key: "7f1c", fingerprint: "b", client: "192.0.2.1")
            let theirs = IdempotencyKey(scope: "POST /api/v1/holds", key: "7f1c", fingerprint: "b", client: "192.0.2.2")
            _ = try await store.appointments.hold(plan, now: clock.now, idempotency: mine)
            await #expect(
                throws: Refusal(
                    .conflict, field: "Idempotency-Key", code: "idempotency_key_in_use",
                    "This Idempotency-Key is in use by another client; send a new random one.")
            ) {
                try await store.appointments.hold(plan, now: clock.now, idempotency: theirs)
            }
            #expect(try await taken(store, on: "2022-06-02") == 1)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func concurrentRetriesOfOneKeyTakeOneUnit(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let clock = ManualClock(date: "2022-06-01")
            let plan = try rules.planHold(
                desk: "TS", product: "BIO", persons: 1, slot: "20220602-0900-bio", now: clock.now)
            let key = IdempotencyKey(scope: "POST /api/v1/holds", key: "storm", fingerprint: "b")
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<30 {
                    group.addTask { try await store.appointments.hold(plan, now: clock.now, idempotency: key).hold.id }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(ids.count == 1)
            #expect(try await taken(store, on: "2022-06-02") == 1)
        }
    }
}

/// At least 200 concurrent holds and confirmations compete for 20 units: exactly the capacity is taken.
@Suite(.timeLimit(.minutes(3))) struct CapacityRaceTests {
    @Test(arguments: TestDatabase.engines)
    func twoHundredHoldsForTwentyUnits(engine: TestDatabase.Engine) async throws {
        let network = TestNetwork.single(counters: 20)
        let rules = BookingRules(network: network)
        let (database, _, drop) = try await TestDatabase.make(engine)
        defer { Task { await drop() } }
        let store = Stores(database)
        let clock = ManualClock(date: "2022-06-01")
        let plan = try rules.planHold(
            desk: "RACE", product: "BIO", persons: 1, slot: "20220602-0900-one", now: clock.now)

        let outcomes = try await withThrowingTaskGroup(of: HoldReceipt?.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    do { return try await store.appointments.hold(plan, now: clock.now) } catch let error
                        as Refusal where error.code == "slot_full"
                    { return nil }
                }
            }
            return try await group.reduce(into: [HoldReceipt?]()) { $0.append($1) }
        }
        let holds = outcomes.compactMap { $0 }
        #expect(holds.count == 20)
        let date = LocalDate(iso: "2022-06-02")!
        #expect(
            try await store.capacity.usage(desk: "RACE", dates: date...date)[
                UnitKey(pool: "one", date: date, minute: 540)] == 20)
        // A unit taken is a hold recorded, and a refused hold took none.
        let recorded = try await database.session { db in
            try await db.raw("SELECT COUNT(*) AS n FROM holds").first()!.decode(column: "n", as: Int.self)
        }
        #expect(recorded == 20)

        // Every holder confirms at once, and 200 more race for the next slot while they do.
        let customer = AppointmentStoreTests.customer
        let plan2 = try rules.planHold(
            desk: "RACE", product: "BIO", persons: 2, slot: "20220602-0910-one", now: clock.now)
        let (confirmed, secondRound) = try await withThrowingTaskGroup(of: (Bool, Bool).self) { group in
            for held in holds {
                group.addTask {
                    _ = try await store.appointments.confirm(
                        hold: held.hold.id, holdToken: held.token, customer: customer, now: clock.now)
                    return (true, false)
                }
            }
            for _ in 0..<200 {
                group.addTask {
                    do {
                        _ = try await store.appointments.hold(plan2, now: clock.now)
                        return (false, true)
                    } catch let error as Refusal where error.code == "slot_full" { return (false, false) }
                }
            }
            return try await group.reduce(into: (0, 0)) { totals, outcome in
                if outcome.0 { totals.0 += 1 }
                if outcome.1 { totals.1 += 1 }
            }
        }
        #expect(confirmed == 20)
        #expect(secondRound == 20)
        let usage = try await store.capacity.usage(desk: "RACE", dates: date...date)
        #expect(usage[UnitKey(pool: "one", date: date, minute: 540)] == 20)
        #expect(usage[UnitKey(pool: "one", date: date, minute: 550)] == 20)
        #expect(usage[UnitKey(pool: "one", date: date, minute: 560)] == 20)
        #expect(usage.values.allSatisfy { $0 <= 20 })
    }
}

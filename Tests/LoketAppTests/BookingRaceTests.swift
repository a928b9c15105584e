import Foundation
import LoketApp
import LoketDomain
import LoketStorage
import LoketTestSupport
import SQLKit
import Testing

/// Retries with an idempotency key and requests at once: nothing is booked twice and exactly the
/// capacity is taken, on both engines.
@Suite(.timeLimit(.minutes(3))) struct BookingRaceTests {
    @Test(arguments: TestDatabase.engines)
    func aRetryWithTheSameIdempotencyKeyBooksNothingTwice(engine: TestDatabase.Engine) async throws {
        try await withLoket(engine) { loket, database in
            let key = IdempotencyKey(scope: "POST /api/v1/holds", key: "retry-1", fingerprint: "same body")
            let first = try await BookingTests.hold(loket, idempotency: key)
            let second = try await BookingTests.hold(loket, idempotency: key)
            // The same hold, with a fresh secret: the stored answer keeps none.
            #expect(first.hold == second.hold)
            #expect(first.token != second.token)
            #expect(try await taken(database, on: "2022-06-02") == 1)

            let otherBody = IdempotencyKey(scope: "POST /api/v1/holds", key: "retry-1", fingerprint: "another body")
            await #expect(
                throws: Refusal.invalid(
                    "Idempotency-Key", "reused", "This Idempotency-Key was used for a different request.")
            ) {
                try await BookingTests.hold(loket, idempotency: otherBody)
            }

            // Only the latest secret confirms the hold.
            await #expect(throws: Refusal.wrongHoldToken) { try await BookingTests.confirm(loket, first) }
            let confirmKey = IdempotencyKey(scope: "POST /api/v1/appointments", key: "c-1", fingerprint: first.hold.id)
            let booked = try await BookingTests.confirm(loket, second, idempotency: confirmKey)
            let again = try await BookingTests.confirm(loket, second, idempotency: confirmKey)
            #expect(booked.appointment == again.appointment)
            #expect(booked.manageToken != again.manageToken)
            #expect(
                try await loket.booking.appointment(id: booked.appointment.id, token: again.manageToken).id
                    == booked.appointment.id)
            // Nothing stored for a retry is a secret.
            let stored = try await database.session { db in
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
        try await withLoket(engine) { loket, database in
            let mine = IdempotencyKey(scope: "POST /api/v1/holds", key: "7f1c", fingerprint: "b", client: "192.0.2.1")
            let theirs = IdempotencyKey(scope: "POST /api/v1/holds", key: "7f1c", fingerprint: "b", client: "192.0.2.2")
            _ = try await BookingTests.hold(loket, idempotency: mine)
            await #expect(
                throws: Refusal(
                    .conflict, field: "Idempotency-Key", code: "idempotency_key_in_use",
                    "This Idempotency-Key is in use by another client; send a new random one.")
            ) {
                try await BookingTests.hold(loket, idempotency: theirs)
            }
            #expect(try await taken(database, on: "2022-06-02") == 1)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func concurrentRetriesOfOneKeyTakeOneUnit(engine: TestDatabase.Engine) async throws {
        try await withLoket(engine) { loket, database in
            let key = IdempotencyKey(scope: "POST /api/v1/holds", key: "storm", fingerprint: "b")
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<30 {
                    group.addTask { try await BookingTests.hold(loket, idempotency: key).hold.id }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(ids.count == 1)
            #expect(try await taken(database, on: "2022-06-02") == 1)
        }
    }

    /// At least 200 concurrent holds and confirmations compete for 20 units: exactly the capacity is taken.
    @Test(arguments: TestDatabase.engines)
    func twoHundredHoldsForTwentyUnits(engine: TestDatabase.Engine) async throws {
        try await withLoket(engine, network: TestNetwork.single(counters: 20)) { loket, database in
            @Sendable func hold(_ slot: String, persons: Int) async throws -> HoldReceipt? {
                do {
                    return try await loket.booking.hold(
                        desk: "RACE", product: "BIO", persons: persons, slot: slot, client: nil, idempotency: nil)
                } catch let error as Refusal where error == .slotFull {
                    return nil
                }
            }
            let outcomes = try await withThrowingTaskGroup(of: HoldReceipt?.self) { group in
                for _ in 0..<200 { group.addTask { try await hold("20220602-0900-one", persons: 1) } }
                return try await group.reduce(into: [HoldReceipt?]()) { $0.append($1) }
            }
            let holds = outcomes.compactMap { $0 }
            #expect(holds.count == 20)
            let date = LocalDate(iso: "2022-06-02")!
            let capacity = CapacityStore(database: database)
            #expect(
                try await capacity.usage(desk: "RACE", dates: date...date)[
                    UnitKey(pool: "one", date: date, minute: 540)] == 20)
            // A unit taken is a hold recorded, and a refused hold took none.
            let recorded = try await database.session { db in
                try await db.raw("SELECT COUNT(*) AS n FROM holds").first()!.decode(column: "n", as: Int.self)
            }
            #expect(recorded == 20)

            // Every holder confirms at once (each for another person: one live booking each), and
            // 200 more race for the next slot while they do.
            let (confirmed, secondRound) = try await withThrowingTaskGroup(of: (Bool, Bool).self) { group in
                for (index, held) in holds.enumerated() {
                    group.addTask {
                        let customer = Customer(
                            name: "Racer \(index)", email: "racer@example.nl", phone: nil,
                            vNumber: TestPeople.vNumber("racer \(index)"), language: .en)
                        _ = try await BookingTests.confirm(loket, held, customer: customer)
                        return (true, false)
                    }
                }
                for _ in 0..<200 {
                    group.addTask { (false, try await hold("20220602-0910-one", persons: 2) != nil) }
                }
                return try await group.reduce(into: (0, 0)) { totals, outcome in
                    if outcome.0 { totals.0 += 1 }
                    if outcome.1 { totals.1 += 1 }
                }
            }
            #expect(confirmed == 20)
            #expect(secondRound == 20)
            let usage = try await capacity.usage(desk: "RACE", dates: date...date)
            #expect(usage[UnitKey(pool: "one", date: date, minute: 540)] == 20)
            #expect(usage[UnitKey(pool: "one", date: date, minute: 550)] == 20)
            #expect(usage[UnitKey(pool: "one", date: date, minute: 560)] == 20)
            #expect(usage.values.allSatisfy { $0 <= 20 })
        }
    }
}

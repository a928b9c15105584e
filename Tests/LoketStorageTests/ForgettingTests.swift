import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import SQLKit
import Testing

/// What must not linger is forgotten (`Loket.forgetStale`, hourly): idempotency answers, which
/// carry manage tokens, ended staff sessions and old sign-in counters. The rows are counted in
/// SQL, not through the stores' own readers, which hide old rows whether or not they are gone.
@Suite(.timeLimit(.minutes(3))) struct ForgettingTests {
    let rules = BookingRules(network: TestNetwork.network)

    func rows(_ table: String, _ database: Database) async throws -> Int {
        try await database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()!.decode(column: "n", as: Int.self)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func anIdempotencyAnswerIsForgottenOnlyOnceItIsOlderThanTheCutoff(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let clock = ManualClock(date: "2022-06-01")
            let idempotency = Idempotency(database: store.database)
            let plan = try rules.planHold(
                desk: "TS", product: "BIO", persons: 1, slot: "20220602-0900-bio", now: clock.now)
            let key = IdempotencyKey(scope: "POST /api/v1/holds", key: "k-1", fingerprint: "first body")
            let first = try await store.hold(plan, now: clock.now, idempotency: key)

            // Made at the cutoff itself: kept, and the key still refuses another body.
            try await idempotency.forgetKeys(before: clock.now)
            #expect(try await rows("idempotency_keys", store.database) == 1)
            let other = IdempotencyKey(scope: "POST /api/v1/holds", key: "k-1", fingerprint: "another body")
            await #expect(throws: Refusal.self) {
                try await store.hold(plan, now: clock.now, idempotency: other)
            }

            clock.advance(minutes: 1)
            try await idempotency.forgetKeys(before: clock.now)
            #expect(try await rows("idempotency_keys", store.database) == 0)
            // Forgotten: the key is free again and makes a hold of its own.
            let again = try await store.hold(plan, now: clock.now, idempotency: other)
            #expect(again.hold.id != first.hold.id)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func sessionsAreForgottenWhenExpiredOrLeftAlone(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let staff = StaffStore(database: store.database)
            let clock = ManualClock(date: "2022-06-01")
            let idle: TimeInterval = 30 * 60
            let began = clock.now
            try await staff.putSession(
                key: "left-alone", value: "a", staff: nil, expires: began.addingTimeInterval(8 * 3600), now: began)
            try await staff.putSession(
                key: "in-use", value: "b", staff: nil, expires: began.addingTimeInterval(8 * 3600), now: began)
            try await staff.putSession(
                key: "expired", value: "c", staff: nil, expires: began.addingTimeInterval(10 * 60), now: began)
            try await staff.putSession(key: "for-good", value: "d", staff: nil, expires: nil, now: began)

            clock.advance(minutes: 20)
            #expect(try await staff.session(key: "in-use", now: clock.now, idle: idle)?.value == "b")
            #expect(try await staff.session(key: "for-good", now: clock.now, idle: idle)?.value == "d")
            try await staff.forgetExpiredSessions(now: clock.now, idle: idle)
            // At 20 minutes only the one past its expiry (10 minutes) goes.
            #expect(try await rows("web_sessions", store.database) == 3)

            clock.advance(minutes: 20)
            try await staff.forgetExpiredSessions(now: clock.now, idle: idle)
            // At 40 minutes the one unused since the start is gone too; those used at 20 stay.
            #expect(try await rows("web_sessions", store.database) == 2)
            #expect(try await staff.session(key: "in-use", now: clock.now, idle: idle)?.value == "b")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func signInCountersAreForgottenAfterADay(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let staff = StaffStore(database: store.database)
            let clock = ManualClock(date: "2022-06-01")
            _ = try await staff.countSignInAttempt(.account(username: "balie"), throttle: .account, now: clock.now)
            clock.advance(minutes: 23 * 60)
            _ = try await staff.countSignInAttempt(.account(username: "chef"), throttle: .account, now: clock.now)
            try await staff.forgetSignInAttempts(now: clock.now)
            #expect(try await rows("sign_in_attempts", store.database) == 2)

            clock.advance(minutes: 2 * 60)
            try await staff.forgetSignInAttempts(now: clock.now)
            // 25 hours after its attempt the first counter goes; the second, 2 hours old, stays.
            #expect(try await rows("sign_in_attempts", store.database) == 1)
        }
    }
}

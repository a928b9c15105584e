import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import Testing

/// The sign-in lockout's counters and the staff sessions, on a real SQLite file and a real
/// PostgreSQL server.
@Suite(.timeLimit(.minutes(3))) struct StaffStoreTests {
    func withStaff(_ engine: TestDatabase.Engine, _ body: (StaffStore, Database) async throws -> Void) async throws {
        let (database, _, drop) = try await TestDatabase.make(engine)
        do {
            try await body(StaffStore(database: database), database)
        } catch {
            await drop()
            throw error
        }
        await drop()
    }

    /// Eight admins creating one username at once: one account, and seven refusals that name
    /// the field (not a constraint's error, which the read before the write let through).
    @Test(arguments: TestDatabase.engines)
    func aUsernameTakenAtOnceIsRefused(engine: TestDatabase.Engine) async throws {
        try await withStaff(engine) { staff, _ in
            let now = ManualClock(date: "2022-06-01").now
            let outcomes = try await withThrowingTaskGroup(of: Refusal?.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        do {
                            _ = try await staff.createStaff(
                                username: "balie", passwordHash: "x", role: .clerk, desk: "TS", now: now)
                            return nil
                        } catch let refusal as Refusal {
                            return refusal
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.count { $0 == nil } == 1)
            #expect(outcomes.compactMap(\.self).allSatisfy { $0 == Refusal.usernameTaken("balie") })
            #expect(try await staff.staffAccounts().map(\.username) == ["balie"])
        }
    }

    /// Twelve attempts at once on one account: exactly five may check their password.
    @Test(arguments: TestDatabase.engines)
    func attemptsAtOnceAreCountedBeforeTheyAreTried(engine: TestDatabase.Engine) async throws {
        try await withStaff(engine) { staff, _ in
            let clock = ManualClock(date: "2022-06-01")
            let open = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        try await staff.countSignInAttempt(
                            .account(username: "balie"), throttle: .account, now: clock.now)
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(open == 5)
            // Another account and another address are not locked by it.
            #expect(try await staff.countSignInAttempt(.account(username: "chef"), throttle: .account, now: clock.now))
            #expect(try await staff.countSignInAttempt(.address("192.0.2.7"), throttle: .address, now: clock.now))
            // After the lock the count starts again.
            clock.advance(minutes: 15)
            #expect(try await staff.countSignInAttempt(.account(username: "balie"), throttle: .account, now: clock.now))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aRightPasswordStartsTheAccountAfresh(engine: TestDatabase.Engine) async throws {
        try await withStaff(engine) { staff, _ in
            let now = ManualClock(date: "2022-06-01").now
            for _ in 0..<4 {
                _ = try await staff.countSignInAttempt(.account(username: "balie"), throttle: .account, now: now)
            }
            try await staff.signInSucceeded(.account(username: "balie"), throttle: .account, now: now)
            for _ in 0..<5 {
                #expect(
                    try await staff.countSignInAttempt(.account(username: "balie"), throttle: .account, now: now))
            }
            #expect(!(try await staff.countSignInAttempt(.account(username: "balie"), throttle: .account, now: now)))
        }
    }

    /// A session lasts while it is used; half an hour unused ends it, and so does a new password.
    @Test(arguments: TestDatabase.engines)
    func sessionsEndWhenIdleOrWhenThePasswordChanges(engine: TestDatabase.Engine) async throws {
        try await withStaff(engine) { staff, database in
            let clock = ManualClock(date: "2022-06-01")
            let idle = StaffSessionLimits.idle
            let account = try await staff.createStaff(
                username: "balie", passwordHash: "x", role: .clerk, desk: "TS", now: clock.now)
            let expires = clock.now.addingTimeInterval(StaffSessionLimits.length)
            try await staff.putSession(key: "a", value: "A", staff: account.id, expires: expires, now: clock.now)
            try await staff.putSession(key: "b", value: "B", staff: account.id, expires: expires, now: clock.now)
            clock.advance(minutes: 29)
            #expect(try await staff.session(key: "a", now: clock.now, idle: idle)?.value == "A")
            clock.advance(minutes: 29)
            // "a" was used 29 minutes ago, "b" 58.
            #expect(try await staff.session(key: "a", now: clock.now, idle: idle)?.value == "A")
            #expect(try await staff.session(key: "b", now: clock.now, idle: idle) == nil)
            try await database.write { try await StaffStore.setPassword(id: account.id, passwordHash: "y", in: $0) }
            #expect(try await staff.session(key: "a", now: clock.now, idle: idle) == nil)
        }
    }
}

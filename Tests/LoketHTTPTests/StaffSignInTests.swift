import Foundation
import HTTPTypes
import Hummingbird
import LoketDomain
import LoketTestSupport
import Testing

@testable import LoketApp

/// Signing in cannot be turned against the service: attempts are counted before the password is
/// checked, per account and per address; every refusal looks the same; bcrypt has threads of its
/// own with a bounded queue; a new password ends the account's sessions.
@Suite(.timeLimit(.minutes(3))) struct StaffSignInTests {
    /// Cheap hashes, so that tests can make many attempts; one hasher for the whole run.
    static let hasher = PasswordHasher(threads: 1, capacity: 64, cost: 4)
    static let password = "a long enough password"

    func withLoket(
        _ engine: TestDatabase.Engine, _ body: (Loket, ManualClock, StaffAccount) async throws -> Void
    ) async throws {
        let (database, _, drop) = try await TestDatabase.make(engine)
        let clock = ManualClock(date: "2022-06-01", time: "10:00")
        var options = ServerOptions(network: TestNetwork.network)
        options.now = clock.source
        options.passwordHasher = Self.hasher
        let loket = Loket(options: options, database: database, logger: TestDatabase.logger)
        do {
            let account = try await loket.staff.createStaff(
                username: "balie", password: Self.password, role: .clerk, desk: "TS", by: nil)
            try await body(loket, clock, account)
        } catch {
            await drop()
            throw error
        }
        await drop()
    }

    func signedIn(_ outcome: StaffAccess.SignIn) -> Bool {
        if case .signedIn = outcome { true } else { false }
    }

    /// The value of `loket_staff_sign_ins_total{outcome=…}`.
    func signIns(_ loket: Loket, _ outcome: String) async throws -> Int {
        let text = String(decoding: try await loket.operations.metricsText(), as: UTF8.self)
        let line = text.split(separator: "\n").first {
            $0.hasPrefix("loket_staff_sign_ins_total{outcome=\"\(outcome)\"}")
        }
        return line.flatMap { $0.split(separator: " ").last.flatMap { Int($0) } } ?? 0
    }

    /// Ten wrong passwords at once, from ten addresses: five are checked, five refused unchecked,
    /// and the right password is refused too while the account pauses — a minute at most, so a
    /// guesser cannot keep its owner out.
    @Test(arguments: TestDatabase.engines)
    func aBurstCannotGetPastTheLockout(engine: TestDatabase.Engine) async throws {
        try await withLoket(engine) { loket, clock, _ in
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for i in 0..<10 {
                    group.addTask {
                        self.signedIn(
                            try await loket.staff.signIn(
                                username: "balie", password: "wrong password \(i)", client: "192.0.2.\(i)"))
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes == Array(repeating: false, count: 10))
            #expect(try await signIns(loket, "refused") == 5)
            #expect(try await signIns(loket, "locked") == 5)
            #expect(
                !signedIn(
                    try await loket.staff.signIn(username: "balie", password: Self.password, client: "192.0.2.50")))
            clock.advance(minutes: 1)
            #expect(
                signedIn(try await loket.staff.signIn(username: "balie", password: Self.password, client: "192.0.2.50"))
            )
        }
    }

    /// Five wrong passwords from one address lock the account for that address only, for 15
    /// minutes; its owner signs in from another address after a pause of seconds.
    @Test(arguments: TestDatabase.engines)
    func aGuessingAddressLocksOnlyItself(engine: TestDatabase.Engine) async throws {
        try await withLoket(engine) { loket, clock, _ in
            func signIn(_ password: String, from client: String) async throws -> Bool {
                signedIn(try await loket.staff.signIn(username: "balie", password: password, client: client))
            }
            var guesses: [Bool] = []
            for i in 0..<5 { guesses.append(try await signIn("guess \(i)", from: "192.0.2.9")) }
            #expect(guesses == Array(repeating: false, count: 5))
            clock.advance(minutes: 1)
            let locked = try await signIn(Self.password, from: "192.0.2.9")
            let elsewhere = try await signIn(Self.password, from: "198.51.100.4")
            #expect(!locked && elsewhere)
            clock.advance(minutes: 14)
            #expect(try await signIn(Self.password, from: "192.0.2.9"))
        }
    }

    /// An address that guesses at many accounts is stopped, even for an account it has not tried.
    @Test(arguments: TestDatabase.engines)
    func anAddressIsLockedAcrossAccounts(engine: TestDatabase.Engine) async throws {
        try await withLoket(engine) { loket, _, _ in
            for i in 0..<SignInThrottle.address.limit {
                _ = try await loket.staff.signIn(username: "user\(i)", password: "guess", client: "198.51.100.9")
            }
            #expect(
                !signedIn(
                    try await loket.staff.signIn(username: "balie", password: Self.password, client: "198.51.100.9")))
            #expect(
                signedIn(
                    try await loket.staff.signIn(username: "balie", password: Self.password, client: "198.51.100.10")))
        }
    }

    /// A new password ends every session of the account; deactivating it does too.
    @Test(arguments: TestDatabase.engines)
    func aNewPasswordEndsTheSessions(engine: TestDatabase.Engine) async throws {
        try await withLoket(engine) { loket, clock, account in
            let expires = clock.now.addingTimeInterval(StaffSessionLimits.length)
            try await loket.staff.putSession(key: "k1", value: "{}", staff: account.id, expires: expires)
            #expect(try await loket.staff.session(key: "k1") != nil)
            try await loket.staff.updateStaff(
                id: account.id, role: account.role, desk: account.desk, active: true,
                password: "another long password", by: account.id)
            #expect(try await loket.staff.session(key: "k1") == nil)
            try await loket.staff.putSession(key: "k2", value: "{}", staff: account.id, expires: expires)
            clock.advance(minutes: 31)
            #expect(try await loket.staff.session(key: "k2") == nil)
        }
    }

    /// Beyond its capacity the hasher turns work away at once instead of queueing it.
    @Test func theHasherHasABoundedQueue() async throws {
        let hasher = Self.smallHasher
        let gate = DispatchSemaphore(value: 0)
        async let first: Void = hasher.run { gate.wait() }
        async let second: Void = hasher.run { gate.wait() }
        while hasher.inUse < 2 { await Task.yield() }
        let refused = await #expect(throws: Refusal.self) { try await hasher.run {} }
        #expect(refused?.kind == .unavailable && refused?.field == "password")
        gate.signal()
        gate.signal()
        _ = try await (first, second)
        #expect(hasher.inUse == 0)
    }

    static let smallHasher = PasswordHasher(threads: 1, capacity: 2, cost: 4)

    /// Over HTTP: the page passes the client's address, and an unknown name, a wrong password
    /// and a locked account get the same answer.
    @Test func theSignInPageAnswersEveryRefusalAlike() async throws {
        let quickHashes: (inout ServerOptions) -> Void = { $0.passwordHasher = Self.hasher }
        try await TestServer.run(options: quickHashes) { server, api in
            _ = try await server.loket.staff.createStaff(
                username: "balie", password: Self.password, role: .clerk, desk: "TS", by: nil)
            let csrf = String(repeating: "ab", count: 32)
            func signIn(_ username: String, _ password: String) async throws -> (Int, String) {
                try await api.client.execute(
                    uri: "/staff/sign-in", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "loket_csrf=\(csrf)"],
                    body: .init(string: "csrf=\(csrf)&username=\(username)&password=\(password)")
                ) { (Int($0.status.code), String(buffer: $0.body)) }
            }
            let unknown = try await signIn("nobody", "whatever-it-is")
            var wrong = try await signIn("balie", "wrong")
            for _ in 0..<4 { wrong = try await signIn("balie", "wrong") }
            let locked = try await signIn("balie", Self.password.replacingOccurrences(of: " ", with: "+"))
            #expect(unknown.0 == 401 && wrong.0 == 401 && locked.0 == 401)
            #expect(unknown.1.replacingOccurrences(of: "nobody", with: "balie") == wrong.1)
            #expect(wrong.1 == locked.1)
            // All from 127.0.0.1: the address counted them too.
            #expect(try await signIns(server.loket, "locked") == 1)
        }
    }
}

import Foundation
import LoketDomain
import SQLKit

/// The sign-in lockout's counters, shared by every server process. Each attempt is counted by a
/// write conditional on the revision it read, so two attempts at once are both counted.
extension StaffStore {
    /// Whose attempts a counter keeps; stored as a digest, so the table holds no username or address.
    public enum SignInCounter: Sendable {
        case account(username: String)
        case accountFromAddress(username: String, address: String)
        case address(String)

        var keyHash: String {
            switch self {
            case .account(let username): Identifiers.hash("account:\(username)")
            case .accountFromAddress(let username, let address): Identifiers.hash("pair:\(username)\n\(address)")
            case .address(let address): Identifiers.hash("address:\(address)")
            }
        }
    }

    /// Counts an attempt before its password is checked; false when the counter is locked.
    public func countSignInAttempt(_ counter: SignInCounter, throttle: SignInThrottle, now: Date) async throws -> Bool {
        try await change(counter, now: now) { stored in
            switch throttle.attempt(stored, now: now) {
            case .attempt(let next): (next, true)
            case .locked: (nil, false)
            }
        }
    }

    /// Records a right password on `counter` (see `SignInThrottle.succeeded`).
    public func signInSucceeded(_ counter: SignInCounter, throttle: SignInThrottle, now: Date) async throws {
        let afresh = if case .address = counter { false } else { true }
        try await change(counter, now: now) { (throttle.succeeded($0, startsAfresh: afresh), ()) }
    }

    /// Forgets counters untouched for a day whose lock, if any, has ended.
    public func forgetSignInAttempts(now: Date) async throws {
        try await database.session { db in
            try await db.raw(
                """
                DELETE FROM sign_in_attempts WHERE updated_at < \(bind: now.addingTimeInterval(-86_400).millis)
                    AND (locked_until IS NULL OR locked_until < \(bind: now.millis))
                """
            ).run()
        }
    }

    /// Reads the counter, lets `decide` say what it becomes (nil: unchanged) and writes that on
    /// condition of the revision read; reads again when another attempt wrote in between.
    private func change<Result: Sendable>(
        _ counter: SignInCounter, now: Date,
        _ decide: @escaping @Sendable (SignInThrottle.Counter) -> (SignInThrottle.Counter?, Result)
    ) async throws -> Result {
        let key = counter.keyHash
        return try await database.session { db in
            while true {
                let row = try await db.raw(
                    "SELECT failures, locked_until, revision FROM sign_in_attempts WHERE key_hash = \(bind: key)"
                ).first().map { try $0.decode(model: CounterRow.self, keyDecodingStrategy: .convertFromSnakeCase) }
                let stored = SignInThrottle.Counter(
                    failures: row?.failures ?? 0, lockedUntil: row?.lockedUntil.map(Date.init(millis:)))
                let (next, result) = decide(stored)
                guard let next else { return result }
                let written: (any SQLRow)?
                if let row {
                    written = try await db.raw(
                        """
                        UPDATE sign_in_attempts SET failures = \(bind: next.failures), locked_until = \(bind: next.lockedUntil?.millis),
                            revision = \(bind: row.revision + 1), updated_at = \(bind: now.millis)
                        WHERE key_hash = \(bind: key) AND revision = \(bind: row.revision) RETURNING key_hash
                        """
                    ).first()
                } else {
                    written = try await db.raw(
                        """
                        INSERT INTO sign_in_attempts (key_hash, failures, locked_until, revision, updated_at)
                        VALUES (\(bind: key), \(bind: next.failures), \(bind: next.lockedUntil?.millis), 1, \(bind: now.millis))
                        ON CONFLICT (key_hash) DO NOTHING RETURNING key_hash
                        """
                    ).first()
                }
                if written != nil { return result }
            }
        }
    }

    /// A `sign_in_attempts` row.
    struct CounterRow: Decodable {
        let failures: Int, lockedUntil: Int?, revision: Int
    }
}

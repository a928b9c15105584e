import Foundation

/// Lockout after repeated failed sign-ins: after `limit` failures in a row the account is
/// locked for `lockDuration`, and a correct password does not open it before then.
public struct SignInThrottle: Sendable {
    public let limit: Int
    public let lockDuration: TimeInterval

    public init(limit: Int = 5, lockDuration: TimeInterval = 15 * 60) {
        self.limit = limit
        self.lockDuration = lockDuration
    }

    /// The lock that follows failure number `failures`, if any.
    public func lockedUntil(afterFailures failures: Int, now: Date) -> Date? {
        failures >= limit ? now.addingTimeInterval(lockDuration) : nil
    }
}

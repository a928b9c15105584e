import Foundation

/// Lockout after repeated failed sign-ins, kept per account from one client address, per
/// address, and per account from anywhere. An attempt is counted before its password is checked,
/// so that many attempts at once cannot all be tried: the one that reaches `limit` sets the
/// lock, and every attempt after it is refused without a look at the password, even a right
/// one, until the lock ends.
public struct SignInThrottle: Sendable, Equatable {
    public let limit: Int
    public let lockDuration: TimeInterval
    /// Instead of one lock of `lockDuration` after which the count starts again: a pause after
    /// each failure from `limit` on, one second doubling up to `lockDuration`, and the count goes
    /// on until a right password.
    public let grows: Bool

    public init(limit: Int, lockDuration: TimeInterval, grows: Bool = false) {
        self.limit = limit
        self.lockDuration = lockDuration
        self.grows = grows
    }

    /// Five wrong passwords for one account from one address lock that pair for 15 minutes (the
    /// README promises this).
    public static let accountFromAddress = SignInThrottle(limit: 5, lockDuration: 15 * 60)
    /// An account tried from many addresses slows down instead of locking: its owner, whom a
    /// guesser must not keep out, waits a minute at most, and a guesser gets a try a minute.
    public static let account = SignInThrottle(limit: 5, lockDuration: 60, grows: true)
    /// An office's staff may share one address, so it gets more tries; an address guessing at
    /// many accounts is stopped all the same.
    public static let address = SignInThrottle(limit: 20, lockDuration: 15 * 60)

    /// What is remembered of one account's or address's attempts.
    public struct Counter: Sendable, Equatable {
        public var failures: Int
        public var lockedUntil: Date?

        public init(failures: Int = 0, lockedUntil: Date? = nil) {
            self.failures = failures
            self.lockedUntil = lockedUntil
        }
    }

    public enum Decision: Sendable, Equatable {
        /// The attempt may check its password; the counter as it is to be written.
        case attempt(Counter)
        case locked(until: Date)
    }

    /// Counts one attempt: refused while locked; after a lock has ended the count starts again.
    public func attempt(_ counter: Counter, now: Date) -> Decision {
        if let until = counter.lockedUntil, until > now { return .locked(until: until) }
        if grows {
            let failures = counter.failures + 1
            let pause = min(lockDuration, pow(2, Double(failures - limit)))
            return .attempt(Counter(failures: failures, lockedUntil: failures >= limit ? now + pause : nil))
        }
        let failures = (counter.lockedUntil == nil ? counter.failures : 0) + 1
        return .attempt(Counter(failures: failures, lockedUntil: failures >= limit ? now + lockDuration : nil))
    }

    /// The counter after a right password. The account starts afresh (its owner proved who they
    /// are); an address only gets back the one attempt counted for it, so that signing in to
    /// one's own account between guesses does not clear the guesses.
    public func succeeded(_ counter: Counter, startsAfresh: Bool) -> Counter {
        if startsAfresh { return Counter() }
        return Counter(failures: max(counter.failures - 1, 0), lockedUntil: counter.lockedUntil)
    }
}

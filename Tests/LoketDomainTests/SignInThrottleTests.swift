import Foundation
import LoketDomain
import Testing

/// The lockout counts each attempt before its password is checked: the fifth from one address
/// sets the lock, every later one is refused unchecked until the lock ends, and then the count
/// starts again; an account tried from everywhere pauses, longer with each failure, up to a minute.
struct SignInThrottleTests {
    typealias Counter = SignInThrottle.Counter
    static let t0 = Date(timeIntervalSince1970: 1_000_000)
    static let lockEnd = t0.addingTimeInterval(15 * 60)

    static let attempts: [(counter: Counter, at: Date, decision: SignInThrottle.Decision)] = [
        (Counter(), t0, .attempt(Counter(failures: 1))),
        (Counter(failures: 3), t0, .attempt(Counter(failures: 4))),
        (Counter(failures: 4), t0, .attempt(Counter(failures: 5, lockedUntil: lockEnd))),
        (Counter(failures: 5, lockedUntil: lockEnd), t0, .locked(until: lockEnd)),
        (Counter(failures: 5, lockedUntil: lockEnd), lockEnd.addingTimeInterval(-1), .locked(until: lockEnd)),
        // The lock has ended: a fresh count.
        (
            Counter(failures: 5, lockedUntil: lockEnd), lockEnd,
            .attempt(Counter(failures: 1))
        ),
    ]

    @Test(arguments: attempts) func anAccountAttempt(
        _ example: (counter: Counter, at: Date, decision: SignInThrottle.Decision)
    ) {
        #expect(SignInThrottle.accountFromAddress.attempt(example.counter, now: example.at) == example.decision)
    }

    @Test func fiveAtOnceAreAllThatAreTried() {
        var counter = Counter()
        var tried = 0
        for _ in 0..<12 {
            guard case .attempt(let next) = SignInThrottle.accountFromAddress.attempt(counter, now: Self.t0) else {
                continue
            }
            counter = next
            tried += 1
        }
        #expect(tried == 5)
    }

    @Test func aRightPasswordClearsTheAccountButGivesTheAddressBackOneAttempt() {
        let counter = Counter(failures: 7)
        #expect(SignInThrottle.accountFromAddress.succeeded(counter, startsAfresh: true) == Counter())
        #expect(SignInThrottle.address.succeeded(counter, startsAfresh: false) == Counter(failures: 6))
        let locked = Counter(failures: 20, lockedUntil: Self.lockEnd)
        #expect(
            SignInThrottle.address.succeeded(locked, startsAfresh: false)
                == Counter(failures: 19, lockedUntil: Self.lockEnd))
    }

    /// From everywhere, an account pauses instead of locking: 1 s after the fifth failure,
    /// doubling with each, never more than a minute, and the count goes on after a pause.
    static let pauses: [(failures: Int, pause: TimeInterval?)] = [
        (3, nil), (4, 1), (5, 2), (6, 4), (9, 32), (10, 60), (40, 60),
    ]

    @Test(arguments: pauses) func anAccountTriedFromEverywherePauses(failures: Int, pause: TimeInterval?) {
        let decision = SignInThrottle.account.attempt(Counter(failures: failures), now: Self.t0)
        #expect(decision == .attempt(Counter(failures: failures + 1, lockedUntil: pause.map { Self.t0 + $0 })))
        let pausing = Counter(failures: 7, lockedUntil: Self.t0 + 8)
        #expect(SignInThrottle.account.attempt(pausing, now: Self.t0 + 7) == .locked(until: Self.t0 + 8))
        #expect(
            SignInThrottle.account.attempt(pausing, now: Self.t0 + 8)
                == .attempt(Counter(failures: 8, lockedUntil: Self.t0 + 16)))
    }
}

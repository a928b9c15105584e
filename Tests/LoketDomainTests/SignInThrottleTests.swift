import Foundation
import LoketDomain
import Testing

/// The lockout counts each attempt before its password is checked: the fifth sets the lock,
/// every later one is refused unchecked until the lock ends, and then the count starts again.
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
        #expect(SignInThrottle.account.attempt(example.counter, now: example.at) == example.decision)
    }

    @Test func fiveAtOnceAreAllThatAreTried() {
        var counter = Counter()
        var tried = 0
        for _ in 0..<12 {
            guard case .attempt(let next) = SignInThrottle.account.attempt(counter, now: Self.t0) else { continue }
            counter = next
            tried += 1
        }
        #expect(tried == 5)
    }

    @Test func aRightPasswordClearsTheAccountButGivesTheAddressBackOneAttempt() {
        let counter = Counter(failures: 7)
        #expect(SignInThrottle.account.succeeded(counter, startsAfresh: true) == Counter())
        #expect(SignInThrottle.address.succeeded(counter, startsAfresh: false) == Counter(failures: 6))
        let locked = Counter(failures: 20, lockedUntil: Self.lockEnd)
        #expect(
            SignInThrottle.address.succeeded(locked, startsAfresh: false)
                == Counter(failures: 19, lockedUntil: Self.lockEnd))
    }
}

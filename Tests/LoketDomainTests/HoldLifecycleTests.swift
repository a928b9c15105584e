import Foundation
import LoketDomain
import Testing

@Suite struct HoldLifecycleTests {
    static let expiry = Date(timeIntervalSince1970: 1_800_000_000)
    static let before = expiry.addingTimeInterval(-1), after = expiry.addingTimeInterval(60)

    enum Step: Sendable, CustomStringConvertible {
        case confirm(Date)
        case expire(Date)
        case release

        var description: String {
            switch self {
            case .confirm(let now):
                "confirm at \(now == expiry ? "expiry" : now < expiry ? "before expiry" : "after expiry")"
            case .expire(let now):
                "expire at \(now == expiry ? "expiry" : now < expiry ? "before expiry" : "after expiry")"
            case .release: "release"
            }
        }

        var event: Hold.Event {
            switch self {
            case .confirm: .confirm
            case .expire: .expire
            case .release: .release
            }
        }
    }

    struct Row: Sendable, CustomTestStringConvertible {
        let state: Hold.State, step: Step, expected: Outcome<Hold.State>
        init(_ state: Hold.State, _ step: Step, _ expected: Outcome<Hold.State>) {
            (self.state, self.step, self.expected) = (state, step, expected)
        }
        var testDescription: String { "\(state) + \(step) → \(expected)" }
    }

    static let table: [Row] = [
        Row(.active, .confirm(before), .becomes(.confirmed)),
        Row(.active, .confirm(expiry), .refused(.gone, "hold_expired")),
        Row(.active, .confirm(after), .refused(.gone, "hold_expired")),
        Row(.confirmed, .confirm(before), .refused(.conflict, "hold_used")),
        Row(.expired, .confirm(before), .refused(.gone, "hold_expired")),
        Row(.released, .confirm(before), .refused(.gone, "hold_expired")),

        Row(.active, .expire(before), .refused(.conflict, "hold_not_due")),
        Row(.active, .expire(expiry), .becomes(.expired)),
        Row(.active, .expire(after), .becomes(.expired)),
        Row(.confirmed, .expire(after), .refused(.conflict, "hold_used")),
        Row(.expired, .expire(after), .refused(.gone, "hold_expired")),
        Row(.released, .expire(after), .refused(.gone, "hold_expired")),

        Row(.active, .release, .becomes(.released)),
        Row(.confirmed, .release, .refused(.conflict, "hold_used")),
        Row(.expired, .release, .refused(.gone, "hold_expired")),
        Row(.released, .release, .refused(.gone, "hold_expired")),
    ]

    static func hold(_ state: Hold.State) -> Hold {
        Hold(
            id: "h1", desk: "TS", product: "BIO", persons: 1, slot: "20261201-1000-bio",
            date: LocalDate(iso: "2026-12-01")!,
            startTime: LocalTime(minutes: 600), endTime: LocalTime(minutes: 610), expiresAt: expiry, state: state)
    }

    @Test(arguments: table) func transition(_ row: Row) {
        let result = outcome(of: Self.hold(row.state), state: \.state, row.step.event) {
            hold throws(TransitionError<Hold.State, Hold.Event>) in
            switch row.step {
            case .confirm(let now): try hold.confirm(now: now)
            case .expire(let now): try hold.expire(now: now)
            case .release: try hold.release()
            }
        }
        #expect(result == row.expected)
    }

    @Test func confirmingALapsedHoldAnswersAsStorageDoesToday() {
        var hold = Self.hold(.active)
        #expect(
            answer { () throws(TransitionError<Hold.State, Hold.Event>) in try hold.confirm(now: Self.after) }
                == Refusal(
                    .gone, field: "hold", code: "hold_expired", "This hold has expired; choose a slot again."))
    }
}

import Foundation
import LoketDomain
import Testing

@Suite struct AppointmentLifecycleTests {
    /// The holds an appointment may be moved onto.
    enum Target: String, Sendable {
        case confirmedHold = "a confirmed hold"
        case activeHold = "a hold not yet confirmed"
        case otherProduct = "a hold for another product"
        case morePersons = "a hold for more persons"

        var hold: Hold {
            Hold(
                id: "h2", desk: "UT", product: self == .otherProduct ? "ID" : "BIO",
                persons: self == .morePersons ? 2 : 1,
                slot: "20261203-1430-bio", date: LocalDate(iso: "2026-12-03")!, startTime: LocalTime(minutes: 870),
                endTime: LocalTime(minutes: 880), expiresAt: Date(timeIntervalSince1970: 1_800_000_000),
                state: self == .activeHold ? .active : .confirmed)
        }
    }

    enum Step: Sendable, CustomStringConvertible {
        case move(Target)
        case cancel

        var description: String {
            switch self {
            case .move(let target): "move to \(target.rawValue)"
            case .cancel: "cancel"
            }
        }
        var event: Appointment.Event {
            switch self {
            case .move: .move
            case .cancel: .cancel
            }
        }
    }

    struct Row: Sendable, CustomTestStringConvertible {
        let state: Appointment.State, step: Step, expected: Outcome<Appointment.State>
        init(_ state: Appointment.State, _ step: Step, _ expected: Outcome<Appointment.State>) {
            (self.state, self.step, self.expected) = (state, step, expected)
        }
        var testDescription: String { "\(state) + \(step) → \(expected)" }
    }

    static let table: [Row] = [
        Row(.confirmed, .move(.confirmedHold), .becomes(.confirmed)),
        Row(.confirmed, .move(.activeHold), .refused(.conflict, "hold_not_confirmed")),
        Row(.confirmed, .move(.otherProduct), .refused(.invalid, "mismatch")),
        Row(.confirmed, .move(.morePersons), .refused(.invalid, "mismatch")),
        Row(.cancelled, .move(.confirmedHold), .refused(.conflict, "cancelled")),
        Row(.confirmed, .cancel, .becomes(.cancelled)),
        Row(.cancelled, .cancel, .refused(.conflict, "already_cancelled")),
    ]

    static func appointment(_ state: Appointment.State, revision: Int = 0) -> Appointment {
        Appointment(
            id: "a1", desk: "TS", product: "BIO", persons: 1, slot: "20261201-1000-bio",
            date: LocalDate(iso: "2026-12-01")!,
            startTime: LocalTime(minutes: 600), endTime: LocalTime(minutes: 610), state: state, language: .nl,
            createdAt: Date(timeIntervalSince1970: 1_700_000_000), code: "K7M2-Q9XD", revision: revision)
    }

    @Test(arguments: table) func transition(_ row: Row) {
        let result = outcome(of: Self.appointment(row.state), state: \.state, row.step.event) {
            appointment throws(TransitionError<Appointment.State, Appointment.Event>) in
            switch row.step {
            case .move(let target): try appointment.move(to: target.hold, allowed: 3)
            case .cancel: try appointment.cancel()
            }
        }
        #expect(result == row.expected)
    }

    @Test func aMovedAppointmentStaysConfirmedAtTheNewSlotWithTheNextRevision() throws {
        var appointment = Self.appointment(.confirmed, revision: 1)
        try appointment.move(to: Target.confirmedHold.hold, allowed: 3)
        #expect(appointment.state == .confirmed && appointment.wasMoved)
        #expect(appointment.revision == 2)
        #expect(appointment.desk == "UT" && appointment.slot == "20261203-1430-bio")
        #expect(
            appointment.date == LocalDate(iso: "2026-12-03") && appointment.startTime == LocalTime(minutes: 870)
                && appointment.endTime == LocalTime(minutes: 880))
        #expect(appointment.id == "a1" && appointment.code == "K7M2-Q9XD")
    }

    @Test func cancellingRaisesTheRevisionSoCalendarsDropTheEntry() throws {
        var appointment = Self.appointment(.confirmed)
        try appointment.cancel()
        #expect(appointment.revision == 1 && !appointment.wasMoved)
    }

    @Test func movingACancelledAppointmentAnswersAsStorageDoesToday() {
        var appointment = Self.appointment(.cancelled)
        #expect(
            answer { () throws(TransitionError<Appointment.State, Appointment.Event>) in
                try appointment.move(to: Target.confirmedHold.hold, allowed: 3)
            }
                == Refusal(.conflict, field: "id", code: "cancelled", "A cancelled appointment cannot be moved."))
    }

    @Test func anAppointmentMovesAtMostTheAllowedNumberOfTimes() throws {
        var appointment = Self.appointment(.confirmed)
        for _ in 0..<3 { try appointment.move(to: Target.confirmedHold.hold, allowed: 3) }
        #expect(appointment.revision == 3)
        #expect(
            answer { () throws(TransitionError<Appointment.State, Appointment.Event>) in
                try appointment.move(to: Target.confirmedHold.hold, allowed: 3)
            }?.code == "move_limit")
        #expect(appointment.revision == 3)
    }
}

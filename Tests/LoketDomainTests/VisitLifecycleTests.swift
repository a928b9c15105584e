import Foundation
import LoketDomain
import Testing

@Suite struct VisitLifecycleTests {
    static let day = LocalDate(iso: "2026-12-01")!
    /// 10:00 in Amsterdam on `day`.
    static let start = DeskTime(date: day, time: LocalTime(minutes: 600)).instant(in: DeskTime.amsterdam)
    static let checkedIn = start.addingTimeInterval(-600), calledAt = start.addingTimeInterval(120)

    /// Where the customer is before the event, with the two kinds of no-show and cancelled appointments.
    enum Given: String, Sendable {
        case booked, waiting, called, served
        case noShowUnarrived = "no-show, never arrived"
        case noShowAfterCheckIn = "no-show after check-in"
        case cancelledBooked = "cancelled, not arrived"
        case cancelledWaiting = "cancelled while waiting"

        var item: AgendaItem {
            let cancelled = self == .cancelledBooked || self == .cancelledWaiting
            let appointment = Appointment(
                id: "a1", desk: "TS", product: "BIO", persons: 1, slot: "20261201-1000-bio", date: day,
                startTime: LocalTime(minutes: 600), endTime: LocalTime(minutes: 610),
                state: cancelled ? .cancelled : .confirmed, language: .nl, createdAt: .distantPast, code: "K7M2-Q9XD")
            func visit(
                _ state: Visit.State, ticket: Ticket? = Ticket(queue: "B", number: 7), calledAt: Date? = nil,
                endedAt: Date? = nil
            ) -> Visit {
                Visit(
                    appointmentID: "a1", desk: "TS", date: day, ticket: ticket, state: state,
                    checkedInAt: ticket == nil ? nil : checkedIn,
                    calledAt: calledAt, counter: calledAt == nil ? nil : "3", endedAt: endedAt)
            }
            let visits: [Given: Visit?] = [
                .booked: nil, .cancelledBooked: nil, .waiting: visit(.waiting), .cancelledWaiting: visit(.waiting),
                .called: visit(.called, calledAt: calledAt),
                .served: visit(.served, calledAt: calledAt, endedAt: start.addingTimeInterval(900)),
                .noShowUnarrived: visit(.noShow, ticket: nil, endedAt: start.addingTimeInterval(1800)),
                .noShowAfterCheckIn: visit(.noShow, endedAt: start.addingTimeInterval(1800)),
            ]
            return AgendaItem(
                appointment: appointment, customerName: "A. de Vries", assistance: false, visit: visits[self]!)
        }
    }

    enum Step: Sendable, CustomStringConvertible {
        case checkIn(today: LocalDate)
        case call, serve
        case markNoShow(now: Date)

        var description: String {
            switch self {
            case .checkIn(let today): today == day ? "check in on the day" : "check in on another day"
            case .call: "call"
            case .serve: "serve"
            case .markNoShow(let now): now < start ? "no-show before the start" : "no-show after the start"
            }
        }
        var event: Visit.Event {
            switch self {
            case .checkIn: .checkIn
            case .call: .call
            case .serve: .serve
            case .markNoShow: .markNoShow
            }
        }
    }

    struct Row: Sendable, CustomTestStringConvertible {
        let given: Given, step: Step, expected: Outcome<Visit.Stage>
        init(_ given: Given, _ step: Step, _ expected: Outcome<Visit.Stage>) {
            (self.given, self.step, self.expected) = (given, step, expected)
        }
        var testDescription: String { "\(given.rawValue) + \(step) → \(expected)" }
    }

    static let otherDay = day.adding(days: 1), early = start.addingTimeInterval(-3600),
        late = start.addingTimeInterval(600)
    static let dayBefore = start.addingTimeInterval(-86_400)

    static let table: [Row] = [
        Row(.booked, .checkIn(today: day), .becomes(.waiting)),
        Row(.noShowUnarrived, .checkIn(today: day), .becomes(.waiting)),
        Row(.waiting, .checkIn(today: day), .refused(.conflict, "already_checked_in")),
        Row(.called, .checkIn(today: day), .refused(.conflict, "already_checked_in")),
        Row(.served, .checkIn(today: day), .refused(.conflict, "already_checked_in")),
        Row(.noShowAfterCheckIn, .checkIn(today: day), .refused(.conflict, "already_checked_in")),
        Row(.booked, .checkIn(today: otherDay), .refused(.conflict, "not_today")),
        Row(.cancelledBooked, .checkIn(today: day), .refused(.conflict, "cancelled")),

        Row(.waiting, .call, .becomes(.called)),
        Row(.booked, .call, .refused(.conflict, "not_waiting")),
        Row(.called, .call, .refused(.conflict, "not_waiting")),
        Row(.served, .call, .refused(.conflict, "not_waiting")),
        Row(.noShowAfterCheckIn, .call, .refused(.conflict, "not_waiting")),
        Row(.noShowUnarrived, .call, .refused(.conflict, "not_waiting")),

        Row(.called, .serve, .becomes(.served)),
        Row(.booked, .serve, .refused(.conflict, "not_possible")),
        Row(.waiting, .serve, .refused(.conflict, "not_possible")),
        Row(.served, .serve, .refused(.conflict, "not_possible")),
        Row(.noShowAfterCheckIn, .serve, .refused(.conflict, "not_possible")),
        Row(.noShowUnarrived, .serve, .refused(.conflict, "not_possible")),

        Row(.booked, .markNoShow(now: late), .becomes(.noShow)),
        Row(.waiting, .markNoShow(now: late), .becomes(.noShow)),
        Row(.called, .markNoShow(now: late), .becomes(.noShow)),
        Row(.waiting, .markNoShow(now: early), .becomes(.noShow)),
        Row(.booked, .markNoShow(now: start), .becomes(.noShow)),
        Row(.booked, .markNoShow(now: early), .refused(.conflict, "not_yet")),
        Row(.booked, .markNoShow(now: dayBefore), .refused(.conflict, "not_yet")),
        Row(.served, .markNoShow(now: late), .refused(.conflict, "not_possible")),
        Row(.noShowUnarrived, .markNoShow(now: late), .refused(.conflict, "not_possible")),
        Row(.noShowAfterCheckIn, .markNoShow(now: late), .refused(.conflict, "not_possible")),
        Row(.cancelledBooked, .markNoShow(now: late), .refused(.conflict, "cancelled")),
        Row(.cancelledWaiting, .markNoShow(now: late), .refused(.conflict, "cancelled")),
    ]

    @Test(arguments: table) func transition(_ row: Row) {
        let result = outcome(of: row.given.item, state: \.stage, row.step.event) { item throws(AgendaItem.VisitError) in
            switch row.step {
            case .checkIn(let today):
                try item.checkIn(ticket: Ticket(queue: "B", number: 12), today: today, now: Self.checkedIn)
            case .call: try item.call(counter: "4", now: Self.calledAt)
            case .serve: try item.serve(now: Self.late)
            case .markNoShow(let now): try item.markNoShow(now: now)
            }
        }
        #expect(result == row.expected)
    }

    @Test func aVisitRecordsItsTicketCounterAndTimes() throws {
        var item = Given.booked.item
        try item.checkIn(ticket: Ticket(queue: "B", number: 12), today: Self.day, now: Self.checkedIn)
        #expect(
            item.visit
                == Visit(
                    appointmentID: "a1", desk: "TS", date: Self.day, ticket: Ticket(queue: "B", number: 12),
                    state: .waiting,
                    checkedInAt: Self.checkedIn, calledAt: nil, counter: nil, endedAt: nil))
        try item.call(counter: "4", now: Self.calledAt)
        #expect(item.visit?.counter == "4" && item.visit?.calledAt == Self.calledAt)
        try item.serve(now: Self.late)
        #expect(item.visit?.endedAt == Self.late && item.visit?.ticket?.number == 12)
    }

    @Test func aLateArrivalAfterANoShowGetsATicketAndNoEnd() throws {
        var item = Given.noShowUnarrived.item
        try item.checkIn(ticket: Ticket(queue: "B", number: 13), today: Self.day, now: Self.late)
        #expect(item.visit?.ticket?.number == 13 && item.visit?.checkedInAt == Self.late && item.visit?.endedAt == nil)
    }

    @Test func aNoShowWhoNeverCameHasNoTicket() throws {
        var item = Given.booked.item
        try item.markNoShow(now: Self.late)
        #expect(item.visit?.state == .noShow && item.visit?.ticket == nil && item.visit?.endedAt == Self.late)
    }

    @Test func aSecondNoShowAnswersAsStorageDoesToday() {
        var item = Given.noShowUnarrived.item
        #expect(
            answer { () throws(AgendaItem.VisitError) in try item.markNoShow(now: Self.late) }
                == Refusal(.conflict, field: "outcome", code: "not_possible", "This visit has already ended."))
    }

    @Test func theEarliestAppointmentIsCalledFirstThenTheEarliestArrival() throws {
        func waiting(at minutes: Int, arrived: TimeInterval) throws -> AgendaItem {
            var item = AgendaItem(
                appointment: Appointment(
                    id: "a\(minutes)-\(arrived)", desk: "TS", product: "BIO", persons: 1, slot: "s",
                    date: Self.day, startTime: LocalTime(minutes: minutes), endTime: LocalTime(minutes: minutes + 10),
                    state: .confirmed, language: .en, createdAt: .distantPast),
                customerName: "x", assistance: false, visit: nil)
            try item.checkIn(
                ticket: Ticket(queue: "B", number: 1), today: Self.day, now: Self.start.addingTimeInterval(arrived))
            return item
        }
        let late = try waiting(at: 610, arrived: -60)
        let first = try waiting(at: 600, arrived: 0)
        let second = try waiting(at: 600, arrived: 30)
        #expect(
            [late, second, first].sorted(by: AgendaItem.callOrder).map(\.appointment.id)
                == [first, second, late].map(\.appointment.id))
    }
}

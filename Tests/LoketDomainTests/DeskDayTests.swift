import Foundation
import LoketDomain
import LoketTestSupport
import Testing

@Suite struct DeskDayTests {
    let block = RosterBlock(
        id: "bio", products: ["BIO"], days: [.monday, .tuesday], hours: TimeRange(text: "09:00-12:00")!, counters: 3)

    func desk() -> Desk {
        Desk(
            code: "TS", name: "Test", address: "Straat 1", city: "Utrecht", products: ["BIO"],
            openingHours: [
                OpeningHours(hours: [
                    .monday: TimeRange(text: "09:00-17:00")!, .tuesday: TimeRange(text: "09:00-17:00")!,
                ])
            ],
            roster: [block])
    }

    @Test func changingCountersSplitsTheBlockAndKeepsItsPool() {
        let from = LocalDate(iso: "2026-12-07")!
        let until = LocalDate(iso: "2026-12-08")!
        let changed = desk().applying([.counters(block: "bio", from: from, until: until, counters: 1)])
        let schedule = Schedule(
            network: DeskNetwork(
                slotMinutes: 10, bookingHorizonDays: 60, holdMinutes: 15, holidays: DutchHolidays(),
                products: [], desks: [changed]))
        #expect(schedule.pools(desk: changed, on: LocalDate(iso: "2026-11-30")!).map(\.counters) == [3])
        #expect(schedule.pools(desk: changed, on: from).map(\.counters) == [1])
        #expect(schedule.pools(desk: changed, on: until).map(\.id) == ["bio"])
        #expect(schedule.pools(desk: changed, on: LocalDate(iso: "2026-12-14")!).map(\.counters) == [3])
    }

    @Test func aClosureAndASaturdayOpeningChangeTheHours() {
        let saturday = LocalDate(iso: "2026-12-05")!
        let monday = LocalDate(iso: "2026-12-07")!
        let changed = desk().applying([
            .closure(Closure(from: monday, until: monday, reason: "Verhuizing")),
            .hours(
                OpeningHours(
                    validFrom: saturday, validUntil: saturday, hours: [.saturday: TimeRange(text: "10:00-14:00")!])),
        ])
        let days = WorkingDays(holidays: DutchHolidays())
        #expect(changed.hours(on: monday, workingDays: days) == nil)
        #expect(changed.hours(on: saturday, workingDays: days) == TimeRange(text: "10:00-14:00"))
        #expect(desk().hours(on: saturday, workingDays: days) == nil)
    }

    @Test func aTicketIsItsQueuesLetterAndThreeDigits() {
        #expect(Ticket(queue: "B", number: 7).description == "B007")
        #expect(Ticket(queue: "D", number: 123).description == "D123")
        #expect(Ticket(queue: "D", number: 1234).description == "D1234")
        // Checked in before queues had letters: the desk-wide number alone.
        #expect(Ticket(queue: nil, number: 12).description == "012")
    }

    @Test(arguments: Customer.Language.allCases)
    func theTurnSoonEmailGivesTheTicketInTheCustomersLanguage(language: Customer.Language) {
        let desk = TestNetwork.network.desks[0]
        let message = TurnSoonMessage(ticket: Ticket(queue: "B", number: 12), desk: desk, language: language)
        #expect(message.subject.contains("B012") && message.text.contains("B012") && message.text.contains(desk.name))
        let screen = ["nl": "scherm", "en": "screen", "uk": "екраном", "ar": "الشاشة"]
        #expect(message.text.contains(screen[language.rawValue]!))
        #expect(message.html.contains(#"lang="\#(language.rawValue)" dir="\#(language.direction)""#))
    }

    @Test func appointmentCodesAreReadTheWayClerksTypeThem() {
        var generator = SystemRandomNumberGenerator()
        let code = AppointmentCode.make(using: &generator)
        #expect(code.count == 9 && code.dropFirst(4).first == "-")
        #expect(AppointmentCode.normalised(code.lowercased().replacingOccurrences(of: "-", with: " ")) == code)
        #expect(AppointmentCode.normalised("ABCD-EFG0") == nil) // 0 is not in the alphabet
        #expect(AppointmentCode.normalised("ABC") == nil)
    }

    @Test func theAgendaWindowStartsTheHourBeforeNowAndStepsByThreeHours() {
        func time(_ text: String) -> LocalTime { LocalTime(text: text)! }
        let now = AgendaWindow.around(time("10:17"))
        #expect(now.from == time("09:00") && now.until == time("12:00"))
        #expect(now.earlier == AgendaWindow(from: time("06:00")) && now.later == AgendaWindow(from: time("12:00")))
        // Cut off at both ends of the day.
        #expect(AgendaWindow.around(time("00:30")).from == time("00:00"))
        #expect(AgendaWindow(from: time("01:00")).earlier == AgendaWindow(from: time("00:00")))
        #expect(AgendaWindow(from: time("00:00")).earlier == nil)
        #expect(AgendaWindow(from: time("22:00")).until == time("24:00"))
        #expect(AgendaWindow(from: time("22:00")).later == nil)
        #expect(AgendaWindow.wholeDay.isWholeDay && !now.isWholeDay)
        #expect(AgendaWindow.wholeDay.from == time("00:00") && AgendaWindow.wholeDay.until == time("24:00"))
    }

    /// A desk open 08:00–17:00: around 08:30 the window starts at 07:00, and nothing earlier is
    /// offered; the window that holds the closing time offers nothing later.
    @Test(
        arguments: [
            ("07:00", nil, "10:00"), ("10:00", "07:00", "13:00"), ("13:00", "10:00", "16:00"), ("16:00", "13:00", nil),
            ("05:00", nil, "08:00"), ("17:00", "14:00", nil),
        ] as [(String, String?, String?)])
    func theAgendaOffersOnlyHoursTheDeskIsOpen(from: String, earlier: String?, later: String?) {
        let open = TimeRange(from: LocalTime(text: "08:00")!, to: LocalTime(text: "17:00")!)
        let window = AgendaWindow(from: LocalTime(text: from)!)
        #expect(window.earlier(within: open)?.from == earlier.flatMap { LocalTime(text: $0) })
        #expect(window.later(within: open)?.from == later.flatMap { LocalTime(text: $0) })
        // A shut day (no hours) limits nothing but the day itself.
        #expect(window.earlier(within: nil) == window.earlier && window.later(within: nil) == window.later)
    }

    @Test func dayProgressCountsEveryState() {
        var progress = DayProgress()
        for state in [nil, nil, .waiting, .called, .served, .served, .noShow] as [Visit.State?] { progress.add(state) }
        progress.add(.served, count: 3)
        #expect(progress.expected == 2 && progress.waiting == 1 && progress.called == 1)
        #expect(progress.served == 5 && progress.noShow == 1 && progress.total == 10)
    }

    @Test func waitingMinutesStopWhenCalled() {
        let arrived = Date(timeIntervalSince1970: 1_000_000)
        let waiting = Visit(
            appointmentID: "a", desk: "TS", date: LocalDate(iso: "2026-12-01")!, ticket: Ticket(queue: "B", number: 1),
            state: .waiting,
            checkedInAt: arrived, calledAt: nil, counter: nil, endedAt: nil)
        #expect(waiting.waitingMinutes(now: arrived.addingTimeInterval(7 * 60 + 59)) == 7)
        let called = Visit(
            appointmentID: "a", desk: "TS", date: LocalDate(iso: "2026-12-01")!, ticket: Ticket(queue: "B", number: 1),
            state: .called,
            checkedInAt: arrived, calledAt: arrived.addingTimeInterval(600), counter: "3", endedAt: nil)
        #expect(called.waitingMinutes(now: arrived.addingTimeInterval(3600)) == 10)
    }

    @Test func customerFormsGetEveryProblemAtOnce() {
        guard
            case .failure(let problems) = Customer.checked(
                name: " ", email: "not-an-address", phone: "12", vNumber: "123", bsn: nil,
                language: "nl", prefix: "")
        else {
            Issue.record("expected problems")
            return
        }
        #expect(problems.errors.map(\.field) == ["name", "email", "phone", "vNumber"])
    }

    @Test func rolesIncludeTheOnesBelowAtTheirOwnDesk() {
        let manager = StaffAccount(id: "1", username: "m", role: .deskManager, desk: "DH", active: true)
        #expect(manager.may(.clerk, at: "DH") && manager.may(.deskManager, at: "DH"))
        #expect(!manager.may(.clerk, at: "AM") && !manager.may(.admin, at: "DH"))
        let admin = StaffAccount(id: "2", username: "a", role: .admin, desk: nil, active: true)
        #expect(admin.may(.deskManager, at: "AM"))
        #expect(!StaffAccount(id: "3", username: "c", role: .clerk, desk: "DH", active: false).may(.clerk, at: "DH"))
    }
}

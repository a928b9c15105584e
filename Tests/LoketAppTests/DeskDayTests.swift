import Foundation
import LoketApp
import LoketDomain
import LoketNotifications
import LoketStorage
import LoketTestSupport
import SQLKit
import Testing

/// A desk's day on both engines: check-in by code, calling in order, served and no-show, each
/// product in its own queue, and the "your turn soon" email.
@Suite(.timeLimit(.minutes(3))) struct DeskDayTests {
    let day = LocalDate(iso: "2022-06-02")!
    /// When the customers arrive, ten minutes before the first appointment.
    let arrival = ManualClock(date: "2022-06-02", time: "08:50").now

    /// Books `slot` at TS for `name` (their own V-number) at the clock's time.
    func book(_ loket: Loket, _ slot: String, _ name: String, product: String = "BIO") async throws -> ConfirmedBooking
    {
        let held = try await loket.booking.hold(
            desk: "TS", product: product, persons: 1, slot: slot, client: nil, idempotency: nil)
        let customer = try Customer.validated(
            name: name, email: "x@example.nl", phone: nil, vNumber: TestPeople.vNumber(name), bsn: nil, language: "nl")
        return try await loket.booking.confirm(
            hold: held.hold.id, holdToken: held.token, customer: customer, client: nil, idempotency: nil)
    }

    /// The clock at `seconds` after the arrival.
    func at(_ clock: ManualClock, _ seconds: TimeInterval) { clock.set(to: arrival.addingTimeInterval(seconds)) }

    @Test(arguments: TestDatabase.engines)
    func aDayAtTheDesk(engine: TestDatabase.Engine) async throws {
        let clock = ManualClock(date: "2022-06-01")
        try await withLoket(engine, clock: clock) { loket, database in
            let late = try await book(loket, "20220602-0930-bio", "Late Booker").appointment
            let early = try await book(loket, "20220602-0900-bio", "Early Bird").appointment
            let absent = try await book(loket, "20220602-1000-bio", "Never Came").appointment
            let cancelled = try await book(loket, "20220602-1020-bio", "Cancelled Too")
            _ = try await loket.booking.cancel(id: cancelled.appointment.id, token: cancelled.manageToken)

            // The later appointment arrives first and gets ticket 1; typing the code loosely works.
            at(clock, 0)
            let first = try await loket.deskDay.checkIn(
                code: late.code!.lowercased().replacingOccurrences(of: "-", with: " "), desk: "TS", staff: "s1")
            #expect(first.visit?.ticket?.description == "B001" && first.visit?.state == .waiting)
            at(clock, 60)
            let second = try await loket.deskDay.checkIn(code: early.code!, desk: "TS", staff: "s1")
            #expect(second.visit?.ticket == Ticket(queue: "B", number: 2))
            // Checking in twice keeps the first ticket; unknown codes name the field.
            at(clock, 0)
            #expect(
                try await loket.deskDay.checkIn(code: early.code!, desk: "TS", staff: "s1").visit?.ticket?.number == 2)
            await #expect(throws: Refusal.unknownAppointmentCode("AAAA-AAAA")) {
                try await loket.deskDay.checkIn(code: "AAAA-AAAA", desk: "TS", staff: "s1")
            }
            await #expect(throws: Refusal.invalidAppointmentCode) {
                try await loket.deskDay.checkIn(code: "AAAA", desk: "TS", staff: "s1")
            }

            // Called in appointment order, not arrival order.
            at(clock, 600)
            let called = try await loket.deskDay.callNext(desk: "TS", counter: "4", staff: "s1")
            #expect(called?.appointment.id == early.id && called?.visit?.counter == "4")
            #expect(called?.visit?.waitingMinutes(now: arrival.addingTimeInterval(3600)) == 9)
            at(clock, 1200)
            let served = try await loket.deskDay.finishVisit(
                appointment: early.id, desk: "TS", outcome: .served, staff: "s1")
            #expect(served.visit?.state == .served && served.visit?.endedAt == arrival.addingTimeInterval(1200))
            // Served needs a call first; a finished visit cannot end again.
            at(clock, 0)
            await #expect(throws: Refusal.self) {
                try await loket.deskDay.finishVisit(appointment: late.id, desk: "TS", outcome: .served, staff: "s1")
            }
            // Nobody is a no-show before their appointment has begun, nor for one they cancelled.
            await #expect(throws: Refusal.self) {
                try await loket.deskDay.finishVisit(appointment: absent.id, desk: "TS", outcome: .noShow, staff: "s1")
            }
            at(clock, 2 * 3600)
            await #expect(throws: Refusal.self) {
                try await loket.deskDay.finishVisit(
                    appointment: cancelled.appointment.id, desk: "TS", outcome: .noShow, staff: "s1")
            }
            _ = try await loket.deskDay.finishVisit(appointment: absent.id, desk: "TS", outcome: .noShow, staff: "s1")
            await #expect(throws: Refusal.visitEnded) {
                try await loket.deskDay.finishVisit(appointment: absent.id, desk: "TS", outcome: .noShow, staff: "s1")
            }
            await #expect(throws: Refusal.invalidOutcome) {
                try await loket.deskDay.finishVisit(appointment: absent.id, desk: "TS", outcome: .waiting, staff: "s1")
            }
            try await theDayAsItStands(DeskDayStore(database: database))
        }
    }

    /// What the reads of the day say after `aDayAtTheDesk`.
    func theDayAsItStands(_ deskDay: DeskDayStore) async throws {
        // The display shows the calls, newest first.
        #expect(try await deskDay.recentCalls(desk: "TS", date: day).map(\.ticket) == [Ticket(queue: "B", number: 2)])
        let agenda = try await deskDay.agenda(desk: "TS", date: day)
        #expect(agenda.map(\.customerName) == ["Early Bird", "Late Booker", "Never Came"])
        #expect(agenda.map { $0.visit?.state } == [.served, .waiting, .noShow])

        // A window lists its hours, and whoever is waiting or at a counter whatever their time;
        // the day's progress counts every confirmed appointment.
        let window = try await deskDay.agenda(
            desk: "TS", date: day, window: AgendaWindow(from: LocalTime(text: "10:00")!))
        #expect(window.map(\.customerName) == ["Late Booker", "Never Came"])
        let before = try await deskDay.agenda(
            desk: "TS", date: day, window: AgendaWindow(from: LocalTime(text: "06:00")!))
        #expect(before.map(\.customerName) == ["Late Booker"])
        let progress = try await deskDay.progress(desk: "TS", date: day)
        #expect(progress.total == 3 && progress.served == 1 && progress.waiting == 1 && progress.noShow == 1)
        #expect(progress.expected == 0 && progress.called == 0)
    }

    @Test(arguments: TestDatabase.engines)
    func eachProductWaitsInItsOwnQueue(engine: TestDatabase.Engine) async throws {
        let clock = ManualClock(date: "2022-06-01")
        try await withLoket(engine, clock: clock) { loket, database in
            let bio = try await book(loket, "20220602-0900-bio", "Bio One").appointment
            let bio2 = try await book(loket, "20220602-0910-bio", "Bio Two").appointment
            let doc = try await book(loket, "20220602-0930-doc", "Doc One", product: "DOC").appointment
            var tickets: [String] = []
            for (index, appointment) in [doc, bio, bio2].enumerated() {
                at(clock, Double(index) * 60)
                let item = try await loket.deskDay.checkIn(code: appointment.code!, desk: "TS", staff: "s1")
                tickets.append(item.visit?.ticket?.description ?? "")
            }
            // Numbered per queue: the first document customer is D001 though they came first of all.
            #expect(tickets == ["D001", "B001", "B002"])
            #expect(try await loket.deskDay.nextTickets(desk: "TS").map(\.description) == ["B001", "B002", "D001"])
            // A document counter calls the document customer, though biometrics come earlier in the day.
            at(clock, 600)
            let atDocuments = try await loket.deskDay.callNext(desk: "TS", counter: "7", queues: ["D"], staff: "s1")
            #expect(atDocuments?.appointment.id == doc.id)
            at(clock, 700)
            #expect(try await loket.deskDay.callNext(desk: "TS", counter: "7", queues: ["D"], staff: "s1") == nil)
            // A counter for every queue calls the earliest appointment.
            at(clock, 800)
            let atAny = try await loket.deskDay.callNext(desk: "TS", counter: "2", staff: "s1")
            #expect(atAny?.appointment.id == bio.id && atAny?.visit?.ticket?.description == "B001")
            // A visit checked in before queues had letters (or by the previous release) is in every queue.
            try await database.session { db in
                try await db.raw(
                    "UPDATE visits SET queue = NULL, queue_number = NULL WHERE appointment_id = \(bind: bio2.id)"
                ).run()
            }
            at(clock, 900)
            let unlettered = try await loket.deskDay.callNext(desk: "TS", counter: "7", queues: ["D"], staff: "s1")
            #expect(unlettered?.appointment.id == bio2.id && unlettered?.visit?.ticket?.queue == nil)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func whoAskedIsEmailedOnceWhenAmongTheNextThree(engine: TestDatabase.Engine) async throws {
        let clock = ManualClock(date: "2022-06-01")
        let mail = MailOptions(
            transport: MailFolder(
                folder: FileManager.default.temporaryDirectory.appendingPathComponent("loket-unsent")),
            from: "loket@example.nl", reminderLead: nil)
        let withMail: (inout ServerOptions) -> Void = { $0.mail = mail }
        try await withLoket(engine, clock: clock, options: withMail) { loket, database in
            let outbox = OutboxStore(database: database)
            var ids: [String] = []
            for (index, time) in ["0900", "0910", "0920", "0930", "0940"].enumerated() {
                clock.set(date: "2022-06-01", time: "08:00")
                let appointment = try await book(loket, "20220602-\(time)-bio", "Person \(index)").appointment
                // The last three ask to be told; they may wait outside.
                at(clock, 0)
                _ = try await loket.deskDay.checkIn(
                    code: appointment.code!, desk: "TS", notifySoon: index >= 2, staff: "s1")
                ids.append(appointment.id)
            }
            // The messages written since the last look, sent as a dispatcher would.
            func told(at now: Date) async throws -> [String] {
                let claimed = try await outbox.claimDueMessages(now: now, kinds: [.turnSoon])
                for message in claimed { try await outbox.markSent(message, now: now) }
                return claimed.map(\.appointmentID)
            }
            // The clerk's list shows who asked.
            let asked = try await loket.deskDay.agenda(desk: "TS").filter { $0.visit?.notifySoon == true }
            #expect(asked.map(\.appointment.id) == Array(ids[2...]))
            // Person 2 checked in third in line: told at once. 3 and 4 are further back.
            #expect(try await told(at: arrival.addingTimeInterval(1)) == [ids[2]])
            let (recipient, ticket) = try #require(try await outbox.turnSoonRecipient(appointment: ids[2], today: day))
            #expect(ticket.description == "B003" && recipient.email == "x@example.nl")
            #expect(try await outbox.turnSoonRecipient(appointment: ids[2], today: day.adding(days: 1)) == nil)
            // The first is called: the next three are persons 1, 2 and 3; 3 is told now.
            at(clock, 600)
            _ = try await loket.deskDay.callNext(desk: "TS", counter: "1", queues: ["B"], staff: "s1")
            #expect(try await told(at: arrival.addingTimeInterval(601)) == [ids[3]])
            // The next call brings person 4 up; nobody is told twice.
            at(clock, 1200)
            _ = try await loket.deskDay.callNext(desk: "TS", counter: "1", staff: "s1")
            #expect(try await told(at: arrival.addingTimeInterval(1201)) == [ids[4]])
            // Called before the email went, it is moot.
            at(clock, 1300)
            _ = try await loket.deskDay.callNext(desk: "TS", counter: "1", staff: "s1")
            #expect(try await outbox.turnSoonRecipient(appointment: ids[2], today: day) == nil)
        }
    }
}

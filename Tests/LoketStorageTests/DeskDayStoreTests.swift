import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import Testing

/// A desk's day on both engines: check-in by code, calling in order, served and no-show.
@Suite(.timeLimit(.minutes(3))) struct DeskDayStoreTests {
    let rules = BookingRules(network: TestNetwork.network)
    let day = LocalDate(iso: "2022-06-02")!
    /// The test network's queues: a letter per product.
    static let queues = ["BIO": "B", "DOC": "D"]

    func book(
        _ store: Stores, _ slot: String, _ name: String, product: String = "BIO", now: Date
    ) async throws -> Appointment {
        let plan = try rules.planHold(desk: "TS", product: product, persons: 1, slot: slot, now: now)
        let hold = try await store.hold(plan, now: now)
        let customer = try Customer.validated(
            name: name, email: "x@example.nl", phone: nil, vNumber: nil, bsn: nil, language: "nl")
        return try await store.confirm(
            hold: hold.hold.id, holdToken: hold.token, customer: customer, now: now
        ).appointment
    }

    @Test(arguments: TestDatabase.engines)
    func aDayAtTheDesk(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { try await runDay($0) }
    }

    func runDay(_ store: Stores) async throws {
        let booked = ManualClock(date: "2022-06-01").now
        let late = try await book(store, "20220602-0930-bio", "Late Booker", now: booked)
        let early = try await book(store, "20220602-0900-bio", "Early Bird", now: booked)
        let absent = try await book(store, "20220602-1000-bio", "Never Came", now: booked)
        let arrival = ManualClock(date: "2022-06-02", time: "08:50").now

        // The later appointment arrives first and gets ticket 1; typing the code loosely works.
        let first = try await store.deskDay.checkIn(
            code: late.code!.lowercased().replacingOccurrences(of: "-", with: " "), desk: "TS", date: day,
            queues: Self.queues, staff: "s1",
            now: arrival)
        #expect(first.visit?.ticket?.description == "B001" && first.visit?.state == .waiting)
        let second = try await store.deskDay.checkIn(
            code: early.code!, desk: "TS", date: day, queues: Self.queues, staff: "s1",
            now: arrival.addingTimeInterval(60))
        #expect(second.visit?.ticket == Ticket(queue: "B", number: 2))
        // Checking in twice keeps the first ticket; unknown codes name the field.
        #expect(
            try await store.deskDay.checkIn(
                code: early.code!, desk: "TS", date: day, queues: Self.queues, staff: "s1", now: arrival
            ).visit?
            .ticket?.number == 2)
        await #expect(throws: Refusal.self) {
            try await store.deskDay.checkIn(
                code: "AAAA-AAAA", desk: "TS", date: day, queues: Self.queues, staff: "s1", now: arrival)
        }

        // Called in appointment order, not arrival order.
        let called = try await store.deskDay.callNext(
            desk: "TS", date: day, counter: "4", queues: [], staff: "s1", now: arrival.addingTimeInterval(600))
        #expect(called?.appointment.id == early.id && called?.visit?.counter == "4")
        #expect(called?.visit?.waitingMinutes(now: arrival.addingTimeInterval(3600)) == 9)
        let served = try await store.deskDay.finishVisit(
            appointment: early.id, desk: "TS", outcome: .served, staff: "s1",
            now: arrival.addingTimeInterval(1200))
        #expect(served.visit?.state == .served && served.visit?.endedAt == arrival.addingTimeInterval(1200))
        // Served needs a call first; a finished visit cannot end again.
        await #expect(throws: Refusal.self) {
            try await store.deskDay.finishVisit(
                appointment: late.id, desk: "TS", outcome: .served, staff: "s1", now: arrival)
        }
        // Nobody is a no-show before their appointment has begun, nor for one they cancelled.
        await #expect(throws: Refusal.self) {
            try await store.deskDay.finishVisit(
                appointment: absent.id, desk: "TS", outcome: .noShow, staff: "s1", now: arrival)
        }
        let held = try await store.hold(
            try rules.planHold(desk: "TS", product: "BIO", persons: 1, slot: "20220602-1020-bio", now: booked),
            now: booked)
        let withToken = try await store.confirm(
            hold: held.hold.id, holdToken: held.token,
            customer: try Customer.validated(
                name: "Cancelled Too", email: "x@example.nl", phone: nil, vNumber: nil, bsn: nil, language: "nl"),
            now: booked)
        try await store.cancel(
            id: withToken.appointment.id, token: withToken.manageToken, now: booked,
            today: LocalDate(iso: "2022-06-01")!)
        let afterAll = arrival.addingTimeInterval(2 * 3600)
        await #expect(throws: Refusal.self) {
            try await store.deskDay.finishVisit(
                appointment: withToken.appointment.id, desk: "TS", outcome: .noShow, staff: "s1", now: afterAll)
        }
        _ = try await store.deskDay.finishVisit(
            appointment: absent.id, desk: "TS", outcome: .noShow, staff: "s1", now: afterAll)
        await #expect(throws: Refusal.self) {
            try await store.deskDay.finishVisit(
                appointment: absent.id, desk: "TS", outcome: .noShow, staff: "s1", now: afterAll)
        }
        // The display shows the calls, newest first.
        #expect(
            try await store.deskDay.recentCalls(desk: "TS", date: day).map(\.ticket) == [Ticket(queue: "B", number: 2)])
        let agenda = try await store.deskDay.agenda(desk: "TS", date: day)
        #expect(agenda.map(\.customerName) == ["Early Bird", "Late Booker", "Never Came"])
        #expect(agenda.map { $0.visit?.state } == [.served, .waiting, .noShow])

        // A window lists its hours, and whoever is waiting or at a counter whatever their time;
        // the day's progress counts every confirmed appointment.
        let window = try await store.deskDay.agenda(
            desk: "TS", date: day, window: AgendaWindow(from: LocalTime(text: "10:00")!))
        #expect(window.map(\.customerName) == ["Late Booker", "Never Came"])
        let before = try await store.deskDay.agenda(
            desk: "TS", date: day, window: AgendaWindow(from: LocalTime(text: "06:00")!))
        #expect(before.map(\.customerName) == ["Late Booker"])
        let progress = try await store.deskDay.progress(desk: "TS", date: day)
        #expect(progress.total == 3 && progress.served == 1 && progress.waiting == 1 && progress.noShow == 1)
        #expect(progress.expected == 0 && progress.called == 0)
    }

    @Test(arguments: TestDatabase.engines)
    func eachProductWaitsInItsOwnQueue(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let booked = ManualClock(date: "2022-06-01").now
            let arrival = ManualClock(date: "2022-06-02", time: "08:50").now
            let bio = try await book(store, "20220602-0900-bio", "Bio One", now: booked)
            let bio2 = try await book(store, "20220602-0910-bio", "Bio Two", now: booked)
            let doc = try await book(store, "20220602-0930-doc", "Doc One", product: "DOC", now: booked)
            var tickets: [String] = []
            for (index, appointment) in [doc, bio, bio2].enumerated() {
                let item = try await store.deskDay.checkIn(
                    code: appointment.code!, desk: "TS", date: day, queues: Self.queues, staff: "s1",
                    now: arrival.addingTimeInterval(Double(index) * 60))
                tickets.append(item.visit?.ticket?.description ?? "")
            }
            // Numbered per queue: the first document customer is D001 though they came first of all.
            #expect(tickets == ["D001", "B001", "B002"])
            #expect(
                try await store.deskDay.waitingTickets(desk: "TS", date: day, limit: 3).map(\.description) == [
                    "B001", "B002", "D001",
                ])
            // A document counter calls the document customer, though biometrics come earlier in the day.
            let atDocuments = try await store.deskDay.callNext(
                desk: "TS", date: day, counter: "7", queues: ["D"], staff: "s1", now: arrival.addingTimeInterval(600))
            #expect(atDocuments?.appointment.id == doc.id)
            #expect(
                try await store.deskDay.callNext(
                    desk: "TS", date: day, counter: "7", queues: ["D"], staff: "s1",
                    now: arrival.addingTimeInterval(700))
                    == nil)
            // A counter for every queue calls the earliest appointment.
            let atAny = try await store.deskDay.callNext(
                desk: "TS", date: day, counter: "2", queues: [], staff: "s1", now: arrival.addingTimeInterval(800))
            #expect(atAny?.appointment.id == bio.id && atAny?.visit?.ticket?.description == "B001")
            // A visit checked in before queues had letters (or by the previous release) is in every queue.
            try await store.database.transaction { db in
                try await db.raw(
                    "UPDATE visits SET queue = NULL, queue_number = NULL WHERE appointment_id = \(bind: bio2.id)"
                ).run()
            }
            let unlettered = try await store.deskDay.callNext(
                desk: "TS", date: day, counter: "7", queues: ["D"], staff: "s1", now: arrival.addingTimeInterval(900))
            #expect(unlettered?.appointment.id == bio2.id && unlettered?.visit?.ticket?.queue == nil)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func whoAskedIsEmailedOnceWhenAmongTheNextThree(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let deskDay = DeskDayStore(database: store.database, outbox: OutboxSettings(reminderLead: nil))
            let outbox = OutboxStore(database: store.database)
            let booked = ManualClock(date: "2022-06-01").now
            let arrival = ManualClock(date: "2022-06-02", time: "08:50").now
            var ids: [String] = []
            for (index, time) in ["0900", "0910", "0920", "0930", "0940"].enumerated() {
                let appointment = try await book(store, "20220602-\(time)-bio", "Person \(index)", now: booked)
                // The last three ask to be told; they may wait outside.
                _ = try await deskDay.checkIn(
                    code: appointment.code!, desk: "TS", date: day, queues: Self.queues, notifySoon: index >= 2,
                    staff: "s1", now: arrival)
                ids.append(appointment.id)
            }
            // The messages written since the last look, sent as a dispatcher would.
            func told(at now: Date) async throws -> [String] {
                let claimed = try await outbox.claimDueMessages(now: now, kinds: [.turnSoon])
                for message in claimed { try await outbox.markSent(message, now: now) }
                return claimed.map(\.appointmentID)
            }
            // The clerk's list shows who asked.
            let asked = try await deskDay.agenda(desk: "TS", date: day).filter { $0.visit?.notifySoon == true }
            #expect(asked.map(\.appointment.id) == Array(ids[2...]))
            // Person 2 checked in third in line: told at once. 3 and 4 are further back.
            #expect(try await told(at: arrival.addingTimeInterval(1)) == [ids[2]])
            let (recipient, ticket) = try #require(try await outbox.turnSoonRecipient(appointment: ids[2], today: day))
            #expect(ticket.description == "B003" && recipient.email == "x@example.nl")
            #expect(try await outbox.turnSoonRecipient(appointment: ids[2], today: day.adding(days: 1)) == nil)
            // The first is called: the next three are persons 1, 2 and 3; 3 is told now.
            _ = try await deskDay.callNext(
                desk: "TS", date: day, counter: "1", queues: ["B"], staff: "s1", now: arrival.addingTimeInterval(600))
            #expect(try await told(at: arrival.addingTimeInterval(601)) == [ids[3]])
            // The next call brings person 4 up; nobody is told twice.
            _ = try await deskDay.callNext(
                desk: "TS", date: day, counter: "1", queues: [], staff: "s1", now: arrival.addingTimeInterval(1200))
            #expect(try await told(at: arrival.addingTimeInterval(1201)) == [ids[4]])
            // Called before the email went, it is moot.
            _ = try await deskDay.callNext(
                desk: "TS", date: day, counter: "1", queues: [], staff: "s1", now: arrival.addingTimeInterval(1300))
            #expect(try await outbox.turnSoonRecipient(appointment: ids[2], today: day) == nil)
        }
    }
}

import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import SQLKit
import Testing

/// The desk day's tables (`DeskDayStore`: visits, ticket and queue counters) and its reads, on a
/// real SQLite file and a real PostgreSQL server: what each table operation writes and reads back,
/// that a call or an end is written only in the state it was read in, how tickets count, the order
/// of the line, and what the agenda and the day's progress list. The use cases on top are tested
/// in LoketAppTests (`DeskDayTests`).
@Suite(.timeLimit(.minutes(3))) struct DeskDayStoreTests {
    let rules = BookingRules(network: TestNetwork.network)
    /// The day at the desk; every appointment is booked the day before.
    static let day = LocalDate(iso: "2022-06-02")!

    /// The instant of `time` on the day at the desk.
    static func at(_ time: String) -> Date { ManualClock(date: "2022-06-02", time: time).now }

    /// A visit at TS on the day, its times given as times of the day.
    static func visit(
        _ id: String, _ state: Visit.State, ticket: Ticket? = nil, checkedIn: String? = nil, called: String? = nil,
        counter: String? = nil, ended: String? = nil, notifySoon: Bool = false
    ) -> Visit {
        Visit(
            appointmentID: id, desk: "TS", date: day, ticket: ticket, state: state, checkedInAt: checkedIn.map(at),
            calledAt: called.map(at), counter: counter, endedAt: ended.map(at), notifySoon: notifySoon)
    }

    /// Books `slot` at TS for `name` (their own V-number) on 2022-06-01.
    func book(
        _ store: Stores, _ slot: String, _ name: String, product: String = "BIO"
    ) async throws
        -> ConfirmedBooking
    {
        let now = ManualClock(date: "2022-06-01").now
        let plan = try rules.planHold(desk: "TS", product: product, persons: 1, slot: slot, now: now)
        let held = try await store.hold(plan, now: now)
        let customer = try Customer.validated(
            name: name, email: "x@example.nl", phone: nil, vNumber: TestPeople.vNumber(name), bsn: nil, language: "nl")
        return try await store.confirm(hold: held.hold.id, holdToken: held.token, customer: customer, now: now)
    }

    /// Checks `appointment` in at `time` with the next ticket of `queue`, as the check-in use case
    /// does; returns the desk-wide ticket.
    @discardableResult
    func checkIn(
        _ store: Stores, _ appointment: Appointment, queue: String = "B", notifySoon: Bool = false, at time: String
    ) async throws -> Int {
        let (code, now) = (try #require(appointment.code), Self.at(time))
        return try await store.database.write { tx in
            var item = try #require(try await DeskDayStore.appointment(code: code, desk: "TS", date: Self.day, in: tx))
            let (ticket, number) = try await DeskDayStore.nextTicket(desk: "TS", date: Self.day, queue: queue, in: tx)
            try item.checkIn(ticket: Ticket(queue: queue, number: number), today: Self.day, now: now)
            try await DeskDayStore.checkedIn(item.visit!, ticket: ticket, notifySoon: notifySoon, now: now, in: tx)
            return ticket
        }
    }

    /// Calls appointment `id` to `counter` at `time`, as the call use case does once it chose them.
    @discardableResult
    func call(_ store: Stores, _ id: String, counter: String, at time: String) async throws -> Bool {
        let now = Self.at(time)
        return try await store.database.write { tx in
            var item = try #require(try await DeskDayStore.agendaItem(id: id, in: tx))
            try item.call(counter: counter, now: now)
            return try await DeskDayStore.called(item.visit!, staff: "s1", now: now, in: tx)
        }
    }

    /// Ends the visit of appointment `id` at `time` (served, or a no-show), as the use case does.
    @discardableResult
    func end(_ store: Stores, _ id: String, served: Bool, at time: String) async throws -> Bool {
        let now = Self.at(time)
        return try await store.database.write { tx in
            let read = try #require(try await DeskDayStore.agendaItem(id: id, in: tx))
            var ended = read
            if served { try ended.serve(now: now) } else { try ended.markNoShow(now: now) }
            return try await DeskDayStore.ended(ended.visit!, readIn: read.visit?.state, staff: "s1", in: tx)
        }
    }

    /// The visit of appointment `id` as the agenda reads it.
    func stored(_ store: Stores, _ id: String) async throws -> Visit? {
        try await store.database.write { tx in try await DeskDayStore.agendaItem(id: id, in: tx)?.visit }
    }

    /// An appointment is found by its code only at its own desk, on its own day and while
    /// confirmed; a check-in is read back with every field, and a second one changes nothing.
    @Test(arguments: TestDatabase.engines)
    func aCheckInIsFoundByCodeAndReadBack(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let ana = try await book(store, "20220602-0900-bio", "Ana").appointment
            let gone = try await book(store, "20220602-0910-bio", "Bo")
            try await store.cancel(
                id: gone.appointment.id, token: gone.manageToken, now: ManualClock(date: "2022-06-01").now,
                today: LocalDate(iso: "2022-06-01")!)
            let lookups: [(code: String?, desk: String, date: String, found: String?)] = [
                (ana.code, "TS", "2022-06-02", ana.id),
                (ana.code, "OLD", "2022-06-02", nil),
                (ana.code, "TS", "2022-06-03", nil),
                ("AAAA-0000", "TS", "2022-06-02", nil),
                (gone.appointment.code, "TS", "2022-06-02", nil),
            ]
            for lookup in lookups {
                let (code, date) = (try #require(lookup.code), LocalDate(iso: lookup.date)!)
                let item = try await store.database.write { tx in
                    try await DeskDayStore.appointment(code: code, desk: lookup.desk, date: date, in: tx)
                }
                #expect(item?.appointment.id == lookup.found, "\(lookup.desk) \(lookup.date)")
                #expect(item?.visit == nil)
            }
            #expect(try await checkIn(store, ana, notifySoon: true, at: "08:50") == 1)
            let expected = Self.visit(
                ana.id, .waiting, ticket: Ticket(queue: "B", number: 1), checkedIn: "08:50", notifySoon: true)
            #expect(try await stored(store, ana.id) == expected)
            let item = try await store.database.write { tx in
                try await DeskDayStore.appointment(code: ana.code!, desk: "TS", date: Self.day, in: tx)
            }
            #expect(item?.customerName == "Ana" && item?.visit == expected)
            // A second check-in of a visit with a ticket is not written.
            let again = Self.visit(ana.id, .waiting, ticket: Ticket(queue: "D", number: 7), checkedIn: "08:55")
            try await store.database.write { tx in
                try await DeskDayStore.checkedIn(again, ticket: 7, notifySoon: false, now: Self.at("08:55"), in: tx)
            }
            #expect(try await stored(store, ana.id) == expected)
            #expect(
                try await store.database.write { tx in try await DeskDayStore.agendaItem(id: "none", in: tx) } == nil)
        }
    }

    /// The desk-wide ticket counts up per desk and day, the queue's number per desk, day and
    /// queue, each from 1.
    @Test(arguments: TestDatabase.engines)
    func ticketsCountUpPerDeskDayAndQueue(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let draws: [(desk: String, date: String, queue: String, ticket: Int, number: Int)] = [
                ("TS", "2022-06-02", "B", 1, 1),
                ("TS", "2022-06-02", "B", 2, 2),
                ("TS", "2022-06-02", "D", 3, 1),
                ("TS", "2022-06-02", "B", 4, 3),
                ("TS", "2022-06-03", "B", 1, 1),
                ("OLD", "2022-06-02", "D", 1, 1),
                ("TS", "2022-06-02", "D", 5, 2),
            ]
            for draw in draws {
                let date = LocalDate(iso: draw.date)!
                let drawn = try await store.database.write { tx in
                    try await DeskDayStore.nextTicket(desk: draw.desk, date: date, queue: draw.queue, in: tx)
                }
                #expect(
                    drawn.ticket == draw.ticket && drawn.number == draw.number,
                    "\(draw.desk) \(draw.date) \(draw.queue)")
            }
        }
    }

    /// A call is written only while the visit waits and an end only in the state it was read in;
    /// otherwise each reports false and the visit stays as it was. A no-show marked before they
    /// came is replaced by their late check-in.
    @Test(arguments: TestDatabase.engines)
    func aCallOrAnEndIsWrittenOnlyInTheStateItWasReadIn(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let ana = try await book(store, "20220602-0900-bio", "Ana").appointment
            let bo = try await book(store, "20220602-0910-bio", "Bo").appointment
            try await checkIn(store, ana, at: "08:50")
            // Two clerks call Ana from the same read: only the first call is written.
            let calls = try await store.database.write { tx in
                let read = try #require(try await DeskDayStore.agendaItem(id: ana.id, in: tx))
                var (atFour, atFive) = (read, read)
                try atFour.call(counter: "4", now: Self.at("09:00"))
                try atFive.call(counter: "5", now: Self.at("09:01"))
                return [
                    try await DeskDayStore.called(atFour.visit!, staff: "s1", now: Self.at("09:00"), in: tx),
                    try await DeskDayStore.called(atFive.visit!, staff: "s2", now: Self.at("09:01"), in: tx),
                ]
            }
            #expect(calls == [true, false])
            // Bo has not arrived: there is no visit to call.
            let unarrived = Self.visit(bo.id, .called, called: "09:02", counter: "4")
            #expect(
                try await store.database.write { tx in
                    try await DeskDayStore.called(unarrived, staff: "s1", now: Self.at("09:02"), in: tx)
                } == false)
            #expect(try await stored(store, bo.id) == nil)
            // Ended as read waiting (but called), as read called, and again as read called.
            let b1 = Ticket(queue: "B", number: 1)
            let served = Self.visit(
                ana.id, .served, ticket: b1, checkedIn: "08:50", called: "09:00", counter: "4", ended: "09:20")
            let noShow = Self.visit(
                ana.id, .noShow, ticket: b1, checkedIn: "08:50", called: "09:00", counter: "4", ended: "09:30")
            // Bo never came: a no-show inserts a visit without a ticket, once.
            let (absent, absentAgain) = (
                Self.visit(bo.id, .noShow, ended: "09:40"), Self.visit(bo.id, .noShow, ended: "09:45")
            )
            let ends = try await store.database.write { tx in
                [
                    try await DeskDayStore.ended(served, readIn: .waiting, staff: "s1", in: tx),
                    try await DeskDayStore.ended(served, readIn: .called, staff: "s1", in: tx),
                    try await DeskDayStore.ended(noShow, readIn: .called, staff: "s1", in: tx),
                    try await DeskDayStore.ended(absent, readIn: nil, staff: "s1", in: tx),
                    try await DeskDayStore.ended(absentAgain, readIn: nil, staff: "s2", in: tx),
                ]
            }
            #expect(ends == [false, true, false, true, false])
            #expect(try await stored(store, ana.id) == served)
            #expect(try await stored(store, bo.id) == absent)
            // Arriving late after all, Bo's check-in replaces the no-show: ticket, state and arrival are written.
            #expect(try await checkIn(store, bo, at: "09:50") == 2)
            let late = try await stored(store, bo.id)
            #expect(late?.ticket == Ticket(queue: "B", number: 2) && late?.state == .waiting)
            #expect(late?.checkedInAt == Self.at("09:50"))
            // The no-show's end is cleared (it used to stay: a waiting visit read as ended at 09:40).
            #expect(late == Self.visit(bo.id, .waiting, ticket: Ticket(queue: "B", number: 2), checkedIn: "09:50"))
        }
    }

    /// The line is called by appointment time, then arrival: `firstWaiting` within the queues
    /// asked (an unlettered visit is in every queue) and `waitingTickets` in that order, and
    /// `recentCalls` newest call first, whatever became of the visit since.
    @Test(arguments: TestDatabase.engines)
    func theLineIsInAppointmentOrderThenArrival(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let ana = try await book(store, "20220602-0900-bio", "Ana").appointment
            let bo = try await book(store, "20220602-0900-bio", "Bo").appointment
            let cas = try await book(store, "20220602-0910-bio", "Cas").appointment
            let dee = try await book(store, "20220602-0930-doc", "Dee", product: "DOC").appointment
            // Bo came before Ana for the same time; Cas came last of all, after Dee.
            try await checkIn(store, bo, at: "08:40")
            try await checkIn(store, dee, queue: "D", at: "08:45")
            try await checkIn(store, ana, at: "08:46")
            try await checkIn(store, cas, at: "08:50")
            func first(_ queues: Set<String>) async throws -> String? {
                try await store.database.write { tx in
                    try await DeskDayStore.firstWaiting(desk: "TS", date: Self.day, queues: queues, in: tx)
                }
            }
            let firsts: [(queues: Set<String>, first: String?)] = [
                ([], bo.id), (["B"], bo.id), (["D"], dee.id), (["D", "X"], dee.id), (["X"], nil),
            ]
            for example in firsts { #expect(try await first(example.queues) == example.first, "\(example.queues)") }
            let b1 = Ticket(queue: "B", number: 1)
            let (b2, b3, d1) = (
                Ticket(queue: "B", number: 2), Ticket(queue: "B", number: 3), Ticket(queue: "D", number: 1)
            )
            #expect(try await store.deskDay.waitingTickets(desk: "TS", date: Self.day, limit: 10) == [b1, b2, b3, d1])
            #expect(try await store.deskDay.waitingTickets(desk: "TS", date: Self.day, limit: 2) == [b1, b2])
            #expect(try await store.deskDay.waitingTickets(desk: "OLD", date: Self.day, limit: 10).isEmpty)
            #expect(try await store.deskDay.recentCalls(desk: "TS", date: Self.day).isEmpty)

            try await call(store, bo.id, counter: "1", at: "09:00")
            try await call(store, dee.id, counter: "2", at: "09:01")
            try await call(store, ana.id, counter: "1", at: "09:02")
            try await end(store, bo.id, served: true, at: "09:10")
            let calls = try await store.deskDay.recentCalls(desk: "TS", date: Self.day)
            #expect(calls.map(\.ticket) == [b2, d1, b1] && calls.map(\.counter) == ["1", "2", "1"])
            #expect(calls.map(\.calledAt) == [Self.at("09:02"), Self.at("09:01"), Self.at("09:00")])
            #expect(
                try await store.deskDay.recentCalls(desk: "TS", date: Self.day, limit: 2).map(\.ticket) == [b2, d1])
            let nextDay = LocalDate(iso: "2022-06-03")!
            #expect(try await store.deskDay.recentCalls(desk: "TS", date: nextDay).isEmpty)
            #expect(try await store.deskDay.waitingTickets(desk: "TS", date: Self.day, limit: 10) == [b3])
            #expect(try await first(["D"]) == nil)
            // Checked in before queues had letters, Cas shows the desk-wide ticket and is in every queue.
            try await store.database.session { db in
                try await db.raw(
                    "UPDATE visits SET queue = NULL, queue_number = NULL WHERE appointment_id = \(bind: cas.id)"
                )
                .run()
            }
            let unlettered = [Ticket(queue: nil, number: 4)]
            #expect(try await store.deskDay.waitingTickets(desk: "TS", date: Self.day, limit: 10) == unlettered)
            #expect(try await first(["D"]) == cas.id)
        }
    }

    /// Whoever asked for the "your turn soon" email is claimed once, when among the first three
    /// waiting in their own queue.
    @Test(arguments: TestDatabase.engines)
    func whoAskedIsClaimedOnceAmongTheFirstThreeOfTheirQueue(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            // Five biometrics customers, of whom the first and the fourth asked; one document customer who asked.
            var ids: [String] = []
            for (index, time) in ["0900", "0910", "0920", "0930", "0940"].enumerated() {
                let appointment = try await book(store, "20220602-\(time)-bio", "Person \(index)").appointment
                try await checkIn(store, appointment, notifySoon: [0, 3].contains(index), at: "08:5\(index)")
                ids.append(appointment.id)
            }
            let dee = try await book(store, "20220602-0930-doc", "Dee", product: "DOC").appointment
            try await checkIn(store, dee, queue: "D", notifySoon: true, at: "08:55")
            func claim(_ queue: String, on date: LocalDate = Self.day, at time: String) async throws -> [String] {
                let now = Self.at(time)
                return try await store.database.write { tx in
                    try await DeskDayStore.turnSoon(desk: "TS", date: date, queue: queue, now: now, in: tx)
                }
            }
            #expect(try await claim("B", on: LocalDate(iso: "2022-06-03")!, at: "08:56").isEmpty)
            #expect(try await claim("B", at: "08:56") == [ids[0]])
            #expect(try await claim("B", at: "08:57").isEmpty)
            #expect(try await claim("D", at: "08:57") == [dee.id])
            // Person 0 is called: persons 1, 2 and 3 are the first three now.
            try await call(store, ids[0], counter: "1", at: "09:00")
            #expect(try await claim("B", at: "09:00") == [ids[3]])
            // Person 1 is called: person 4 comes up, but did not ask.
            try await call(store, ids[1], counter: "1", at: "09:10")
            #expect(try await claim("B", at: "09:10").isEmpty)
            let asked = try await store.deskDay.agenda(desk: "TS", date: Self.day).filter {
                $0.visit?.notifySoon == true
            }
            // (Persons 3 and Dee share 9:30, booked at one moment of the manual clock: the
            // agenda's order between them is its last tie-break, the random id.)
            #expect(Set(asked.map(\.appointment.id)) == [ids[0], ids[3], dee.id])
        }
    }

    /// A window lists the confirmed appointments that start in it and whoever waits or is at a
    /// counter whatever their time; the whole day and a range of days list every confirmed
    /// appointment; the progress counts the day's confirmed appointments by visit state.
    @Test(arguments: TestDatabase.engines)
    func theAgendaListsItsWindowAndTheProgressCountsTheDay(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            var booked: [String: ConfirmedBooking] = [:]
            let bookings = [
                ("0900", "Ana"), ("1000", "Bo"), ("1010", "Fem"), ("1150", "Cas"), ("1200", "Dee"), ("1300", "Eva"),
                ("1400", "Xan"),
            ]
            for (time, name) in bookings { booked[name] = try await book(store, "20220602-\(time)-bio", name) }
            let yus = try await book(store, "20220603-0900-bio", "Yus")
            let id = { (name: String) in booked[name]!.appointment.id }
            try await store.cancel(
                id: id("Xan"), token: booked["Xan"]!.manageToken, now: ManualClock(date: "2022-06-01").now,
                today: LocalDate(iso: "2022-06-01")!)
            // Ana is at a counter, Cas was served, Dee never came, Eva waits; Bo and Fem are expected.
            try await checkIn(store, booked["Ana"]!.appointment, at: "08:50")
            try await call(store, id("Ana"), counter: "1", at: "09:00")
            try await checkIn(store, booked["Cas"]!.appointment, at: "11:40")
            try await call(store, id("Cas"), counter: "2", at: "11:50")
            try await end(store, id("Cas"), served: true, at: "12:00")
            try await end(store, id("Dee"), served: false, at: "12:10")
            try await checkIn(store, booked["Eva"]!.appointment, at: "12:50")

            let windows: [(from: String, names: [String])] = [
                ("09:00", ["Ana", "Bo", "Fem", "Cas", "Eva"]),
                ("12:00", ["Ana", "Dee", "Eva"]),
                ("15:00", ["Ana", "Eva"]),
            ]
            for window in windows {
                let listed = try await store.deskDay.agenda(
                    desk: "TS", date: Self.day, window: AgendaWindow(from: LocalTime(text: window.from)!))
                #expect(listed.map(\.customerName) == window.names, "from \(window.from)")
            }
            let day = try await store.deskDay.agenda(desk: "TS", date: Self.day, window: .wholeDay)
            #expect(day.map(\.customerName) == ["Ana", "Bo", "Fem", "Cas", "Dee", "Eva"])
            #expect(day.map { $0.visit?.state } == [.called, nil, nil, .served, .noShow, .waiting])
            #expect(try await store.deskDay.agenda(desk: "TS", date: Self.day) == day)
            let twoDays = try await store.deskDay.agenda(desk: "TS", dates: Self.day...LocalDate(iso: "2022-06-03")!)
            #expect(twoDays.map(\.appointment.id) == day.map(\.appointment.id) + [yus.appointment.id])
            #expect(try await store.deskDay.agenda(desk: "OLD", date: Self.day).isEmpty)

            let progress = try await store.deskDay.progress(desk: "TS", date: Self.day)
            let counts: [Int] = [
                progress.expected, progress.waiting, progress.called, progress.served, progress.noShow,
            ]
            #expect(counts == [2, 1, 1, 1, 1])
            #expect(progress.total == 6)
            let nextDay = try await store.deskDay.progress(desk: "TS", date: LocalDate(iso: "2022-06-03")!)
            #expect(nextDay.expected == 1 && nextDay.total == 1)
            #expect(try await store.deskDay.progress(desk: "OLD", date: Self.day).total == 0)
        }
    }
}

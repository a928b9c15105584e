import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import SQLKit
import Testing

@testable import LoketApp

/// Keeping less personal data (issue #10), through the use cases every channel calls: a BSN is
/// checked and dropped, each staff action leaves an audit line without customer data, and the
/// daily purge erases what is past its retention.
@Suite(.timeLimit(.minutes(3))) struct PersonalDataTests {
    static let bsn = "111222333"

    /// Every stored value of `table`, as text, for looking for something that must not be there.
    func dump(_ database: Database, _ table: String) async throws -> String {
        try await database.session { db in
            try await db.raw("SELECT * FROM \(unsafeRaw: table)").all().map { row in
                row.allColumns.map { (try? row.decode(column: $0, as: String?.self)) ?? nil }.compactMap { $0 }
                    .joined(separator: "|")
            }.joined(separator: "\n")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aBSNGivenAtBookingOrOnTheWaitlistIsNotStored(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine) { server, api in
            let hold = try await api.post(
                "/api/v1/holds", #"{"desk":"TS","product":"BIO","persons":1,"slot":"20220602-0900-bio"}"#)
            let customer =
                #"{"name":"Ana Silva","email":"ana@example.nl","vNumber":"1234567890","bsn":"\#(Self.bsn)","language":"en"}"#
            let booked = try await api.post(
                "/api/v1/appointments",
                #"{"hold":"\#(hold.json["id"] as! String)","holdToken":"\#(hold.json["token"] as! String)","customer":\#(customer)}"#
            )
            #expect(booked.status == 201, "\(booked.body)")
            // Another person: Ana herself has a live booking now, so she cannot wait as well.
            let joined = try await api.post(
                "/api/v1/waitlist",
                #"{"desks":["TS"],"product":"BIO","persons":1,"from":"2022-06-03","to":"2022-06-10","customer":\#(customer.replacingOccurrences(of: "1234567890", with: "1234567891"))}"#
            )
            #expect(joined.status == 201, "\(joined.body)")
            for table in ["appointments", "waitlist"] {
                let stored = try await dump(server.database, table)
                #expect(stored.contains("ana@example.nl"), "the row is there")
                #expect(!stored.contains(Self.bsn), "no BSN in \(table)")
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func everyStaffActionIsAudited(engine: TestDatabase.Engine) async throws {
        let clock = ManualClock(date: "2022-06-01", time: "07:00")
        try await TestServer.run(
            engine: engine, network: TestNetwork.single(counters: 4, urgentShare: 0.5), clock: clock
        ) { server, api in
            let loket = server.loket
            func book(_ slot: String, _ name: String) async throws -> Appointment {
                let hold = try await api.post(
                    "/api/v1/holds", #"{"desk":"RACE","product":"BIO","persons":1,"slot":"\#(slot)"}"#)
                let booked = try await api.post(
                    "/api/v1/appointments",
                    #"{"hold":"\#(hold.json["id"] as! String)","holdToken":"\#(hold.json["token"] as! String)","customer":{"name":"\#(name)","email":"x@example.nl","vNumber":"\#(TestPeople.vNumber(name))"}}"#
                )
                return try #require(
                    try await loket.deskDay.agenda(desk: "RACE").first {
                        $0.appointment.id == booked.json["id"] as? String
                    }?
                    .appointment)
            }
            // A minute between actions, so that the log's order is the order they happened in.
            func next() { clock.advance(minutes: 1) }
            let served = try await book("20220601-0900-one", "Served Customer")
            let absent = try await book("20220601-0910-one", "Absent Customer")
            let admin = try await loket.staff.createStaff(
                username: "beheer", password: "correct horse battery", role: .admin, desk: nil, by: nil)
            next()
            let clerk = try await loket.staff.createStaff(
                username: "balie", password: "correct horse battery", role: .clerk, desk: "RACE", by: admin.id)
            next()
            try await loket.staff.updateStaff(id: clerk.id, role: .clerk, desk: "RACE", active: false, by: admin.id)
            next()
            try await loket.staff.updateStaff(
                id: clerk.id, role: .clerk, desk: "RACE", active: false, password: "another long password", by: admin.id
            )
            next()
            guard
                case .signedIn = try await loket.staff.signIn(
                    username: "beheer", password: "correct horse battery", client: "127.0.0.1")
            else {
                Issue.record("the admin signs in")
                return
            }
            next()
            _ = try await loket.deskDay.checkIn(code: served.code!, desk: "RACE", staff: admin.id)
            next()
            _ = try await loket.deskDay.callNext(desk: "RACE", counter: "3", staff: admin.id)
            next()
            _ = try await loket.deskDay.finishVisit(
                appointment: served.id, desk: "RACE", outcome: .served, staff: admin.id)
            clock.advance(minutes: 150)
            _ = try await loket.deskDay.finishVisit(
                appointment: absent.id, desk: "RACE", outcome: .noShow, staff: admin.id)
            next()
            let urgent = try await loket.booking.bookUrgent(
                desk: "RACE", product: "BIO", persons: 1, slot: "20220608-0900-one",
                customer: Customer.validated(
                    name: "Urgent Customer", email: "u@example.nl", phone: nil,
                    vNumber: TestPeople.vNumber("Urgent Customer"), bsn: nil, language: "nl"),
                reason: .other, note: "a note about the person", staff: admin.id)
            next()
            let change = try await loket.deskDay.addDeskChange(
                .closure(
                    Closure(
                        from: LocalDate(iso: "2022-06-20")!, until: LocalDate(iso: "2022-06-20")!, reason: "Training")),
                desk: "RACE", staff: admin.id)
            next()
            try await loket.deskDay.removeDeskChange(id: change.id, desk: "RACE", staff: admin.id)

            let log = try await loket.staff.auditEntries(since: .distantPast)
            let lines = log.map {
                [
                    $0.username ?? "-", $0.entry.action.rawValue, $0.entry.target ?? "-", $0.entry.desk ?? "-",
                    $0.entry.detail ?? "-",
                ]
            }
            #expect(
                lines == [
                    ["-", "staff.create", admin.id, "-", "admin"],
                    ["beheer", "staff.create", clerk.id, "RACE", "clerk"],
                    ["beheer", "staff.update", clerk.id, "RACE", "clerk, inactive"],
                    ["beheer", "staff.password-reset", clerk.id, "-", "-"],
                    ["beheer", "staff.sign-in", admin.id, "-", "-"],
                    ["beheer", "visit.check-in", served.id, "RACE", "-"],
                    ["beheer", "visit.call", served.id, "RACE", "counter 3"],
                    ["beheer", "visit.served", served.id, "RACE", "-"],
                    ["beheer", "visit.no-show", absent.id, "RACE", "-"],
                    ["beheer", "appointment.urgent-booking", urgent.appointment.id, "RACE", "other"],
                    ["beheer", "desk-change.add", change.id, "RACE", "-"],
                    ["beheer", "desk-change.remove", change.id, "RACE", "-"],
                ])
            // Ids and codes only: no customer's name, email or note.
            let stored = try await dump(server.database, "audit_log")
            for personal in ["Customer", "example.nl", "a note"] { #expect(!stored.contains(personal)) }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func theDailyPurgeRunsOnceADayOnTheInjectedClock(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine) { server, api in
            let hold = try await api.post(
                "/api/v1/holds", #"{"desk":"TS","product":"BIO","persons":1,"slot":"20220602-0900-bio"}"#)
            let booked = try await api.post(
                "/api/v1/appointments",
                #"{"hold":"\#(hold.json["id"] as! String)","holdToken":"\#(hold.json["token"] as! String)","customer":\#(BookingAPITests.customer)}"#
            )
            let id = booked.json["id"] as! String
            let purger = Purger(loket: server.loket)
            func name() async throws -> String {
                try await server.database.session { db in
                    try await db.raw("SELECT customer_name FROM appointments WHERE id = \(bind: id)").first()!
                        .decode(column: "customer_name", as: String.self)
                }
            }

            // At start: nothing is old enough yet.
            let started = try await purger.purgeIfNewDay(after: nil)
            #expect(started == LocalDate(iso: "2022-06-01"))
            #expect(try await name() == "Ana Silva")
            // 92 days on, the appointment of 2 June is past the 90 days; on a day already
            // purged the purger waits for the next.
            server.clock.advance(minutes: 92 * 24 * 60)
            let today = server.loket.today
            #expect(try await purger.purgeIfNewDay(after: today) == today)
            #expect(try await name() == "Ana Silva")
            #expect(try await purger.purgeIfNewDay(after: started) == today)
            #expect(try await name() == "")
            // The customer's appointment is still there for them, without their details.
            let token = booked.json["manageToken"] as! String
            let seen = try await api.get("/api/v1/appointments/\(id)", headers: ["Authorization": "Bearer \(token)"])
            #expect(seen.status == 200 && seen.json["date"] as? String == "2022-06-02")
        }
    }
}

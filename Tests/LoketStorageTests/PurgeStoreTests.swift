import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import SQLKit
import Testing

/// The purge on both engines: personal data of appointments past the retention goes and their
/// facts stay; younger and future ones, and the audit log, are left alone; a dry run changes nothing.
@Suite(.timeLimit(.minutes(3))) struct PurgeStoreTests {
    let rules = BookingRules(network: TestNetwork.network)
    /// The purge runs on Thursday 15 September 2022 with 90 days' retention: appointments on or
    /// before 17 June, and cancellations before 17 June 10:00, are past it.
    let purgeClock = ManualClock(date: "2022-09-15", time: "10:00")
    var cutoffs: PurgeCutoffs { Retention().cutoffs(now: purgeClock.now, timeZone: DeskTime.amsterdam) }

    static func customer(_ name: String) -> Customer {
        var customer = try! Customer.validated(
            name: name, email: "\(name.lowercased().replacingOccurrences(of: " ", with: "."))@example.nl",
            phone: "+31 6 1234 5678",
            vNumber: TestPeople.vNumber(name), bsn: "111222333", language: "nl")
        customer.companions = [Companion(name: name + " Jr", vNumber: TestPeople.vNumber(name + " Jr"))]
        return customer
    }

    /// Books `slot` for `name` at `time`, claiming both persons' V-numbers.
    func book(_ store: Stores, _ slot: String, _ name: String, at time: ManualClock) async throws -> ConfirmedBooking {
        let plan = try rules.planHold(desk: "TS", product: "BIO", persons: 2, slot: slot, now: time.now)
        let hold = try await store.hold(plan, now: time.now)
        let customer = Self.customer(name)
        return try await store.confirm(
            hold: hold.hold.id, holdToken: hold.token, customer: customer,
            people: { _, _ in [customer.vNumber!] + customer.companions.map(\.vNumber) }, now: time.now)
    }

    struct Row: Decodable, Equatable {
        let id: String, desk: String, product: String, date: String, startMinute: Int, state: String
        let customerName: String, customerEmail: String, customerPhone: String?, customerVNumber: String?
        let customerBsn: String?, companions: String?, urgentNote: String?, purgedAt: Int?
    }

    func rows(_ database: Database) async throws -> [String: Row] {
        try await database.session { db in
            Dictionary(
                uniqueKeysWithValues: try await db.raw("SELECT * FROM appointments").all().map {
                    let row = try $0.decode(model: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
                    return (row.id, row)
                })
        }
    }

    func count(_ database: Database, _ sql: SQLQueryString) async throws -> Int {
        try await database.session { db in try await db.raw(sql).first()!.decode(column: "n", as: Int.self) }
    }

    @Test(arguments: TestDatabase.engines)
    func erasesExactlyWhatIsPastRetention(engine: TestDatabase.Engine) async throws {
        let (database, _, drop) = try await TestDatabase.make(engine)
        do {
            try await purgeTwice(database, Stores(database))
        } catch {
            await drop()
            throw error
        }
        await drop()
    }

    func purgeTwice(_ database: Database, _ store: Stores) async throws {
        let june1 = ManualClock(date: "2022-06-01")
        // Took place 105 days before: erased. Cancelled 105 days before (for a day after the
        // cut-off): erased. Cancelled 76 days before: kept. Took place 45 days before: kept.
        let july1 = ManualClock(date: "2022-07-01")
        let old = try await book(store, "20220602-0900-bio", "Old", at: june1).appointment
        let cancelledLongAgo = try await book(store, "20220720-0900-bio", "Early Canceller", at: june1)
        try await store.cancel(
            id: cancelledLongAgo.appointment.id, token: cancelledLongAgo.manageToken, now: june1.now, today: june1.today
        )
        let recent = try await book(store, "20220801-0900-bio", "Recent", at: july1).appointment
        let cancelledLately = try await book(store, "20220803-0900-bio", "Late Canceller", at: july1)
        try await store.cancel(
            id: cancelledLately.appointment.id, token: cancelledLately.manageToken, now: july1.now, today: july1.today)
        let future = try await book(
            store, "20221003-0900-bio", "Future", at: ManualClock(date: "2022-09-14")
        ).appointment
        try await database.session { db in
            try await db.raw("UPDATE appointments SET urgent_note = 'mother in hospital' WHERE id = \(bind: old.id)")
                .run()
        }
        // Ended holds: one of yesterday morning (goes), one of this morning (stays a day).
        for (day, time) in [("2022-09-14", "08:00"), ("2022-09-15", "08:00")] {
            let clock = ManualClock(date: day, time: time)
            let plan = try rules.planHold(
                desk: "TS", product: "BIO", persons: 1, slot: "20221004-1000-bio", now: clock.now)
            _ = try await store.hold(plan, now: clock.now)
        }
        try await store.expireHolds(now: purgeClock.now)
        // Messages sent 40 and 10 days ago, and one still to send.
        for (id, sentDaysAgo) in [("sent-40", 40.0), ("sent-10", 10.0), ("pending", nil)] {
            let sent = sentDaysAgo.map { Int((purgeClock.now.timeIntervalSince1970 - $0 * 86_400) * 1000) }
            try await database.session { db in
                try await db.raw(
                    """
                    INSERT INTO outbox (id, appointment_id, kind, revision, send_after, created_at, sent_at)
                    VALUES (\(bind: id), \(bind: future.id), 'confirmation', 0, 0, 0, \(bind: sent))
                    """
                ).run()
            }
        }
        // The waitlist: one left, one waiting past its last day, one still waiting.
        let left = try await store.join(waitlist("Leaver", to: "2022-10-31"), now: purgeClock.now)
        try await store.leave(id: left.entry.id, token: left.token)
        _ = try await store.join(waitlist("Lapsed", to: "2022-09-14"), now: june1.now)
        let waiting = try await store.join(
            waitlist("Waiter", to: "2022-10-31"), now: purgeClock.now)
        // The sweeper ends an entry past its last day ('expired') before the purge runs.
        _ = try await store.join(waitlist("Expirer", to: "2022-09-10"), now: june1.now)
        try await store.endPastEntries(today: purgeClock.today)
        // Invitations: withdrawn, past its last day, and open; wrong dates of birth of yesterday and today.
        let invitations = InvitationStore(
            database: database, links: try ManageLinkKeys([String(repeating: "k", count: 40)]))
        func invite(_ vNumber: String, until: String) async throws -> Invitation {
            let request = try InvitationRequest.checked(
                product: "BIO", vNumber: vNumber, dateOfBirth: "1990-01-01", email: "a@example.nl", language: "nl",
                validUntil: until, network: TestNetwork.network, today: LocalDate(iso: "2022-06-01")!)
            return try await database.write { tx in
                try await InvitationStore.insert(request, caseSystem: "cs", now: june1.now, in: tx)
            }
        }
        let withdrawn = try await invite("1000000001", until: "2022-12-31")
        _ = try await invitations.withdraw(id: withdrawn.id, caseSystem: "cs", now: june1.now)
        _ = try await invite("1000000002", until: "2022-09-14")
        let open = try await invite("1000000003", until: "2022-09-15")
        let misses = BirthDateMisses(database: database)
        try await misses.count(["1000000003"], today: LocalDate(iso: "2022-09-14")!)
        try await misses.count(["1000000003"], today: LocalDate(iso: "2022-09-15")!)
        let audit = AuditLog(database: database)
        try await audit.append(
            AuditEntry(at: june1.now, staff: "s1", action: .checkIn, target: old.id, desk: "TS"))
        let before = try await rows(database)
        #expect(before.values.allSatisfy { $0.customerBsn == nil }, "a BSN given at booking is not stored")

        let purge = PurgeStore(database: database)
        let dryRun = try await purge.purge(cutoffs, now: purgeClock.now, dryRun: true)
        #expect(try await rows(database) == before, "a dry run changes nothing")
        var expected = PurgeReport()
        expected.appointments = 2
        expected.waitlistEntries = 3
        expected.invitations = 2
        expected.birthDateMisses = 1
        expected.liveBookings = 2 * 2 // Old's and Recent's claims, two persons each; the future stays
        expected.holds = 6 // five used by the appointments before today, one expired yesterday
        expected.messages = 1
        #expect(dryRun == expected)
        #expect(try await purge.purge(cutoffs, now: purgeClock.now, dryRun: false) == expected)

        let after = try await rows(database)
        for id in [old.id, cancelledLongAgo.appointment.id] {
            let (was, row) = (before[id]!, after[id]!)
            #expect(row.customerName.isEmpty && row.customerEmail.isEmpty)
            #expect(row.customerPhone == nil && row.customerVNumber == nil && row.companions == nil)
            #expect(row.urgentNote == nil && row.purgedAt != nil)
            // The facts planning needs stay.
            #expect(
                [row.desk, row.product, row.date, "\(row.startMinute)", row.state]
                    == [was.desk, was.product, was.date, "\(was.startMinute)", was.state])
        }
        for id in [recent.id, cancelledLately.appointment.id, future.id] { #expect(after[id] == before[id]) }
        #expect(
            try await count(
                database, "SELECT COUNT(*) AS n FROM live_bookings WHERE appointment_id = \(bind: future.id)")
                == 2)
        #expect(try await count(database, "SELECT COUNT(*) AS n FROM holds") == 1, "this morning's hold stays")
        #expect(
            try await count(database, "SELECT COUNT(*) AS n FROM outbox WHERE id IN ('sent-10', 'pending')") == 2)
        #expect(try await count(database, "SELECT COUNT(*) AS n FROM outbox WHERE kind <> 'invitation'") == 2)
        #expect(
            try await count(
                database,
                "SELECT COUNT(*) AS n FROM waitlist WHERE customer_name <> '' AND id = \(bind: waiting.entry.id)"
            ) == 1)
        #expect(try await count(database, "SELECT COUNT(*) AS n FROM waitlist WHERE customer_name = ''") == 3)
        #expect(
            try await count(database, "SELECT COUNT(*) AS n FROM invitations WHERE v_number IS NULL AND email IS NULL")
                == 2)
        #expect(try await invitations.invitation(id: open.id)?.vNumber == "1000000003", "an open invitation stays")
        #expect(try await count(database, "SELECT COUNT(*) AS n FROM birth_date_misses") == 1, "today's count stays")
        #expect(try await audit.entries(since: .distantPast).map { $0.entry.target } == [old.id], "the audit log stays")

        // Nothing is left to do the second time.
        #expect(try await purge.purge(cutoffs, now: purgeClock.now, dryRun: false) == PurgeReport())
    }

    /// The biometrics record keeps a capture as long as the policy says, then it goes; a failed
    /// delivery's reason goes with the address.
    @Test(arguments: TestDatabase.engines)
    func capturesGoAfterThePolicysTime(engine: TestDatabase.Engine) async throws {
        let (database, _, drop) = try await TestDatabase.make(engine)
        for (id, date) in [("old", "2017-03-14"), ("kept", "2017-03-15")] {
            try await database.session { db in
                try await db.raw(
                    """
                    INSERT INTO biometric_captures (id, v_number, kind, date, quality, origin, place, recorded_by, recorded_at)
                    VALUES (\(bind: id), '1234567890', 'face', \(bind: date), 'sufficient', 'desk', 'TS', 's', 0)
                    """
                ).run()
            }
        }
        var cut = cutoffs
        cut.capturesBefore = BiometricsPolicy(version: "t", rules: [:]).recordKeptSince(today: cut.today)
        #expect(cut.capturesBefore == LocalDate(iso: "2017-03-15")) // 66 months before 15 September 2022
        let report = try await PurgeStore(database: database).purge(cut, now: purgeClock.now, dryRun: false)
        #expect(report.biometricCaptures == 1)
        let left = try await database.session { db in
            try await db.raw("SELECT id FROM biometric_captures").all().map {
                try $0.decode(column: "id", as: String.self)
            }
        }
        #expect(left == ["kept"])
        await drop()
    }

    func waitlist(_ name: String, to: String) -> WaitlistRequest {
        WaitlistRequest(
            product: "BIO", persons: 1, desks: ["TS"], from: LocalDate(iso: "2022-06-02")!,
            to: LocalDate(iso: to)!, urgent: false, expiresOn: nil, customer: Self.customer(name), appointment: nil,
            people: [TestPeople.vNumber(name)])
    }
}

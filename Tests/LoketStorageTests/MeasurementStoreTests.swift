import Foundation
import LoketStorage
import LoketTestSupport
import Testing

@testable import LoketDomain

/// The measured history (`MeasurementStore`), on a real SQLite file and a real PostgreSQL
/// server: one value per day, desk, product and measure, read back in key order and filtered;
/// and the counts of a day's events that the measuring reads from the bookkeeping tables.
@Suite(.timeLimit(.minutes(3))) struct MeasurementStoreTests {
    let rules = BookingRules(network: TestNetwork.network)

    static func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    static func value(
        _ date: String, _ desk: String, _ product: String, _ measure: Measure, _ value: Double
    ) -> MeasuredValue {
        MeasuredValue(date: day(date), desk: desk, product: product, measure: measure, value: value)
    }

    static func customer(_ name: String) -> Customer {
        Customer(
            name: name, email: "\(name.lowercased())@example.nl", phone: nil, vNumber: TestPeople.vNumber(name),
            language: .en)
    }

    /// Books `slot` at TS for `name` at `now`.
    func book(_ store: Stores, _ slot: String, _ name: String, now: Date) async throws -> ConfirmedBooking {
        let plan = try rules.planHold(desk: "TS", product: "BIO", persons: 1, slot: slot, now: now)
        let held = try await store.hold(plan, now: now)
        return try await store.confirm(
            hold: held.hold.id, holdToken: held.token, customer: Self.customer(name), now: now)
    }

    /// On Wednesday 1 June: three appointments made (2, 3 and 9 June), the one of 3 June
    /// cancelled, and Fay joins the waitlist at TS (and OLD); on 31 May one more was made.
    func happenings(_ store: Stores) async throws {
        let clock = ManualClock(date: "2022-05-31")
        _ = try await book(store, "20220602-0910-bio", "Ana", now: clock.now)
        clock.set(date: "2022-06-01", time: "08:00")
        _ = try await book(store, "20220602-0900-bio", "Bo", now: clock.now)
        let cancelled = try await book(store, "20220603-0900-bio", "Cas", now: clock.now)
        _ = try await book(store, "20220609-0900-bio", "Dee", now: clock.now)
        clock.advance(minutes: 60)
        try await store.cancel(
            id: cancelled.appointment.id, token: cancelled.manageToken, now: clock.now, today: clock.today)
        _ = try await store.join(
            WaitlistRequest(
                product: "BIO", persons: 1, desks: ["TS", "OLD"], from: Self.day("2022-06-02"),
                to: Self.day("2022-06-30"), urgent: false, expiresOn: nil, customer: Self.customer("Fay"),
                appointment: nil),
            now: clock.now)
    }

    /// Values are read back ordered by desk, product, measure and date, from the dates asked
    /// for, and filtered by desk, product and measures.
    @Test(arguments: TestDatabase.engines)
    func valuesAreReadBackInKeyOrderAndFiltered(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let history = MeasurementStore(database: store.database)
            try await history.record(
                [
                    Self.value("2022-06-02", "TS", "BIO", .made, 4), Self.value("2022-06-01", "TS", "BIO", .made, 3),
                    Self.value("2022-06-01", "TS", "BIO", .waitFirstSlot, 5.5),
                    Self.value("2022-06-01", "OLD", "BIO", .made, 1),
                    Self.value("2022-06-03", "TS", "DOC", .cancelled, 1),
                ], now: ManualClock(date: "2022-06-03").now)
            let june = Self.day("2022-06-01")...Self.day("2022-06-02")
            #expect(
                try await history.measurements(dates: june) == [
                    Self.value("2022-06-01", "OLD", "BIO", .made, 1), Self.value("2022-06-01", "TS", "BIO", .made, 3),
                    Self.value("2022-06-02", "TS", "BIO", .made, 4),
                    Self.value("2022-06-01", "TS", "BIO", .waitFirstSlot, 5.5),
                ])
            #expect(try await history.measurements(dates: june, desk: "OLD").map(\.value) == [1])
            let doc = try await history.measurements(dates: june.lowerBound...Self.day("2022-06-03"), product: "DOC")
            #expect(doc == [Self.value("2022-06-03", "TS", "DOC", .cancelled, 1)])
            #expect(
                try await history.measurements(dates: june, desk: "TS", measures: [.waitFirstSlot, .cancelled])
                    == [Self.value("2022-06-01", "TS", "BIO", .waitFirstSlot, 5.5)])
            #expect(try await history.measurements(dates: Self.day("2022-06-04")...Self.day("2022-06-30")).isEmpty)
        }
    }

    /// Asking for no measures finds no values.
    @Test(arguments: TestDatabase.engines)
    func noMeasuresFindNoValues(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let history = MeasurementStore(database: store.database)
            try await history.record(
                [Self.value("2022-06-01", "TS", "BIO", .made, 3)], now: ManualClock(date: "2022-06-03").now)
            let june = Self.day("2022-06-01")...Self.day("2022-06-30")
            // `IN ()` was refused by PostgreSQL: the query threw instead of finding nothing.
            let found = try await history.measurements(dates: june, measures: [])
            #expect(found.isEmpty)
        }
    }

    /// Measuring a day again replaces its value (no second row), and the first day measured is
    /// the earliest stored.
    @Test(arguments: TestDatabase.engines)
    func measuringADayAgainReplacesItsValue(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let history = MeasurementStore(database: store.database)
            let now = ManualClock(date: "2022-06-03").now
            #expect(try await history.firstDate() == nil)
            try await history.record([], now: now)
            try await history.record([Self.value("2022-06-02", "TS", "BIO", .made, 3)], now: now)
            try await history.record(
                [Self.value("2022-06-02", "TS", "BIO", .made, 5), Self.value("2022-05-30", "TS", "BIO", .made, 1)],
                now: now)
            #expect(
                try await history.measurements(dates: Self.day("2022-05-01")...Self.day("2022-06-30")) == [
                    Self.value("2022-05-30", "TS", "BIO", .made, 1), Self.value("2022-06-02", "TS", "BIO", .made, 5),
                ])
            #expect(try await history.firstDate() == Self.day("2022-05-30"))
        }
    }

    /// A day's activity counts what was made and cancelled, who joined the waitlist (at the first
    /// desk they chose), the draw entries made and the places of the draws allocated that day;
    /// measures that count nothing are left out, and so is the day before.
    @Test(arguments: TestDatabase.engines)
    func aDaysActivityCountsItsEvents(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            try await happenings(store)
            let draws = DrawStore(database: store.database, logger: TestDatabase.logger)
            let clock = ManualClock(date: "2022-06-01", time: "10:00")
            try await draws.setMode(
                desk: "TS", product: "BIO", on: true, setBy: .manager, publishedThrough: Self.day("2022-06-07"),
                reservePublishedThrough: nil, now: clock.now)
            let mode = try #require(try await draws.modes(desk: "TS").first)
            let opening = DrawOpening(
                days: [Self.day("2022-06-08")], reserveDays: [Self.day("2022-06-03")], closesAt: clock.now,
                reserveClosesAt: clock.now, publishedThrough: Self.day("2022-06-08"),
                reservePublishedThrough: Self.day("2022-06-03"))
            let opened = try #require(
                try await draws.open(opening, places: (days: 6, reserve: 2), mode: mode, now: clock.now))
            let request = DrawStore.EntryRequest(
                persons: 1, desks: ["TS"], days: [], customer: Self.customer("Gus"), people: [TestPeople.vNumber("Gus")]
            )
            _ = try await store.database.write { tx in
                try await DrawStore.enter(opened[0], request, now: clock.now, in: tx)
            }
            for draw in opened {
                _ = try await draws.claimAllocation(draw: draw.id, seed: 1, now: clock.now)
                _ = try await draws.finish(draw: draw.id, entries: 1, drawn: 1, digest: "d", now: clock.now)
            }
            let history = MeasurementStore(database: store.database)
            let june1 = ManualClock(date: "2022-06-01", time: "00:00").now
            let june2 = ManualClock(date: "2022-06-02", time: "00:00").now
            let counted = try await history.activity(on: Self.day("2022-06-01"), start: june1, end: june2)
            #expect(
                Set(counted) == [
                    Self.value("2022-06-01", "TS", "BIO", .made, 3),
                    Self.value("2022-06-01", "TS", "BIO", .cancelled, 1),
                    Self.value("2022-06-01", "TS", "BIO", .waitlistJoined, 1),
                    Self.value("2022-06-01", "TS", "BIO", .drawEntries, 1),
                    Self.value("2022-06-01", "TS", "BIO", .drawPlaces, 8),
                ])
            let may31 = ManualClock(date: "2022-05-31", time: "00:00").now
            #expect(
                try await history.activity(on: Self.day("2022-05-31"), start: may31, end: june1) == [
                    Self.value("2022-05-31", "TS", "BIO", .made, 1)
                ])
        }
    }

    /// The waitlist's size counts an entry at every desk it waits at.
    @Test(arguments: TestDatabase.engines)
    func theWaitlistsSizeCountsEachDeskOfAnEntry(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            try await happenings(store)
            let sizes = try await MeasurementStore(database: store.database).waitlistSizes(on: Self.day("2022-06-01"))
            #expect(
                Set(sizes) == [
                    Self.value("2022-06-01", "TS", "BIO", .waitlistSize, 1),
                    Self.value("2022-06-01", "OLD", "BIO", .waitlistSize, 1),
                ])
        }
    }

    /// The recent weeks as a forecast reads them: requests per weekday and week (appointments
    /// made and waitlist entries joined), cancellations, persons per appointment, who waits, and
    /// what is booked from today on.
    @Test(arguments: TestDatabase.engines)
    func recentActivityIsCountedByTheDatabase(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            try await happenings(store)
            let start = ManualClock(date: "2022-06-01", time: "00:00").now
            let end = ManualClock(date: "2022-06-08", time: "00:00").now
            let read = try await MeasurementStore(database: store.database).recentActivity(
                today: Self.day("2022-06-08"), weeks: 1, start: start, end: end)
            var cell = RecentActivity.Cell(desk: "TS", product: "BIO", weeks: 1)
            cell.requestsByWeekday = [0, 0, 4, 0, 0, 0, 0]
            cell.requestsByWeek = [4]
            cell.booked = [Self.day("2022-06-09"): 1]
            cell.waiting = 1
            var expected = RecentActivity(today: Self.day("2022-06-08"), weeks: 1)
            expected.cells = [cell]
            expected.made = 3
            expected.cancelled = 1
            expected.personsPerAppointment = ["BIO": 1]
            #expect(read == expected)
        }
    }
}

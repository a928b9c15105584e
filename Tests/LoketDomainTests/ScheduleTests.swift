import LoketDomain
import LoketTestSupport
import Testing

struct ScheduleTests {
    let schedule = Schedule(network: TestNetwork.network)
    var desk: Desk { TestNetwork.network.desk("TS")! }
    var bio: Product { TestNetwork.network.product("BIO")! }
    var doc: Product { TestNetwork.network.product("DOC")! }

    func slots(
        _ product: Product, persons: Int = 1, on day: String, usage: UnitUsage = [:], deskCode: String = "TS"
    ) -> [Slot] {
        let date = LocalDate(iso: day)!
        return schedule.slots(
            desk: TestNetwork.network.desk(deskCode)!, product: product, persons: persons, dates: date...date,
            notBefore: (LocalDate(iso: "2021-01-01")!, LocalTime(minutes: 0)), usage: usage)
    }

    @Test(arguments: [
        // day, BIO slots, first start, last start
        ("2021-11-29", 48, "09:00", "16:50"), // Monday before the extended hours: 09:00-17:00
        ("2021-12-01", 72, "08:00", "19:50"), // extended weekday hours from December 2021
        ("2022-01-01", 0, "", ""), // New Year's Day, and a Saturday before Saturday openings
        ("2022-01-08", 24, "09:00", "12:50"), // first Saturday opening, 09:00-13:00
        ("2022-01-09", 0, "", ""), // Sunday
        ("2022-04-27", 0, "", ""), // King's Day
        ("2022-07-11", 0, "", ""), // closure
        ("2022-07-13", 72, "08:00", "19:50"),
    ])
    func bioSlots(day: String, count: Int, first: String, last: String) {
        let list = slots(bio, on: day)
        #expect(list.count == count)
        #expect((list.first?.start.text ?? "") == first)
        #expect((list.last?.start.text ?? "") == last)
        #expect(list.allSatisfy { $0.capacity == 2 && $0.available == 2 && $0.parts == 1 })
    }

    @Test func aDeskThatClosedHasNoSlotsFromItsClosingDate() {
        #expect(slots(bio, on: "2022-05-24", deskCode: "OLD").count == 48)
        #expect(slots(bio, on: "2022-05-25", deskCode: "OLD").isEmpty)
        #expect(slots(bio, on: "2022-06-01", deskCode: "OLD").isEmpty)
    }

    @Test(arguments: [(1, 1), (2, 2), (3, 3), (6, 6)])
    func partsForBiometrics(persons: Int, parts: Int) {
        let list = slots(bio, persons: persons, on: "2022-06-01")
        #expect(list.first?.parts == parts)
        // The last start leaves room for every part before closing at 20:00.
        #expect(list.last?.end.text == "20:00")
        #expect(list.count == 72 - parts + 1)
    }

    @Test(arguments: [(1, 1), (2, 1), (3, 2), (6, 3)])
    func documentsTakeFiveMinutesEach(persons: Int, parts: Int) {
        #expect(slots(doc, persons: persons, on: "2022-06-01").first?.parts == parts)
    }

    @Test func takenUnitsLowerAvailabilityAndFullUnitsDisappear() {
        let day = LocalDate(iso: "2022-06-01")!
        let usage: UnitUsage = [
            UnitKey(pool: "bio", date: day, minute: 8 * 60): 2, // 08:00 full
            UnitKey(pool: "bio", date: day, minute: 8 * 60 + 10): 1, // 08:10 one left
        ]
        let single = slots(bio, on: "2022-06-01", usage: usage)
        #expect(single.first?.start.text == "08:10")
        #expect(single.first?.available == 1)
        // A two-person booking starting 07:50 is impossible; at 08:00 it would need the full unit.
        let pair = slots(bio, persons: 2, on: "2022-06-01", usage: usage)
        #expect(pair.first?.start.text == "08:10")
        #expect(pair.first?.available == 1)
        #expect(pair.dropFirst().first?.available == 2)
    }

    @Test func slotsThatHaveStartedAreNotOffered() {
        let day = LocalDate(iso: "2022-06-01")!
        let list = schedule.slots(
            desk: desk, product: bio, persons: 1, dates: day...day,
            notBefore: (day, LocalTime(text: "12:05")!), usage: [:])
        #expect(list.first?.start.text == "12:10")
    }

    @Test func claimChecksTheKeyAgainstTheRoster() {
        let day = LocalDate(iso: "2022-06-01")!
        #expect(
            schedule.claim(
                desk: desk, product: bio, key: SlotKey(date: day, start: LocalTime(text: "08:00")!, pool: "bio"),
                parts: 2, today: day)?.units.count == 2)
        #expect(
            schedule.claim(
                desk: desk, product: bio, key: SlotKey(date: day, start: LocalTime(text: "19:50")!, pool: "bio"),
                parts: 2, today: day) == nil)
        #expect(
            schedule.claim(
                desk: desk, product: bio, key: SlotKey(date: day, start: LocalTime(text: "08:05")!, pool: "bio"),
                parts: 1, today: day) == nil)
        #expect(
            schedule.claim(
                desk: desk, product: bio, key: SlotKey(date: day, start: LocalTime(text: "09:00")!, pool: "doc"),
                parts: 1, today: day) == nil)
        #expect(
            schedule.claim(
                desk: desk, product: bio, key: SlotKey(date: day, start: LocalTime(text: "09:00")!, pool: "nope"),
                parts: 1, today: day) == nil)
    }

    @Test func slotKeysRoundTrip() {
        let key = SlotKey("20220701-0900-bio")
        #expect(key?.date.iso == "2022-07-01")
        #expect(key?.start.text == "09:00")
        #expect(key?.pool == "bio")
        #expect(key?.description == "20220701-0900-bio")
        for bad in [
            "", "20220701-0900", "2022071-0900-bio", "20220230-0900-bio", "20220701-2500-bio", "20220701-09x0-bio",
            "x-y-z",
        ] {
            #expect(SlotKey(bad) == nil, "\(bad)")
        }
    }
}

struct UrgentReserveTests {
    let network = TestNetwork.single(counters: 5, urgentShare: 0.4)
    var schedule: Schedule { Schedule(network: network) }
    var desk: Desk { network.desk("RACE")! }
    var bio: Product { network.product("BIO")! }

    func available(on day: String, today: String, urgent: Bool = false) -> Int? {
        let date = LocalDate(iso: day)!
        return schedule.slots(
            desk: desk, product: bio, persons: 1, dates: date...date,
            notBefore: (LocalDate(iso: today)!, LocalTime(minutes: 0)), usage: [:], urgent: urgent
        ).first?.available
    }

    @Test func theReserveIsHeldUntilTwoWorkingDaysAheadThenReleased() {
        // Wednesday 1 June 2022: released through Friday 3 June (two working days ahead).
        #expect(available(on: "2022-06-03", today: "2022-06-01") == 5) // released: everyone may book all 5
        // Tuesday 7 June (Whit Monday is no working day): 2 of 5 held
        #expect(available(on: "2022-06-07", today: "2022-06-01") == 3)
        #expect(available(on: "2022-06-07", today: "2022-06-01", urgent: true) == 5)
        #expect(available(on: "2022-06-07", today: "2022-06-03") == 5) // released two working days before
    }

    @Test func claimsRespectTheReserve() {
        let key = SlotKey("20220607-0900-one")!
        #expect(
            schedule.claim(desk: desk, product: bio, key: key, parts: 1, today: LocalDate(iso: "2022-06-01")!)?.capacity
                == 3)
        #expect(
            schedule.claim(
                desk: desk, product: bio, key: key, parts: 1, today: LocalDate(iso: "2022-06-01")!, urgent: true)?
                .capacity == 5)
    }
}

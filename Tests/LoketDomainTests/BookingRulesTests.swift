import Foundation
import LoketDomain
import LoketTestSupport
import Testing

struct BookingRulesTests {
    let rules = BookingRules(network: TestNetwork.network)
    /// Wednesday 1 June 2022, 10:00 in Amsterdam.
    let now = DeskTime(date: LocalDate(iso: "2022-06-01")!, time: LocalTime(text: "10:00")!).instant(
        in: DeskTime.amsterdam)

    func refusal(desk: String? = "TS", product: String? = "BIO", persons: Int? = 1, slot: String?) -> Refusal? {
        do {
            _ = try rules.planHold(desk: desk, product: product, persons: persons, slot: slot, now: now)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        // desk, product, persons, slot, field, code
        ("XX", "BIO", 1, "20220602-0900-bio", "desk", "unknown_desk"),
        ("TS", "XYZ", 1, "20220602-0900-bio", "product", "unknown_product"),
        ("OLD", "DOC", 1, "20220602-0900-bio", "product", "not_offered"),
        ("TS", "BIO", 0, "20220602-0900-bio", "persons", "out_of_range"),
        ("TS", "BIO", 7, "20220602-0900-bio", "persons", "out_of_range"),
        ("TS", "BIO", 1, "", "slot", "required"),
        ("TS", "BIO", 1, "garbage", "slot", "unknown_slot"),
        ("TS", "BIO", 1, "20220531-0900-bio", "slot", "in_past"),
        ("TS", "BIO", 1, "20220601-0950-bio", "slot", "in_past"),
        ("TS", "BIO", 1, "20220801-0900-bio", "slot", "beyond_horizon"),
        ("TS", "BIO", 1, "20220604-1500-bio", "slot", "unknown_slot"), // Saturday after 13:00
        ("TS", "BIO", 1, "20220602-0900-doc", "slot", "unknown_slot"), // a DOC pool
        ("TS", "BIO", 2, "20220602-1950-bio", "slot", "unknown_slot"), // runs past closing
    ])
    func refusesAndNamesTheField(desk: String, product: String, persons: Int, slot: String, field: String, code: String)
    {
        let error = refusal(desk: desk, product: product, persons: persons, slot: slot)
        #expect(error?.field == field)
        #expect(error?.code == code)
    }

    @Test func plansTheUnitsAndExpiry() throws {
        let plan = try rules.planHold(desk: "TS", product: "BIO", persons: 3, slot: "20220601-1010-bio", now: now)
        #expect(plan.units.map(\.minute) == [610, 620, 630])
        #expect(plan.capacity == 2)
        #expect(plan.end.text == "10:40")
        #expect(plan.expiresAt == now.addingTimeInterval(15 * 60))
    }

    @Test func slotRangeDefaultsAndChecks() throws {
        let range = try rules.slotRange(from: nil, to: nil, now: now)
        #expect(range.lowerBound.iso == "2022-06-01")
        #expect(range.upperBound.iso == "2022-07-31")
        #expect(throws: Refusal.invalid("to", "before_from", "The end date is before the start date.")) {
            try rules.slotRange(from: "2022-06-10", to: "2022-06-09", now: now)
        }
        #expect((try? rules.slotRange(from: "2022-06-31", to: nil, now: now)) == nil)
    }

    @Test func waitTimeCountsWorkingDaysToTheFirstAndThirdFreeUnit() {
        let today = LocalDate(iso: "2022-06-01")!
        let schedule = Schedule(network: TestNetwork.network)
        let desk = TestNetwork.network.desk("TS")!
        // Every unit up to and including Friday 3 June is full except one on Thursday the 2nd.
        var usage: UnitUsage = [:]
        for day in ["2022-06-01", "2022-06-02", "2022-06-03"] {
            for minute in stride(from: 480, to: 1200, by: 10) {
                usage[UnitKey(pool: "bio", date: LocalDate(iso: day)!, minute: minute)] = 2
            }
        }
        usage[UnitKey(pool: "bio", date: LocalDate(iso: "2022-06-02")!, minute: 600)] = 1
        let free = schedule.slots(
            desk: desk, product: TestNetwork.network.product("BIO")!, persons: 1, dates: today...today.adding(days: 30),
            notBefore: (today, LocalTime(minutes: 0)), usage: usage)
        let wait = WaitTime(
            desk: "TS", product: "BIO", today: today, freeSlots: free, workingDays: schedule.workingDays)
        #expect(wait.firstFreeDate?.iso == "2022-06-02")
        #expect(wait.workingDaysToFirstSlot == 1)
        // Saturday the 4th has room (2 units in its first slot): the third free unit is on a Saturday, still 2 working days.
        #expect(wait.workingDaysToThirdSlot == 2)
    }
}

struct CustomerTests {
    @Test(arguments: ["111222333", "123456782", "999999990"])
    func validBSNs(bsn: String) { #expect(Customer.isValidBSN(bsn)) }

    @Test(arguments: ["111222334", "12345678", "1234567890", "000000000", "12345678a", "123456789"])
    func invalidBSNs(bsn: String) { #expect(!Customer.isValidBSN(bsn)) }

    @Test(
        arguments: [
            // name, email, phone, vNumber, bsn, language, field
            ("", "a@b.nl", nil, nil, nil, "en", "customer.name"),
            ("Ana", "", nil, nil, nil, "en", "customer.email"),
            ("Ana", "ana@", nil, nil, nil, "en", "customer.email"),
            ("Ana", "ana@example", nil, nil, nil, "en", "customer.email"),
            ("Ana", "an a@example.nl", nil, nil, nil, "en", "customer.email"),
            ("Ana", "ana@example.nl", "12", nil, nil, "en", "customer.phone"),
            ("Ana", "ana@example.nl", nil, "123456789", nil, "en", "customer.vNumber"),
            ("Ana", "ana@example.nl", nil, "12345678901", nil, "en", "customer.vNumber"),
            ("Ana", "ana@example.nl", nil, nil, "111222334", "en", "customer.bsn"),
            ("Ana", "ana@example.nl", nil, nil, nil, "de", "customer.language"),
        ] as [(String, String, String?, String?, String?, String, String)])
    func refusesAndNamesTheField(
        name: String, email: String, phone: String?, vNumber: String?, bsn: String?, language: String, field: String
    ) {
        #expect(throws: Refusal.self) {
            try Customer.validated(
                name: name, email: email, phone: phone, vNumber: vNumber, bsn: bsn, language: language)
        }
        do {
            _ = try Customer.validated(
                name: name, email: email, phone: phone, vNumber: vNumber, bsn: bsn, language: language)
        } catch {
            #expect(error.field == field)
        }
    }

    @Test func acceptsAndTrims() throws {
        let customer = try Customer.validated(
            name: "  Ana Silva ", email: "ana@example.nl", phone: "+31 6 1234 5678",
            vNumber: "1234567890", bsn: "111222333", language: "nl")
        #expect(customer.name == "Ana Silva")
        #expect(customer.language == .nl)
        #expect(
            try Customer.validated(name: "A", email: "a@b.nl", phone: "", vNumber: nil, bsn: "", language: nil).phone
                == nil)
    }

    /// A valid BSN is accepted and dropped: the customer carries no BSN to store.
    @Test func keepsNoBSN() throws {
        let customer = try Customer.validated(
            name: "Ana", email: "ana@example.nl", phone: nil, vNumber: nil, bsn: "111222333", language: "nl")
        let encoded = String(decoding: try JSONEncoder().encode(customer), as: UTF8.self)
        #expect(!encoded.contains("111222333"))
    }
}

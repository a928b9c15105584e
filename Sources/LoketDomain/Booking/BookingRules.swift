import Foundation

/// The rules that decide whether a slot list or hold request is acceptable, given the network
/// and the time now. Pure: storage applies the result.
public struct BookingRules: Sendable {
    public let network: DeskNetwork
    public let schedule: Schedule
    public let holdDuration: TimeInterval

    public init(network: DeskNetwork, holdMinutes: Int? = nil) {
        self.network = network
        self.schedule = Schedule(network: network)
        self.holdDuration = TimeInterval((holdMinutes ?? network.holdMinutes) * 60)
    }

    public var timeZone: TimeZone { DeskTime.amsterdam }

    /// The last day that can be booked from `today`.
    public func horizon(from today: LocalDate) -> LocalDate { today.adding(days: network.bookingHorizonDays) }

    public func desk(_ code: String?, field: String = "desk") throws(Refusal) -> Desk {
        guard let code, !code.isEmpty else { throw .invalid(field, "required", "Name a desk, e.g. DH.") }
        guard let desk = network.desk(code) else {
            throw Refusal(.notFound, field: field, code: "unknown_desk", "There is no desk \(code).")
        }
        return desk
    }

    public func product(_ key: String?, at desk: Desk, field: String = "product") throws(Refusal) -> Product {
        guard let key, !key.isEmpty else { throw .invalid(field, "required", "Name a product, e.g. BIO.") }
        guard let product = network.product(key) else {
            throw Refusal(.notFound, field: field, code: "unknown_product", "There is no product \(key).")
        }
        guard desk.offers(key) else {
            throw Refusal(.notFound, field: field, code: "not_offered", "Desk \(desk.code) does not offer \(key).")
        }
        return product
    }

    /// The sizes a party (aantal personen) may have: the customer and up to five companions.
    public static let partySizes = 1...6

    public func persons(_ value: Int?, field: String = "persons") throws(Refusal) -> Int {
        let persons = value ?? 1
        guard Self.partySizes.contains(persons) else {
            throw .invalid(field, "out_of_range", "An appointment is for 1 to 6 persons.")
        }
        return persons
    }

    /// Parses and checks a date a customer may book on: real, not in the past, within the horizon.
    public func bookableDate(_ text: String, field: String, today: LocalDate) throws(Refusal) -> LocalDate {
        guard let date = LocalDate(iso: text) else {
            throw .invalid(field, "invalid_date", "Write the date as YYYY-MM-DD.")
        }
        guard date >= today else { throw .invalid(field, "in_past", "The date \(date) is in the past.") }
        guard date <= horizon(from: today) else {
            throw .invalid(field, "beyond_horizon", "Appointments can be booked up to \(horizon(from: today)).")
        }
        return date
    }

    /// The date range of a slot list; missing ends default to today and the horizon.
    public func slotRange(from: String?, to: String?, now: Date) throws(Refusal) -> ClosedRange<LocalDate> {
        let today = DeskTime(now, timeZone: timeZone).date
        let start =
            try from.map { (text: String) throws(Refusal) in try bookableDate(text, field: "from", today: today) }
            ?? today
        let end =
            try to.map { (text: String) throws(Refusal) in try bookableDate(text, field: "to", today: today) }
            ?? horizon(from: today)
        guard start <= end else { throw .invalid("to", "before_from", "The end date is before the start date.") }
        return start...end
    }

    /// Free slots as customers see them now (`urgent`: as staff booking from the urgent reserve see them).
    public func freeSlots(
        desk: Desk, product: Product, persons: Int, dates: ClosedRange<LocalDate>, now: Date,
        usage: UnitUsage, assistance: Bool = false, urgent: Bool = false, withheld: DrawWithholding = .none
    ) -> [Slot] {
        let local = DeskTime(now, timeZone: timeZone)
        return schedule.slots(
            desk: desk, product: product, persons: persons, dates: dates,
            notBefore: (local.date, local.time), usage: usage, urgent: urgent, assistance: assistance,
            withheld: withheld)
    }

    /// Checks a hold request and says which units it takes.
    /// `urgent` plans may use the urgent reserve (partners booking with a reason). What draws
    /// keep (`withheld`) cannot be held first-come.
    public func planHold(
        desk deskCode: String?, product productKey: String?, persons personCount: Int?, slot: String?,
        now: Date, urgent: Bool = false, assistance: Bool = false, withheld: DrawWithholding = .none
    ) throws(Refusal) -> HoldPlan {
        let desk = try desk(deskCode)
        let product = try product(productKey, at: desk)
        let persons = try persons(personCount)
        guard let slotText = slot, !slotText.isEmpty else {
            throw .invalid("slot", "required", "Name the slot key to hold.")
        }
        guard let key = SlotKey(slotText) else {
            throw Refusal(.notFound, field: "slot", code: "unknown_slot", "There is no slot \(slotText).")
        }
        let local = DeskTime(now, timeZone: timeZone)
        _ = try bookableDate(key.date.iso, field: "slot", today: local.date)
        if key.date == local.date && key.start <= local.time {
            throw .invalid("slot", "in_past", "This slot has already started.")
        }
        guard withheld.isFirstCome(key.date) else {
            throw Refusal(
                .conflict, field: "slot", code: "in_draw",
                "Appointments at \(desk.code) on \(key.date) are given out by draw; enter the draw instead.")
        }
        let parts = product.parts(persons: persons, slotMinutes: network.slotMinutes, assistance: assistance)
        guard
            let claim = schedule.claim(
                desk: desk, product: product, key: key, parts: parts, today: local.date, urgent: urgent,
                withheld: withheld)
        else {
            throw Refusal(
                .notFound, field: "slot", code: "unknown_slot",
                "Desk \(desk.code) has no \(product.key) slot \(slotText) for \(persons) person(s).")
        }
        return HoldPlan(
            desk: desk.code, product: product.key, persons: persons, slot: key,
            end: key.start.adding(minutes: parts * network.slotMinutes),
            units: claim.units, capacity: claim.capacity, expiresAt: now.addingTimeInterval(holdDuration),
            assistance: assistance)
    }
}

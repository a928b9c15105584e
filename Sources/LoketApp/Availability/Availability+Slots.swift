import Foundation
import LoketDomain

/// Finding free slots and the published waiting times.
extension Availability {
    /// Free slots for a checked query: those anyone may book first-come, or (`urgent`) those
    /// partners and staff may book from the urgent reserve, which draws do not withhold.
    public func freeSlots(
        desk: Desk, product: Product, persons: Int, dates: ClosedRange<LocalDate>, assistance: Bool = false,
        urgent: Bool = false, rules: BookingRules? = nil
    ) async throws -> [Slot] {
        try await useCase("slots.free") {
            try await context.freeSlots(
                desk: desk, product: product, persons: persons, dates: dates, assistance: assistance, urgent: urgent,
                rules: rules)
        }
    }

    /// The published measure for every desk and product that is still open (or for one product).
    public func waitTimes(product only: String? = nil) async throws -> [WaitTime] {
        let rules = self.rules
        return try await horizonSlots(product: only, rules: rules).map { desk, product, today, slots in
            WaitTime(
                desk: desk.code, product: product.key, today: today, freeSlots: slots,
                workingDays: rules.schedule.workingDays)
        }
    }

    /// One person's free slots up to the horizon at every desk that is still open, per product it
    /// offers (or for one product): what the wait times and the free-capacity gauges are made of.
    func horizonSlots(
        product only: String? = nil, rules: BookingRules
    ) async throws
        -> [(desk: Desk, product: Product, today: LocalDate, slots: [Slot])]
    {
        let today = DeskTime(now(), timeZone: rules.timeZone).date
        var result: [(desk: Desk, product: Product, today: LocalDate, slots: [Slot])] = []
        for desk in rules.network.desks where !desk.isClosedForGood(on: today) {
            for key in desk.products where only.map({ $0 == key }) ?? true {
                guard let product = rules.network.product(key) else { continue }
                let slots = try await freeSlots(
                    desk: desk, product: product, persons: 1, dates: today...rules.horizon(from: today), rules: rules)
                result.append((desk, product, today, slots))
            }
        }
        return result
    }

    /// Per week at `desk`: the urgent reserve kept back, used, released and still held.
    public func urgentWeeks(desk: Desk, dates: ClosedRange<LocalDate>) async throws -> [UrgentCapacityWeek] {
        let used = try await capacityStore.urgentUnits(desk: desk.code, dates: dates)
        return rules.schedule.urgentWeeks(desk: desk, dates: dates, used: used, today: today)
    }
}

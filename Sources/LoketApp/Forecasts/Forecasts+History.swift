import Foundation
import LoketDomain

/// The measured history (issue #12): what Loket publishes and what happened, stored once a day
/// per desk and product, for the dashboard, the open data and the check of old forecasts.
extension Forecasts {
    /// Measures today (the waits, the free capacity and the line as they are now, and what
    /// happened so far today) and completes yesterday's counts. Run every hour by a periodic
    /// service and by `loket measure`; measuring again replaces the day's values. Returns what
    /// was stored.
    @discardableResult
    public func measure() async throws -> [MeasuredValue] {
        let today = self.today
        var measured = try await levels(today: today)
        measured += try await happened(on: today)
        measured += try await happened(on: today.adding(days: -1))
        try await measurementStore.record(measured, now: now())
        historyGeneration.bump()
        return measured
    }

    /// The history of `dates`, as stored.
    public func history(
        dates: ClosedRange<LocalDate>, desk: String? = nil, product: String? = nil, measures: [Measure]? = nil
    ) async throws -> [MeasuredValue] {
        try await measurementStore.measurements(dates: dates, desk: desk, product: product, measures: measures)
    }

    /// Moves each time this server has recorded the history: what is made from it is stale.
    public func measuredGeneration() -> UInt64 { historyGeneration.current }

    /// The first day the history has.
    public func firstMeasuredDate() async throws -> LocalDate? { try await measurementStore.firstDate() }

    /// The levels now: published waits, free places for one person in the next 4 and 8 weeks,
    /// people in line, the urgent reserve still held and this week's collection wait.
    private func levels(today: LocalDate) async throws -> [MeasuredValue] {
        let rules = self.rules
        var result: [MeasuredValue] = []
        let in4 = rules.schedule.workingDays.adding(20, to: today)
        let in8 = rules.schedule.workingDays.adding(40, to: today)
        for (desk, product, _, slots) in try await availability.horizonSlots(rules: rules) {
            // A server that is stopping does not finish measuring.
            try Task.checkCancellation()
            func add(_ measure: Measure, _ value: Double) {
                result.append(
                    MeasuredValue(date: today, desk: desk.code, product: product.key, measure: measure, value: value))
            }
            let wait = WaitTime(
                desk: desk.code, product: product.key, today: today, freeSlots: slots,
                workingDays: rules.schedule.workingDays)
            // No free slot within the horizon: the wait is at least the horizon, and is stored so.
            let horizon = Double(rules.schedule.workingDays.count(from: today, to: rules.horizon(from: today)))
            add(.waitFirstSlot, wait.workingDaysToFirstSlot.map(Double.init) ?? horizon)
            add(.waitThirdSlot, wait.workingDaysToThirdSlot.map(Double.init) ?? horizon)
            add(.freeNext4Weeks, Double(slots.filter { $0.date <= in4 }.reduce(0) { $0 + $1.available }))
            add(.freeNext8Weeks, Double(slots.filter { $0.date <= in8 }.reduce(0) { $0 + $1.available }))
        }
        result += try await measurementStore.waitlistSizes(on: today)
        let horizon = today...rules.horizon(from: today)
        for desk in rules.network.desks where !desk.isClosedForGood(on: today) && rules.network.urgent != nil {
            let weeks = try await availability.urgentWeeks(desk: desk, dates: horizon)
            result.append(
                MeasuredValue(
                    date: today, desk: desk.code, product: Measure.wholeDesk, measure: .urgentHeld,
                    value: Double(weeks.reduce(0) { $0 + $1.held })))
        }
        let collection = rules.network.documentSettings.documentKinds.first?.product ?? "DOC"
        for wait in try await documents.collectionWaits(weeks: 1) where wait.week == today.weekStart {
            result.append(
                MeasuredValue(
                    date: today, desk: wait.desk, product: collection, measure: .collectionWaitP50,
                    value: Double(wait.p50)))
            result.append(
                MeasuredValue(
                    date: today, desk: wait.desk, product: collection, measure: .collectionWaitP90,
                    value: Double(wait.p90)))
        }
        return result
    }

    /// What happened on `day` at the desks: appointments made, cancelled and moved, visits
    /// served and missed, the waitlist's joins and offers, the draws, and the urgent reserve of
    /// that day (booked urgently, and opened to everyone once its release date has passed).
    private func happened(on day: LocalDate) async throws -> [MeasuredValue] {
        let rules = self.rules
        let zone = rules.timeZone
        let start = DeskTime(date: day, time: LocalTime(minutes: 0)).instant(in: zone)
        let end = DeskTime(date: day.adding(days: 1), time: LocalTime(minutes: 0)).instant(in: zone)
        var result = try await measurementStore.activity(on: day, start: start, end: end)
        guard rules.network.urgent != nil else { return result }
        for desk in rules.network.desks where !desk.isClosedForGood(on: day) {
            for week in try await availability.urgentWeeks(desk: desk, dates: day...day) {
                for (measure, value) in [(Measure.urgentUsed, week.used), (.urgentReleased, week.released)] {
                    result.append(
                        MeasuredValue(
                            date: day, desk: desk.code, product: Measure.wholeDesk, measure: measure,
                            value: Double(value)))
                }
            }
        }
        return result
    }
}

/// The published part of the history: waits, free capacity and the collection wait, for anyone.
extension Forecasts {
    /// The open data of `from`…`to` (ISO dates, defaults: the last 12 weeks to today) for a desk
    /// and product, or all; every wrong field is named and nothing is read.
    public func openData(
        from: String?, to: String?, desk: String?, product: String?
    ) async throws -> (dates: ClosedRange<LocalDate>, values: [MeasuredValue]) {
        let today = self.today
        let end = try LocalDate.parse(to, field: "to") ?? today
        let start = try LocalDate.parse(from, field: "from") ?? end.adding(days: -7 * 12 + 1)
        guard start <= end else {
            throw Refusal.invalid("from", "invalid_range", "Give a from date on or before to.")
        }
        // Three years a request: everything Loket keeps, in pieces a poller cannot make costly.
        guard start >= end.adding(days: -3 * 366) else {
            throw Refusal.invalid("from", "range_too_long", "Ask for at most three years at a time.")
        }
        if let desk { _ = try rules.desk(desk) }
        if let product, network.product(product) == nil {
            throw Refusal(.notFound, field: "product", code: "unknown_product", "There is no product \(product).")
        }
        let values = try await history(
            dates: start...end, desk: desk, product: product, measures: Measure.allCases.filter(\.isOpenData))
        return (start...end, values)
    }
}

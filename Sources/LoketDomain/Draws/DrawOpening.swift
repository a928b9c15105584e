import Foundation

/// What a product in draw mode publishes next: the days that came into the booking horizon and
/// the days whose urgent reserve came up for release since it last published, and how far it
/// has then published. Decided from the clock alone, so every server decides alike. The two are
/// drawn apart: a day months away and one this week are different requests, and one draw
/// mixing them asks a person to choose between things they cannot compare.
public struct DrawOpening: Sendable, Hashable {
    /// The days that came into the horizon, drawn in a draw that closes at `closesAt`.
    public let days: [LocalDate]
    /// The days whose urgent reserve came up, drawn in a draw that closes at `reserveClosesAt`.
    public let reserveDays: [LocalDate]
    public let closesAt: Date
    /// Before the reserve's first day: at the start of the day before it at the latest.
    public let reserveClosesAt: Date
    public let publishedThrough: LocalDate
    public let reservePublishedThrough: LocalDate?
}

extension BookingRules {
    /// The next opening for `mode` at `now`, nil when nothing new has come up.
    ///
    /// A reserve draw must close before its first day: its window ends at the start of the day
    /// before, and if that leaves less than an hour the reserve is released as usual instead.
    public func nextDraw(for mode: DrawMode, desk: Desk, product: Product, now: Date) -> DrawOpening? {
        let today = DeskTime(now, timeZone: timeZone).date
        let horizon = horizon(from: today)
        let released = schedule.urgentReleaseDate(today: today)
        let publishedThrough = max(mode.publishedThrough ?? horizon, horizon)
        let reservePublishedThrough = released.map { max(mode.reservePublishedThrough ?? $0, $0) }
        guard publishedThrough != mode.publishedThrough || reservePublishedThrough != mode.reservePublishedThrough
        else {
            return nil
        }
        func opens(_ day: LocalDate) -> Bool {
            schedule.pools(desk: desk, on: day).contains { $0.products.contains(product.key) }
        }
        func days(after start: LocalDate?, through end: LocalDate) -> [LocalDate] {
            guard let start else { return [] }
            var result: [LocalDate] = []
            var day = start.adding(days: 1)
            while day <= end {
                if opens(day) { result.append(day) }
                day = day.adding(days: 1)
            }
            return result
        }
        let newDays = days(after: mode.publishedThrough, through: horizon)
        var reserveDays: [LocalDate] = []
        if let released, (network.urgent?.share ?? 0) > 0 {
            reserveDays = days(after: mode.reservePublishedThrough, through: released).filter { $0 > today }
        }
        let closesAt = now.addingTimeInterval(TimeInterval(network.fairness.drawRule.window.components.seconds))
        var reserveClosesAt = closesAt
        if let first = reserveDays.first {
            let latest = DeskTime(date: first.adding(days: -1), time: LocalTime(minutes: 0)).instant(in: timeZone)
            if latest.timeIntervalSince(now) < 3600 {
                reserveDays = []
            } else {
                reserveClosesAt = min(closesAt, latest)
            }
        }
        return DrawOpening(
            days: newDays, reserveDays: reserveDays, closesAt: closesAt, reserveClosesAt: reserveClosesAt,
            publishedThrough: publishedThrough, reservePublishedThrough: reservePublishedThrough)
    }
}

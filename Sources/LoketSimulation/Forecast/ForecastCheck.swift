import LoketDomain

/// A stored forecast held against what happened (issue #12): for one desk and product, per
/// forecast week its P10–P90 band and median beside the wait Loket measured that week, and how
/// often the measured wait fell inside the band. A band that catches far fewer than 8 weeks in
/// 10 is too narrow, one that catches all is too wide: the honest test of the model.
public struct ForecastCheck: Sendable {
    public let weekStarts: [LocalDate]
    public let low: [Double?]
    public let median: [Double?]
    public let high: [Double?]
    /// The mean of the days measured in each forecast week (which starts on the run's day).
    public let measured: [Double?]

    /// Checks `summary`'s `metric` at `desk` for `product` against `history` (daily values of
    /// the same measure), up to `today`: weeks not yet over are left out.
    public init?(
        _ summary: ForecastSummary, desk: String, product: String, metric: Metric, history: [MeasuredValue],
        today: LocalDate
    ) {
        guard let line = summary.line(desk: desk, product: product, metric: metric) else { return nil }
        let weeks = summary.weekStarts.indices.filter { summary.weekStarts[$0].adding(days: 6) < today }
        guard !weeks.isEmpty else { return nil }
        weekStarts = weeks.map { summary.weekStarts[$0] }
        func value(_ v: Double) -> Double? { v.isNaN ? nil : v }
        low = weeks.map { value(line.bands[$0].p10) }
        median = weeks.map { value(line.bands[$0].p50) }
        high = weeks.map { value(line.bands[$0].p90) }
        measured = weeks.map { week in
            let start = summary.weekStarts[week]
            let days = history.filter { $0.date >= start && $0.date <= start.adding(days: 6) }.map(\.value)
            return days.isEmpty ? nil : days.reduce(0, +) / Double(days.count)
        }
    }

    /// Weeks with a measured value, and the share of those inside the P10–P90 band.
    public var coverage: (weeks: Int, inside: Double)? {
        let pairs = measured.indices.compactMap { i -> Bool? in
            guard let m = measured[i], let l = low[i], let h = high[i] else { return nil }
            return m >= l && m <= h
        }
        guard !pairs.isEmpty else { return nil }
        return (pairs.count, Double(pairs.filter { $0 }.count) / Double(pairs.count))
    }
}

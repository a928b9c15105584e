/// A week of the history: per desk, product and measure, the mean of a level over the days
/// measured, or the sum of the events counted. What the dashboard charts and the open data's
/// trend show.
public struct MeasuredWeek: Sendable, Hashable, Codable {
    /// The Monday the week starts on.
    public let week: LocalDate
    public let desk: String
    public let product: String
    public let measure: Measure
    public let value: Double
    /// Days of the week with a value.
    public let days: Int

    public init(week: LocalDate, desk: String, product: String, measure: Measure, value: Double, days: Int) {
        self.week = week
        self.desk = desk
        self.product = product
        self.measure = measure
        self.value = value
        self.days = days
    }

    /// The weeks of `measurements`, ordered by desk, product, measure and week.
    public static func weeks(of measurements: [MeasuredValue]) -> [MeasuredWeek] {
        struct Key: Hashable {
            let week: LocalDate, desk: String, product: String, measure: Measure
        }
        var sums: [Key: (sum: Double, days: Int)] = [:]
        for m in measurements {
            let key = Key(week: m.date.weekStart, desk: m.desk, product: m.product, measure: m.measure)
            sums[key, default: (0, 0)].sum += m.value
            sums[key, default: (0, 0)].days += 1
        }
        return sums.map { key, total in
            MeasuredWeek(
                week: key.week, desk: key.desk, product: key.product, measure: key.measure,
                value: key.measure.isLevel ? total.sum / Double(total.days) : total.sum, days: total.days)
        }
        .sorted {
            ($0.desk, $0.product, $0.measure.rawValue, $0.week) < ($1.desk, $1.product, $1.measure.rawValue, $1.week)
        }
    }
}

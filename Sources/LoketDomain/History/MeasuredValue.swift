/// One measured value: what `measure` was at `desk` for `product` on `date`. Measuring a day
/// again replaces its values (the history keeps one value per day).
public struct MeasuredValue: Sendable, Hashable, Codable {
    public let date: LocalDate
    public let desk: String
    public let product: String
    public let measure: Measure
    public let value: Double

    public init(date: LocalDate, desk: String, product: String, measure: Measure, value: Double) {
        self.date = date
        self.desk = desk
        self.product = product
        self.measure = measure
        self.value = value
    }
}

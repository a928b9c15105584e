/// A line of a desk's roster: how many counters serve which products in which time block
/// on which weekdays, during a period.
///
/// Each block is its own capacity pool: one slot unit of the block is one counter for one
/// slot length. Blocks of different products may overlap in time (three counters for BIO,
/// two for DOC).
public struct RosterBlock: Sendable, Hashable, Codable {
    /// Stable identifier of the pool, lower-case letters and digits; part of every slot key.
    public let id: String
    public let products: [String]
    public let days: [Weekday]
    public let hours: TimeRange
    public let counters: Int
    public let validFrom: LocalDate?
    public let validUntil: LocalDate?

    public init(
        id: String, products: [String], days: [Weekday], hours: TimeRange, counters: Int,
        validFrom: LocalDate? = nil, validUntil: LocalDate? = nil
    ) {
        self.id = id
        self.products = products
        self.days = days
        self.hours = hours
        self.counters = counters
        self.validFrom = validFrom
        self.validUntil = validUntil
    }

    public func applies(on date: LocalDate) -> Bool {
        days.contains(date.weekday)
            && (validFrom.map { date >= $0 } ?? true)
            && (validUntil.map { date <= $0 } ?? true)
    }
}

/// Days a desk is closed outside the public holidays (a move, a strike, a system outage).
public struct Closure: Sendable, Hashable, Codable {
    public let from: LocalDate
    /// Inclusive.
    public let until: LocalDate
    public let reason: String

    public init(from: LocalDate, until: LocalDate, reason: String) {
        self.from = from
        self.until = until
        self.reason = reason
    }

    public func contains(_ date: LocalDate) -> Bool { date >= from && date <= until }
}

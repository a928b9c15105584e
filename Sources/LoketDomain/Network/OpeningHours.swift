/// The hours a desk is open on each weekday during a period, e.g. the evening hours
/// added from December 2021 or the Saturdays from January 2022.
public struct OpeningHours: Sendable, Hashable, Codable {
    /// First day these hours apply; nil means since always.
    public let validFrom: LocalDate?
    /// Last day these hours apply; nil means until further notice.
    public let validUntil: LocalDate?
    public let hours: [Weekday: TimeRange]

    public init(validFrom: LocalDate? = nil, validUntil: LocalDate? = nil, hours: [Weekday: TimeRange]) {
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.hours = hours
    }

    public func applies(on date: LocalDate) -> Bool {
        (validFrom.map { date >= $0 } ?? true) && (validUntil.map { date <= $0 } ?? true)
    }
}

extension Weekday: CodingKeyRepresentable {}

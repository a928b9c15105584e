/// One Dutch public holiday (feestdag) on a given date.
public struct PublicHoliday: Hashable, Sendable, Codable {
    /// Stable key, e.g. `kingsDay`.
    public let key: String
    public let date: LocalDate
    public let nameNL: String
    public let nameEN: String

    public init(key: String, date: LocalDate, nameNL: String, nameEN: String) {
        self.key = key
        self.date = date
        self.nameNL = nameNL
        self.nameEN = nameEN
    }
}

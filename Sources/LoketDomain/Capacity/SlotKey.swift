/// The opaque-looking key of a slot, `YYYYMMDD-HHMM-pool`, e.g. `20220701-0900-bio`.
///
/// It names the first slot unit a booking would occupy; the number of units follows from the
/// product and persons, so one key serves every party size.
public struct SlotKey: Hashable, Sendable, CustomStringConvertible {
    public let date: LocalDate
    public let start: LocalTime
    public let pool: String

    public init(date: LocalDate, start: LocalTime, pool: String) {
        self.date = date
        self.start = start
        self.pool = pool
    }

    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 8, parts[1].count == 4, !parts[2].isEmpty,
            parts[0].allSatisfy(\.isASCIIDigit), parts[1].allSatisfy(\.isASCIIDigit),
            let date = LocalDate(iso: "\(parts[0].prefix(4))-\(parts[0].dropFirst(4).prefix(2))-\(parts[0].suffix(2))"),
            let time = LocalTime(hour: Int(parts[1].prefix(2))!, minute: Int(parts[1].suffix(2))!)
        else { return nil }
        self.init(date: date, start: time, pool: String(parts[2]))
    }

    public var description: String { "\(date.compact)-\(start.compact)-\(pool)" }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// A wall-clock time of day at a desk, in minutes since midnight.
public struct LocalTime: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let minutes: Int

    public init(minutes: Int) { self.minutes = minutes }

    public init?(hour: Int, minute: Int) {
        guard (0...24).contains(hour), (0...59).contains(minute), hour * 60 + minute <= 24 * 60 else { return nil }
        self.minutes = hour * 60 + minute
    }

    /// Parses `HH:MM`.
    public init?(text: some StringProtocol) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            let h = Int(parts[0]), let m = Int(parts[1])
        else { return nil }
        self.init(hour: h, minute: m)
    }

    /// `HH:MM`.
    public var text: String { "\(pad(minutes / 60, 2)):\(pad(minutes % 60, 2))" }
    /// `HHMM`, used inside slot keys.
    public var compact: String { "\(pad(minutes / 60, 2))\(pad(minutes % 60, 2))" }
    public var description: String { text }

    public func adding(minutes delta: Int) -> LocalTime { LocalTime(minutes: minutes + delta) }

    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool { lhs.minutes < rhs.minutes }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let time = LocalTime(text: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "expected a time HH:MM, got \(text)"))
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

/// A span of wall-clock time on one day, `from` inclusive and `to` exclusive.
public struct TimeRange: Hashable, Sendable, Codable {
    public let from: LocalTime
    public let to: LocalTime

    public init(from: LocalTime, to: LocalTime) {
        self.from = from
        self.to = to
    }

    /// Parses `HH:MM-HH:MM`.
    public init?(text: some StringProtocol) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let f = LocalTime(text: parts[0]), let t = LocalTime(text: parts[1]), f < t else {
            return nil
        }
        self.init(from: f, to: t)
    }

    public var text: String { "\(from.text)-\(to.text)" }

    public func intersection(_ other: TimeRange) -> TimeRange? {
        let f = max(from, other.from)
        let t = min(to, other.to)
        return f < t ? TimeRange(from: f, to: t) : nil
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let range = TimeRange(text: text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected HH:MM-HH:MM with start before end, got \(text)"))
        }
        self = range
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

/// Days of the week in ISO order, Monday first, as Dutch rosters are written.
public enum Weekday: String, CaseIterable, Codable, Sendable, Hashable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    public var isWeekend: Bool { self == .saturday || self == .sunday }

    /// 0 for Monday … 6 for Sunday.
    public var index: Int { Weekday.allCases.firstIndex(of: self)! }
}

import Foundation

/// The wall-clock date and time at a desk for an instant; the domain never reads a clock,
/// callers pass `now` in.
public struct DeskTime: Sendable {
    public let date: LocalDate
    public let time: LocalTime

    public init(date: LocalDate, time: LocalTime) {
        self.date = date
        self.time = time
    }

    public init(_ instant: Date, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        self.date = LocalDate(year: c.year!, month: c.month!, day: c.day!)!
        self.time = LocalTime(minutes: c.hour! * 60 + c.minute!)
    }

    /// The instant at which this wall-clock time occurs in `timeZone`.
    public func instant(in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let (y, m, d) = date.components
        return calendar.date(
            from: DateComponents(year: y, month: m, day: d, hour: time.minutes / 60, minute: time.minutes % 60))!
    }

    /// Europe/Amsterdam, the zone of every desk in the network.
    public static let amsterdam = TimeZone(identifier: "Europe/Amsterdam")!
}

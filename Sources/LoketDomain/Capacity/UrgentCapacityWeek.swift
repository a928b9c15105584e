/// One week of a desk's urgent reserve (spoedcapaciteit), as the desk manager follows it: what
/// was kept back, what urgent cases used, what went to everyone on its release date, and
/// what is still held.
public struct UrgentCapacityWeek: Sendable, Hashable, Codable {
    public let weekStarting: LocalDate
    /// Units kept back on the days of the week (all products of the desk).
    public let protected: Int
    /// Units booked from the reserve with an urgent reason.
    public let used: Int
    /// Unused reserve opened to everyone (days on or before the release date).
    public let released: Int
    /// Unused reserve still held (days after the release date).
    public let held: Int
}

extension Schedule {
    /// The weeks of `dates` at `desk`, given the units booked urgently per day and today's date.
    public func urgentWeeks(
        desk: Desk, dates: ClosedRange<LocalDate>, used: [LocalDate: Int], today: LocalDate
    ) -> [UrgentCapacityWeek] {
        let released = urgentReleaseDate(today: today)
        var weeks: [LocalDate: (protected: Int, used: Int, released: Int, held: Int)] = [:]
        var day = dates.lowerBound
        while day <= dates.upperBound {
            defer { day = day.adding(days: 1) }
            let kept = reservedUnits(desk: desk, on: day)
            let usedToday = used[day] ?? 0
            let unused = max(0, kept - usedToday)
            var week = weeks[day.weekStart] ?? (0, 0, 0, 0)
            week.protected += kept
            week.used += usedToday
            if released.map({ day <= $0 }) ?? true { week.released += unused } else { week.held += unused }
            weeks[day.weekStart] = week
        }
        return weeks.keys.sorted().map { start in
            let w = weeks[start]!
            return UrgentCapacityWeek(
                weekStarting: start, protected: w.protected, used: w.used, released: w.released, held: w.held)
        }
    }
}

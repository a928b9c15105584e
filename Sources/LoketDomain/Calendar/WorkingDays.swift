/// Working-day arithmetic: Monday to Friday, not a public holiday.
///
/// Waiting times are stated in working days (werkdagen) because that is how the service
/// publishes them; a Saturday opening adds capacity but is not a working day of the count.
public struct WorkingDays: Sendable {
    public let holidays: DutchHolidays
    private let cache: [Int: Set<LocalDate>]

    /// Holidays are computed once for the years `years` and on demand outside them.
    public init(holidays: DutchHolidays, years: ClosedRange<Int> = 2000...2100) {
        self.holidays = holidays
        var cache: [Int: Set<LocalDate>] = [:]
        for year in years { cache[year] = Set(holidays.holidays(in: year).map(\.date)) }
        self.cache = cache
    }

    public func isHoliday(_ date: LocalDate) -> Bool {
        let year = date.year
        if let set = cache[year] { return set.contains(date) }
        return holidays.holidays(in: year).contains { $0.date == date }
    }

    public func isWorkingDay(_ date: LocalDate) -> Bool {
        !date.weekday.isWeekend && !isHoliday(date)
    }

    /// The date `n` working days after `date` (n ≥ 0); `n == 0` returns `date` itself.
    public func adding(_ n: Int, to date: LocalDate) -> LocalDate {
        precondition(n >= 0, "adding a negative number of working days")
        var current = date
        var remaining = n
        while remaining > 0 {
            current = current.adding(days: 1)
            if isWorkingDay(current) { remaining -= 1 }
        }
        return current
    }

    /// Working days in the half-open interval (from, to]: the wait from `from` until `to`.
    /// Negative when `to` is before `from`.
    public func count(from: LocalDate, to: LocalDate) -> Int {
        if to < from { return -count(from: to, to: from) }
        var total = 0
        var day = from.adding(days: 1)
        // Whole weeks first: five weekdays each, less the holidays on weekdays in them.
        while to.dayNumber - day.dayNumber >= 7 {
            total += 5
            for offset in 0..<7 {
                let d = day.adding(days: offset)
                if !d.weekday.isWeekend && isHoliday(d) { total -= 1 }
            }
            day = day.adding(days: 7)
        }
        while day <= to {
            if isWorkingDay(day) { total += 1 }
            day = day.adding(days: 1)
        }
        return total
    }
}

import LoketApp
import LoketDomain

/// The month grid of the booking calendar: weeks from Monday, each day a link when it has room.
struct MonthView {
    let month: LocalDate
    let language: Customer.Language

    /// The first day of the month `text` (YYYY-MM), or of the month of `fallback`.
    static func month(_ text: String?, fallback: LocalDate) -> LocalDate {
        if let text, let first = LocalDate(iso: text + "-01") { return first }
        let (y, m, _) = fallback.components
        return LocalDate(year: y, month: m, day: 1)!
    }

    var key: String { String(month.iso.prefix(7)) }
    var last: LocalDate { month.adding(months: 1).adding(days: -1) }

    var title: String {
        let (y, m, _) = month.components
        return "\(DateWording.monthName(m, language)) \(y)"
    }

    /// The weekday heads and the weeks of the month from Monday; `href` gives the link of a day with room.
    func grid(
        roomOn days: Set<LocalDate>, chosen: LocalDate?, href: (LocalDate) -> String
    )
        -> (weekdays: [CalendarPage.WeekdayHead], weeks: [CalendarPage.Week])
    {
        let heads = Weekday.allCases.map {
            CalendarPage.WeekdayHead(
                short: WebCopy.text("wd.\($0.rawValue)", language),
                long: WebCopy.text("weekday.\($0.rawValue)", language))
        }
        var weeks: [CalendarPage.Week] = []
        var day = month.weekStart
        while day <= last {
            var cells: [CalendarPage.Day] = []
            for _ in 0..<7 {
                if day < month || day > last {
                    cells.append(CalendarPage.Day())
                } else {
                    cells.append(
                        CalendarPage.Day(
                            day: "\(day.components.day)", label: DateWording.date(day, language),
                            href: days.contains(day) ? href(day) : nil, current: day == chosen))
                }
                day = day.adding(days: 1)
            }
            weeks.append(CalendarPage.Week(days: cells))
        }
        return (heads, weeks)
    }
}

import LoketDomain
import LoketApp

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

    /// Template values: weekday heads and weeks of days; `href` gives the link of a day with room.
    func values(roomOn days: Set<LocalDate>, chosen: LocalDate?, href: (LocalDate) -> String) -> [String: Any] {
        let heads = Weekday.allCases.map { ["short": WebCopy.text("wd.\($0.rawValue)", language), "long": WebCopy.text("weekday.\($0.rawValue)", language)] }
        var weeks: [[String: Any]] = []
        var day = month.weekStart
        while day <= last {
            var cells: [[String: Any]] = []
            for _ in 0..<7 {
                if day < month || day > last {
                    cells.append(["day": false])
                } else {
                    var cell: [String: Any] = ["day": "\(day.components.day)", "label": DateWording.date(day, language)]
                    if days.contains(day) { cell["href"] = href(day) }
                    if day == chosen { cell["current"] = true }
                    cells.append(cell)
                }
                day = day.adding(days: 1)
            }
            weeks.append(["days": cells])
        }
        return ["weekdays": heads, "weeks": weeks, "monthTitle": title, "month": key]
    }
}

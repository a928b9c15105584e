/// Dates and times written the way each language writes them: "woensdag 1 juni 2022, 09:00"
/// and "Wednesday 1 June 2022, 09:00". Tables rather than a formatter: the words must be the
/// same on every machine, with or without locale data installed.
public enum DateWording {
    static let weekdaysNL = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
    static let weekdaysEN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let monthsNL = [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november",
        "december",
    ]
    static let monthsEN = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    public static func date(_ date: LocalDate, _ language: Customer.Language) -> String {
        let (y, m, d) = date.components
        let weekday = date.weekday.index
        switch language {
        case .nl: return "\(weekdaysNL[weekday]) \(d) \(monthsNL[m - 1]) \(y)"
        case .en: return "\(weekdaysEN[weekday]) \(d) \(monthsEN[m - 1]) \(y)"
        }
    }

    public static func monthName(_ month: Int, _ language: Customer.Language) -> String {
        language == .nl ? monthsNL[month - 1] : monthsEN[month - 1]
    }

    public static func dateTime(
        _ date: LocalDate, _ start: LocalTime, _ end: LocalTime, _ language: Customer.Language
    ) -> String {
        "\(Self.date(date, language)), \(start.text)–\(end.text)"
    }
}

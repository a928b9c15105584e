import Foundation

/// Dates and times written the way each language writes them: "woensdag 1 juni 2022, 09:00",
/// "Wednesday 1 June 2022, 09:00", "середа, 1 червня 2022, 09:00", "الأربعاء 1 يونيو 2022، 09:00".
/// Tables rather than a formatter: the words must be the same on every machine, with or without
/// locale data installed. Digits stay Western in every language, as the Dutch letters write them.
public enum DateWording {
    /// One language's words: weekdays from Monday, months as a date writes them (Ukrainian's
    /// genitive, "1 червня") and as a calendar's heading names them ("червень 2022").
    struct Words {
        let weekdays: [String]
        let monthsInDate: [String]
        let monthsAlone: [String]
    }

    static let dutch: Words = {
        let months = [
            "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
            "november", "december",
        ]
        return Words(
            weekdays: ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
            monthsInDate: months, monthsAlone: months)
    }()
    static let english: Words = {
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        return Words(
            weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
            monthsInDate: months, monthsAlone: months)
    }()
    static let ukrainian = Words(
        weekdays: ["понеділок", "вівторок", "середа", "четвер", "пʼятниця", "субота", "неділя"],
        monthsInDate: [
            "січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня",
            "листопада", "грудня",
        ],
        monthsAlone: [
            "січень", "лютий", "березень", "квітень", "травень", "червень", "липень", "серпень", "вересень", "жовтень",
            "листопад", "грудень",
        ])
    static let arabic: Words = {
        let months = [
            "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
            "ديسمبر",
        ]
        return Words(
            weekdays: ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"],
            monthsInDate: months, monthsAlone: months)
    }()

    static func words(_ language: Customer.Language) -> Words {
        switch language {
        case .nl: dutch
        case .en: english
        case .uk: ukrainian
        case .ar: arabic
        }
    }

    public static func date(_ date: LocalDate, _ language: Customer.Language) -> String {
        let weekday = words(language).weekdays[date.weekday.index]
        // Ukrainian sets the weekday off with a comma.
        return "\(weekday)\(language == .uk ? "," : "") \(dayMonthYear(date, language))"
    }

    /// A date without its weekday, as a birthday is said: "31 maart 2004".
    public static func dayMonthYear(_ date: LocalDate, _ language: Customer.Language) -> String {
        let (y, m, d) = date.components
        return "\(d) \(words(language).monthsInDate[m - 1]) \(y)"
    }

    public static func monthName(_ month: Int, _ language: Customer.Language) -> String {
        words(language).monthsAlone[month - 1]
    }

    public static func dateTime(
        _ date: LocalDate, _ start: LocalTime, _ end: LocalTime, _ language: Customer.Language
    ) -> String {
        // Arabic's own comma.
        "\(Self.date(date, language))\(language == .ar ? "،" : ",") \(start.text)–\(end.text)"
    }

    /// An instant as the desks' clock shows it (Amsterdam): "woensdag 1 juni 2022 om 10:00 uur".
    public static func moment(_ instant: Date, _ language: Customer.Language) -> String {
        let time = DeskTime(instant, timeZone: DeskTime.amsterdam)
        let day = date(time.date, language)
        return switch language {
        case .nl: "\(day) om \(time.time.text) uur"
        case .en: "\(day) at \(time.time.text)"
        case .uk: "\(day) о \(time.time.text)"
        case .ar: "\(day) الساعة \(time.time.text)"
        }
    }

    /// A deadline as a person reads it: one at midnight is the end of the day before, since
    /// "closes Thursday at 00:00" reads as Thursday to most.
    public static func deadline(_ instant: Date, _ language: Customer.Language) -> String {
        let time = DeskTime(instant, timeZone: DeskTime.amsterdam)
        guard time.time.minutes == 0 else { return moment(instant, language) }
        let day = date(time.date.adding(days: -1), language)
        return switch language {
        case .nl: "\(day), tot het einde van de dag (24:00 uur)"
        case .en: "\(day), until the end of the day (midnight)"
        case .uk: "\(day), до кінця дня (24:00)"
        case .ar: "\(day)، حتى نهاية اليوم (منتصف الليل)"
        }
    }
}

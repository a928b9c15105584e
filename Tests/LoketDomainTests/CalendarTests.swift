import Foundation
import LoketDomain
import Testing

struct LocalDateTests {
    @Test(arguments: [
        "2022-02-29", "2022-13-01", "2022-00-10", "2022-4-01", "20220401", "2022-04-31", "abcd-ef-gh", "",
    ])
    func rejectsWhatIsNotADate(text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    /// Every day of four centuries against an independent oracle, Foundation's Gregorian
    /// calendar: the same year, month, day and weekday, day after day.
    @Test func agreesWithFoundationsGregorianCalendarForFourCenturies() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var instant = calendar.date(from: DateComponents(year: 1900, month: 1, day: 1))!
        let end = calendar.date(from: DateComponents(year: 2300, month: 1, day: 1))!
        var date = LocalDate(year: 1900, month: 1, day: 1)!
        // Foundation counts weekdays from Sunday (1).
        let weekdays: [Weekday] = [.sunday, .monday, .tuesday, .wednesday, .thursday, .friday, .saturday]
        var days = 0
        var disagreements: [String] = []
        while instant < end {
            let c = calendar.dateComponents([.year, .month, .day, .weekday], from: instant)
            if date.components != (c.year!, c.month!, c.day!) || date.weekday != weekdays[c.weekday! - 1] {
                disagreements.append("\(date.iso) vs \(c)")
            }
            days += 1
            date = date.adding(days: 1)
            instant = instant.addingTimeInterval(86_400)
        }
        #expect(days == 146_097) // four Gregorian centuries, leap rules and all
        #expect(disagreements.isEmpty, "\(disagreements.prefix(3))")
    }

    @Test func weekdays() {
        #expect(LocalDate(iso: "1970-01-01")!.weekday == .thursday)
        #expect(LocalDate(iso: "2022-05-25")!.weekday == .wednesday)
        #expect(LocalDate(iso: "2024-02-29")!.weekday == .thursday)
        #expect(LocalDate(iso: "1969-12-31")!.weekday == .wednesday)
    }
}

struct WorkingDaysTests {
    let days = WorkingDays(holidays: DutchHolidays(liberationDay: .lustrum))

    @Test(arguments: [
        // from, to, working days in (from, to]
        ("2022-04-22", "2022-04-29", 4), // King's Day (Wed 27 April) is not a working day
        ("2022-06-17", "2022-06-17", 0),
        ("2022-06-17", "2022-06-20", 1), // Friday to Monday
        ("2022-06-18", "2022-06-19", 0), // a weekend
        ("2022-12-23", "2022-12-27", 1), // Christmas on a weekend: only Tuesday the 27th
        ("2021-12-24", "2021-12-28", 2), // Christmas Day and Boxing Day on Sat and Sun
        ("2025-05-02", "2025-05-06", 1), // Liberation Day (Monday 5 May 2025) is a lustrum holiday
        ("2022-05-04", "2022-05-06", 2), // … and 2022 is not
        ("2022-01-01", "2022-12-31", 255), // the whole of 2022: 260 weekdays less 5 holidays on weekdays
        ("2022-06-20", "2022-06-17", -1),
    ])
    func count(from: String, to: String, expected: Int) {
        #expect(days.count(from: LocalDate(iso: from)!, to: LocalDate(iso: to)!) == expected)
    }

    @Test(arguments: [
        ("2022-06-17", 0, "2022-06-17"),
        ("2022-06-17", 1, "2022-06-20"),
        ("2022-04-26", 1, "2022-04-28"),
        ("2022-05-23", 45, "2022-07-27"), // 45 working days: Ascension Day and Whit Monday skipped
    ])
    func adding(from: String, n: Int, expected: String) {
        #expect(days.adding(n, to: LocalDate(iso: from)!).iso == expected)
    }

    @Test func addingThenCountingGivesBackN() {
        var start = LocalDate(iso: "2019-12-20")!
        for n in [0, 1, 2, 4, 5, 6, 9, 10, 11, 19, 20, 45, 90, 300] {
            for _ in 0..<40 {
                #expect(days.count(from: start, to: days.adding(n, to: start)) == n)
                start = start.adding(days: 11)
            }
        }
    }

    @Test func countAgreesWithDayByDayCounting() {
        let base = LocalDate(iso: "2021-11-01")!
        for length in [0, 3, 6, 7, 8, 13, 14, 30, 61, 400] {
            for shift in 0..<30 {
                let from = base.adding(days: shift * 5)
                let to = from.adding(days: length)
                var naive = 0
                var d = from.adding(days: 1)
                while d <= to {
                    if days.isWorkingDay(d) { naive += 1 }
                    d = d.adding(days: 1)
                }
                #expect(days.count(from: from, to: to) == naive)
            }
        }
    }
}

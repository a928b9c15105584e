import LoketDomain
import Testing

struct DutchHolidaysTests {
    /// Easter Sunday 1990–2050, from an independent implementation (python-dateutil).
    static let easter1990to2050: [String] = [
        "1990-04-15", "1991-03-31", "1992-04-19", "1993-04-11", "1994-04-03", "1995-04-16", "1996-04-07", "1997-03-30",
        "1998-04-12", "1999-04-04", "2000-04-23", "2001-04-15", "2002-03-31", "2003-04-20", "2004-04-11", "2005-03-27",
        "2006-04-16", "2007-04-08", "2008-03-23", "2009-04-12", "2010-04-04", "2011-04-24", "2012-04-08", "2013-03-31",
        "2014-04-20", "2015-04-05", "2016-03-27", "2017-04-16", "2018-04-01", "2019-04-21", "2020-04-12", "2021-04-04",
        "2022-04-17", "2023-04-09", "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16", "2029-04-01",
        "2030-04-21", "2031-04-13", "2032-03-28", "2033-04-17", "2034-04-09", "2035-03-25", "2036-04-13", "2037-04-05",
        "2038-04-25", "2039-04-10", "2040-04-01", "2041-04-21", "2042-04-06", "2043-03-29", "2044-04-17", "2045-04-09",
        "2046-03-25", "2047-04-14", "2048-04-05", "2049-04-18", "2050-04-10",
    ]

    @Test func easterMatchesReferenceForSixtyOneYears() {
        for (offset, expected) in Self.easter1990to2050.enumerated() {
            #expect(DutchHolidays.easterSunday(1990 + offset).iso == expected)
        }
    }

    @Test(arguments: [
        // year, monarch's day: King's Day moves to the 26th when the 27th is a Sunday.
        (2014, "2014-04-26"), (2015, "2015-04-27"), (2022, "2022-04-27"), (2025, "2025-04-26"),
        (2031, "2031-04-26"), (2036, "2036-04-26"), (2042, "2042-04-26"), (2038, "2038-04-27"),
        // Queen's Day on a Sunday: 1 May until 1979, 29 April from 1980.
        (1967, "1967-05-01"), (1978, "1978-05-01"), (1989, "1989-04-29"), (2000, "2000-04-29"),
        (2006, "2006-04-29"), (2008, "2008-04-30"), (2013, "2013-04-30"),
    ])
    func monarchsDay(year: Int, expected: String) {
        #expect(DutchHolidays.monarchsDay(year)?.date.iso == expected)
    }

    @Test func the2022ListWithLiberationDayOnceInFiveYears() {
        let dates = DutchHolidays(liberationDay: .lustrum).holidays(in: 2022).map(\.date.iso)
        #expect(
            dates == [
                "2022-01-01", "2022-04-17", "2022-04-18", "2022-04-27", "2022-05-26",
                "2022-06-05", "2022-06-06", "2022-12-25", "2022-12-26",
            ])
    }

    @Test(arguments: [
        (LiberationDayRule.lustrum, 2025, true), (.lustrum, 2022, false), (.lustrum, 2030, true),
        (.everyYear, 2022, true), (.never, 2025, false),
    ])
    func liberationDay(rule: LiberationDayRule, year: Int, closed: Bool) {
        let holidays = DutchHolidays(liberationDay: rule).holidays(in: year)
        #expect(holidays.contains { $0.key == "liberationDay" && $0.date.iso == "\(year)-05-05" } == closed)
    }

    @Test func goodFridayOnlyWhenChosen() {
        #expect(!DutchHolidays().holidays(in: 2022).contains { $0.key == "goodFriday" })
        #expect(DutchHolidays(goodFriday: true).holidays(in: 2022).contains { $0.date.iso == "2022-04-15" })
    }

    /// Easter from the reference table, not from the function under test.
    @Test func movableFeastsFollowEaster() {
        for (offset, reference) in Self.easter1990to2050.enumerated() {
            let year = 1990 + offset
            let easter = LocalDate(iso: reference)!
            let byKey = Dictionary(uniqueKeysWithValues: DutchHolidays().holidays(in: year).map { ($0.key, $0.date) })
            #expect(byKey["easterMonday"] == easter.adding(days: 1))
            #expect(byKey["ascensionDay"] == easter.adding(days: 39))
            #expect(byKey["ascensionDay"]?.weekday == .thursday)
            #expect(byKey["whitMonday"] == easter.adding(days: 50))
            #expect(byKey["whitMonday"]?.weekday == .monday)
        }
    }
}

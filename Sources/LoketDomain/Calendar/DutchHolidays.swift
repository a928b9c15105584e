/// Which years Liberation Day (Bevrijdingsdag, 5 May) closes the desks.
///
/// Employers differ: the civil-service agreement has long made it a day off once every five
/// years (lustrum: 2020, 2025, …), many others every year. The desk network file chooses.
public enum LiberationDayRule: String, Codable, Sendable, CaseIterable {
    case everyYear
    case lustrum
    case never
}

/// The Dutch public holidays (Algemene termijnenwet and custom) computed for any year.
public struct DutchHolidays: Sendable, Hashable, Codable {
    public var liberationDay: LiberationDayRule
    /// Goede Vrijdag is not a general day off in the Netherlands; some organisations close.
    public var goodFriday: Bool

    public init(liberationDay: LiberationDayRule = .lustrum, goodFriday: Bool = false) {
        self.liberationDay = liberationDay
        self.goodFriday = goodFriday
    }

    /// All holidays of `year` on which desks close, in date order.
    public func holidays(in year: Int) -> [PublicHoliday] {
        let easter = Self.easterSunday(year)
        var list: [PublicHoliday] = [
            .init(
                key: "newYearsDay", date: LocalDate(year: year, month: 1, day: 1)!, nameNL: "Nieuwjaarsdag",
                nameEN: "New Year's Day")
        ]
        if goodFriday {
            list.append(
                .init(key: "goodFriday", date: easter.adding(days: -2), nameNL: "Goede Vrijdag", nameEN: "Good Friday"))
        }
        list += [
            .init(key: "easterSunday", date: easter, nameNL: "Eerste Paasdag", nameEN: "Easter Sunday"),
            .init(key: "easterMonday", date: easter.adding(days: 1), nameNL: "Tweede Paasdag", nameEN: "Easter Monday"),
        ]
        if let monarch = Self.monarchsDay(year) { list.append(monarch) }
        if year >= 1945, liberationDay == .everyYear || (liberationDay == .lustrum && year % 5 == 0) {
            list.append(
                .init(
                    key: "liberationDay", date: LocalDate(year: year, month: 5, day: 5)!, nameNL: "Bevrijdingsdag",
                    nameEN: "Liberation Day"))
        }
        list += [
            .init(
                key: "ascensionDay", date: easter.adding(days: 39), nameNL: "Hemelvaartsdag", nameEN: "Ascension Day"),
            .init(
                key: "whitSunday", date: easter.adding(days: 49), nameNL: "Eerste Pinksterdag", nameEN: "Whit Sunday"),
            .init(
                key: "whitMonday", date: easter.adding(days: 50), nameNL: "Tweede Pinksterdag", nameEN: "Whit Monday"),
            .init(
                key: "christmasDay", date: LocalDate(year: year, month: 12, day: 25)!, nameNL: "Eerste Kerstdag",
                nameEN: "Christmas Day"),
            .init(
                key: "boxingDay", date: LocalDate(year: year, month: 12, day: 26)!, nameNL: "Tweede Kerstdag",
                nameEN: "Boxing Day"),
        ]
        return list.sorted { $0.date < $1.date }
    }

    /// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    public static func easterSunday(_ year: Int) -> LocalDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day)!
    }

    /// King's Day since 2014: 27 April, or 26 April when the 27th is a Sunday.
    /// Queen's Day 1949–2013: 30 April; on a Sunday it moved to 1 May until 1979 and to 29 April from 1980.
    /// Before 1949: Queen Wilhelmina's birthday, 31 August (1 September when a Sunday).
    public static func monarchsDay(_ year: Int) -> PublicHoliday? {
        if year >= 2014 {
            var date = LocalDate(year: year, month: 4, day: 27)!
            if date.weekday == .sunday { date = date.adding(days: -1) }
            return .init(key: "kingsDay", date: date, nameNL: "Koningsdag", nameEN: "King's Day")
        }
        if year >= 1949 {
            var date = LocalDate(year: year, month: 4, day: 30)!
            if date.weekday == .sunday { date = date.adding(days: year >= 1980 ? -1 : 1) }
            return .init(key: "queensDay", date: date, nameNL: "Koninginnedag", nameEN: "Queen's Day")
        }
        if year >= 1891 {
            var date = LocalDate(year: year, month: 8, day: 31)!
            if date.weekday == .sunday { date = date.adding(days: 1) }
            return .init(key: "queensDay", date: date, nameNL: "Koninginnedag", nameEN: "Queen's Day")
        }
        return nil
    }
}

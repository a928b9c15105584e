import Foundation

/// The courier's calendar: which days a delivery may be scheduled for, when a day's manifest is
/// fixed, and which time window a new delivery gets.
extension CourierRules {
    /// The working day before `date`, on whose cutoff the manifest of `date` is fixed.
    public func manifestDay(for date: LocalDate, workingDays: WorkingDays) -> LocalDate {
        var day = date.adding(days: -1)
        while !workingDays.isWorkingDay(day) { day = day.adding(days: -1) }
        return day
    }

    /// Whether the manifest of `date` is fixed at `now`: from the cutoff on the working day before.
    public func manifestFixed(for date: LocalDate, now: Date, workingDays: WorkingDays) -> Bool {
        let local = DeskTime(now, timeZone: DeskTime.amsterdam)
        let day = manifestDay(for: date, workingDays: workingDays)
        return local.date > day || (local.date == day && local.time >= cutoff)
    }

    /// The days a document ready on `readyOn` may be delivered, seen at `now`: working days whose
    /// manifest is not fixed yet, not before `readyOn`, `offered` of them, less those full
    /// (`booked` deliveries a day, over all desks).
    public func deliveryDays(
        readyOn: LocalDate, now: Date, booked: [LocalDate: Int], workingDays: WorkingDays
    ) -> [LocalDate] {
        var day = max(readyOn, DeskTime(now, timeZone: DeskTime.amsterdam).date)
        while !workingDays.isWorkingDay(day) || manifestFixed(for: day, now: now, workingDays: workingDays) {
            day = day.adding(days: 1)
        }
        let last = workingDays.adding(offered - 1, to: day)
        var result: [LocalDate] = []
        while day <= last {
            if workingDays.isWorkingDay(day) && (booked[day] ?? 0) < perDay { result.append(day) }
            day = day.adding(days: 1)
        }
        return result
    }

    /// The window for one more delivery on a day with `taken` deliveries in each window: the
    /// emptiest, the earliest of equals.
    public func window(taken: [TimeRange: Int]) -> TimeRange {
        windows.min { (taken[$0] ?? 0, $0.from) < (taken[$1] ?? 0, $1.from) } ?? windows[0]
    }

    /// The day the holder hears of the delivery of `date`: `notice` working days before.
    public func noticeDay(for date: LocalDate, workingDays: WorkingDays) -> LocalDate {
        var day = date
        var remaining = notice
        while remaining > 0 {
            day = day.adding(days: -1)
            if workingDays.isWorkingDay(day) { remaining -= 1 }
        }
        return day
    }
}

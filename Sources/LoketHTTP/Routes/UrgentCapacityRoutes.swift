import Foundation
import Hummingbird
import LoketDomain

/// `GET /api/v1/desks/{desk}/urgent-capacity?from=&to=`: per week, the slot units kept back for
/// urgent cases, how many were booked urgently, how many went to everyone when their release
/// date came, and how many are still held. Aggregate numbers only, for the desk manager.
struct UrgentCapacityRoutes {
    let service: BookingService

    struct Week: Encodable {
        let weekStarting: LocalDate
        /// Units kept back on the days of the week (all products of the desk).
        let protected: Int
        /// Units booked from the reserve with an urgent reason.
        let used: Int
        /// Unused reserve opened to everyone (days on or before the release date).
        let released: Int
        /// Unused reserve still held (days after the release date).
        let held: Int
    }

    struct Report: Encodable {
        let desk: String
        let share: Double
        let releaseWorkingDaysAhead: Int
        let weeks: [Week]
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/v1/desks/{desk}/urgent-capacity") { request, context in
            let desk = try service.rules.desk(context.parameters.get("desk"))
            let today = service.today
            let monday = today.weekStart
            let from = try request.dateQuery("from") ?? monday, to = try request.dateQuery("to") ?? service.rules.horizon(from: today)
            guard from <= to else { throw BookingError.invalid("to", "before_from", "The end date is before the start date.") }
            guard to.dayNumber - from.dayNumber <= 400 else { throw BookingError.invalid("to", "out_of_range", "At most 400 days at once.") }
            let schedule = service.rules.schedule
            let reserve = service.network.urgent
            let released = schedule.urgentReleaseDate(today: today)
            let used = try await service.store.urgentUnits(desk: desk.code, dates: from...to)
            var weeks: [LocalDate: (protected: Int, used: Int, released: Int, held: Int)] = [:]
            var day = from
            while day <= to {
                defer { day = day.adding(days: 1) }
                let week = day.weekStart
                let kept = schedule.reservedUnits(desk: desk, on: day)
                let usedToday = used[day] ?? 0
                let unused = max(0, kept - usedToday)
                let isReleased = released.map { day <= $0 } ?? true
                var w = weeks[week] ?? (0, 0, 0, 0)
                w.protected += kept
                w.used += usedToday
                if isReleased { w.released += unused } else { w.held += unused }
                weeks[week] = w
            }
            let report = Report(desk: desk.code, share: reserve?.share ?? 0, releaseWorkingDaysAhead: reserve?.releaseWorkingDaysAhead ?? 0,
                                weeks: weeks.keys.sorted().map { k in
                                    let w = weeks[k]!
                                    return Week(weekStarting: k, protected: w.protected, used: w.used, released: w.released, held: w.held)
                                })
            return try JSONBody.response(report)
        }
    }
}

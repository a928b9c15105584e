import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// `GET /api/v1/desks/{desk}/urgent-capacity?from=&to=`: per week, the slot units kept back for
/// urgent cases, how many were booked urgently, how many went to everyone when their release
/// date came, and how many are still held. Aggregate numbers only, for the desk manager.
struct UrgentCapacityRoutes {
    let loket: Loket

    struct Report: Encodable {
        let desk: String
        let share: Double
        let releaseWorkingDaysAhead: Int
        let weeks: [UrgentCapacityWeek]
    }

    func add(to router: Router<LoketRequestContext>) {
        router.get("/api/v1/desks/{desk}/urgent-capacity") { request, context in
            let desk = try loket.rules.desk(context.parameters.get("desk"))
            let today = loket.today
            let monday = today.weekStart
            let from = try request.dateQuery("from") ?? monday
            let to = try request.dateQuery("to") ?? loket.rules.horizon(from: today)
            guard from <= to else {
                throw Refusal.invalid("to", "before_from", "The end date is before the start date.")
            }
            guard to.dayNumber - from.dayNumber <= 400 else {
                throw Refusal.invalid("to", "out_of_range", "At most 400 days at once.")
            }
            let reserve = loket.network.urgent
            let report = Report(
                desk: desk.code, share: reserve?.share ?? 0,
                releaseWorkingDaysAhead: reserve?.releaseWorkingDaysAhead ?? 0,
                weeks: try await loket.availability.urgentWeeks(desk: desk, dates: from...to))
            return try JSONBody.response(report)
        }
    }
}

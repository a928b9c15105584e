import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// `GET /api/v1/wait-times`, `/api/v1/calendar/holidays?year=` and
/// `/api/v1/calendar/working-days?from=&to=`.
struct CalendarRoutes {
    let loket: Loket
    let answers: PublicAnswers
    let ready: ReadyAnswers

    struct WorkingDaysResponse: Encodable {
        let from: LocalDate
        let to: LocalDate
        /// Working days in (from, to]: the waiting time from `from` until `to`.
        let workingDays: Int
        let holidays: [PublicHoliday]
    }

    struct WaitTimesResponse: Encodable {
        let measuredOn: LocalDate
        let waitTimes: [WaitTime]
        /// The wait for a card once it is at the desk, per desk and week, the last 12 weeks.
        let collectionWorkingDays: [CollectionWait]
    }

    struct HolidaysResponse: Encodable {
        let year: Int
        let holidays: [PublicHoliday]
    }

    func add(to router: Router<LoketRequestContext>) {
        router.get("/api/v1/wait-times") { request, context in
            let made = try await answers.made(
                "wait-times", generation: PublicAnswers.everyMinute, now: loket.now()
            ) {
                try JSONBody.ready(
                    WaitTimesResponse(
                        measuredOn: loket.today, waitTimes: try await loket.availability.waitTimes(),
                        collectionWorkingDays: try await loket.documents.collectionWaits()))
            }
            return ready.send(
                made, of: answers, to: request, context: context, canonical: request.canonicalTarget([:]),
                cacheControl: PublicAnswers.cacheControl,
                metrics: loket.metrics, now: loket.now)
        }
        router.get("/api/v1/calendar/holidays") { request, _ in
            let year = try request.integerQuery("year") ?? loket.today.year
            guard (1900...2200).contains(year) else {
                throw Refusal.invalid("year", "out_of_range", "Year must be between 1900 and 2200.")
            }
            return try JSONBody.response(
                HolidaysResponse(year: year, holidays: loket.network.holidays.holidays(in: year)))
        }
        router.get("/api/v1/calendar/working-days") { request, _ in
            guard let from = try request.dateQuery("from") else {
                throw Refusal.invalid("from", "required", "Give from=YYYY-MM-DD.")
            }
            guard let to = try request.dateQuery("to") else {
                throw Refusal.invalid("to", "required", "Give to=YYYY-MM-DD.")
            }
            guard abs(to.dayNumber - from.dayNumber) <= 366 * 20 else {
                throw Refusal.invalid("to", "out_of_range", "The range may span at most 20 years.")
            }
            let workingDays = loket.rules.schedule.workingDays
            let holidays = (min(from, to).year...max(from, to).year)
                .flatMap { loket.network.holidays.holidays(in: $0) }
                .filter { $0.date > min(from, to) && $0.date <= max(from, to) }
            return try JSONBody.response(
                WorkingDaysResponse(
                    from: from, to: to, workingDays: workingDays.count(from: from, to: to), holidays: holidays))
        }
    }
}

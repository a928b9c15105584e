import Foundation
import LoketDomain

/// A scenario that starts from today (issue #12): counters and opening hours from the desk
/// network as it is now (desk managers' changes applied), and from the database what is booked
/// ahead, who waits, how many ask per desk, product and weekday, and how often people cancel or
/// do not come. The engine never reads storage: the application layer reads the facts and
/// hands them here.
public enum LiveScenario {
    /// Days ahead whose roster sets the counters and hours (the roster repeats by week; four
    /// weeks smooth out a closure or an odd Saturday).
    static let rosterDays = 28

    public static func build(
        network: DeskNetwork, activity: RecentActivity, weeks: Int, name: String = "live"
    ) -> Scenario {
        let today = activity.today
        let roster = Roster(network: network, today: today)
        let workingDays = roster.schedule.workingDays
        // Requests are spread over the working days of the window: people book on any day, the
        // model lets them ask on working days.
        let windowWorkingDays = max(
            1, (0..<(7 * activity.weeks)).filter { workingDays.isWorkingDay(activity.since.adding(days: $0)) }.count)
        let desks = network.desks.filter { !$0.isClosedForGood(on: today) }.compactMap { desk in
            deskParameters(
                desk, roster: roster, network: network, activity: activity, windowWorkingDays: windowWorkingDays)
        }
        let collection = network.documentSettings.documentKinds.first?.product ?? ProductRoles.plannerKeys.collection
        let main = mainProduct(network, collection: collection)
        var scenario = Scenario(
            name: name,
            description:
                "From the database on \(today.iso): \(activity.weeks) weeks measured, what is booked and waiting",
            start: today, weeks: weeks,
            bookingHorizonWorkingDays: workingDays.count(
                from: today, to: today.adding(days: network.bookingHorizonDays)),
            liberationDay: network.holidays.liberationDay,
            products: productParameters(network, activity: activity),
            productRoles: ProductRoles(biometrics: main, collection: collection),
            desks: desks,
            demand: Scenario.DemandPattern(
                weekdayPattern: weekdayPattern(activity), trend: [], shocks: nil,
                uncertainty: uncertainty(activity)),
            behaviour: behaviour(activity),
            urgent: network.urgent.map {
                Scenario.UrgentCapacity(
                    share: $0.share, releaseWorkingDaysAhead: $0.releaseWorkingDaysAhead,
                    demandShare: share(activity.urgentMade, of: activity.made))
            },
            courier: nil, courierCapacity: nil, hiring: nil, informationLine: nil,
            norm: Scenario.Norm(product: main, workingDays: network.norm, metric: nil))
        if let courier = network.documentSettings.courier {
            scenario.courierCapacity = Scenario.CourierCapacity(perDay: Double(courier.perDay), desks: courier.desks)
            if let share = courier.expectedShare {
                scenario.courier = [Scenario.CourierStep(from: today, share: share)]
            }
        }
        return scenario
    }

    /// The days ahead whose roster sets the counters and hours: its working days and its
    /// Saturdays that are not holidays.
    struct Roster {
        let schedule: Schedule
        let weekdays: [LocalDate]
        let saturdays: [LocalDate]

        init(network: DeskNetwork, today: LocalDate) {
            schedule = Schedule(network: network)
            let workingDays = schedule.workingDays
            let ahead = (1...rosterDays).map { today.adding(days: $0) }
            weekdays = ahead.filter(workingDays.isWorkingDay)
            saturdays = ahead.filter { $0.weekday == .saturday && !workingDays.isHoliday($0) }
        }
    }

    /// A desk as its roster staffs it: mean weekday hours and counters per product, and its
    /// Saturdays; nil when it opens on no weekday ahead.
    static func deskParameters(
        _ desk: Desk, roster: Roster, network: DeskNetwork, activity: RecentActivity, windowWorkingDays: Int
    ) -> Scenario.DeskParameters? {
        let schedule = roster.schedule
        let today = activity.today
        let openWeekday = mean(roster.weekdays.map { hours(desk.hours(on: $0, workingDays: schedule.workingDays)) })
        guard openWeekday > 0 else { return nil }
        var products: [String: Scenario.DeskProduct] = [:]
        var weekdayCounters = 0.0
        for key in desk.products where network.product(key) != nil {
            let minutes = mean(roster.weekdays.map { counterMinutes(schedule.pools(desk: desk, on: $0), product: key) })
            let counters = minutes / (openWeekday * 60)
            weekdayCounters += counters
            products[key] = deskProduct(
                counters: counters, measured: activity.cells.first { $0.desk == desk.code && $0.product == key },
                windowWorkingDays: windowWorkingDays)
        }
        // Saturdays: their mean hours (closed ones count as none) and the share of the
        // weekday counters they staff.
        let openSaturday = mean(roster.saturdays.map { hours(desk.hours(on: $0, workingDays: schedule.workingDays)) })
        let saturdayMinutes = mean(
            roster.saturdays.map { day in
                desk.products.reduce(0) { $0 + counterMinutes(schedule.pools(desk: desk, on: day), product: $1) }
            })
        let saturdayShare =
            openSaturday > 0 && weekdayCounters > 0 ? saturdayMinutes / (openSaturday * 60) / weekdayCounters : 1
        return Scenario.DeskParameters(
            code: desk.code, reach: nil,
            hours: [
                Scenario.HoursStep(
                    from: today, weekdayHours: openWeekday, saturdayHours: openSaturday,
                    saturdayCounterShare: saturdayShare)
            ],
            products: products, closes: nil)
    }

    /// One product at a desk: its counters, and from the window measured its requests per
    /// working day, what is booked ahead and who waits.
    static func deskProduct(
        counters: Double, measured cell: RecentActivity.Cell?, windowWorkingDays: Int
    ) -> Scenario.DeskProduct {
        let requests = Double(cell?.requestsByWeekday.reduce(0, +) ?? 0)
        return Scenario.DeskProduct(
            counters: counters, demandPerWorkingDay: requests / Double(windowWorkingDays),
            initialWaitWorkingDays: 0,
            booked: cell.map { c in
                c.booked.keys.sorted().map { Scenario.BookedDay(date: $0, appointments: c.booked[$0]!) }
            },
            waiting: cell?.waiting)
    }

    /// Each product's minutes per appointment: per person, times the people an appointment had.
    static func productParameters(
        _ network: DeskNetwork, activity: RecentActivity
    ) -> [String: Scenario.ProductParameters] {
        Dictionary(
            uniqueKeysWithValues: network.products.map { product in
                (
                    product.key,
                    Scenario.ProductParameters(
                        minutesPerAppointment: Double(product.minutesPerPerson)
                            * (activity.personsPerAppointment[product.key] ?? 1))
                )
            })
    }

    /// How often people cancelled or did not come in the window.
    static func behaviour(_ activity: RecentActivity) -> Scenario.Behaviour {
        Scenario.Behaviour(
            travelShare: 0, cancellationShare: share(activity.cancelled, of: activity.made),
            // The requests measured already include those who booked again after cancelling
            // or missing their visit: counting them twice would inflate demand.
            cancellationRebookShare: 0,
            noShowShare: share(activity.noShows, of: activity.served + activity.noShows),
            noShowRebookShare: 0)
    }

    /// The product the norm is about: the one most desks offer that is not the collection.
    static func mainProduct(_ network: DeskNetwork, collection: String) -> String {
        let candidates = network.products.map(\.key).filter { $0 != collection }
        return candidates.max { a, b in
            network.desks.filter { $0.offers(a) }.count < network.desks.filter { $0.offers(b) }.count
        } ?? network.products.first?.key ?? ProductRoles.plannerKeys.biometrics
    }

    /// Requests per Monday, Tuesday, … Friday of the window relative to their mean (people book
    /// online on holidays too, so every such day of the window counts); 1 each when nothing was
    /// measured.
    static func weekdayPattern(_ activity: RecentActivity) -> [Double] {
        // A window of whole weeks has each weekday `weeks` times.
        let perDay = (0..<5).map { day in
            Double(activity.cells.reduce(0) { $0 + $1.requestsByWeekday[day] }) / Double(max(1, activity.weeks))
        }
        let average = perDay.reduce(0, +) / 5
        return average > 0 ? perDay.map { $0 / average } : [1, 1, 1, 1, 1]
    }

    /// How much weekly demand varied in the window (its coefficient of variation), and how
    /// well that pins down the level: the standard error of the mean, CV/√weeks. Nil with
    /// fewer than two weeks that had requests.
    static func uncertainty(_ activity: RecentActivity) -> Scenario.Uncertainty? {
        let weeks = (0..<activity.weeks).map { w in Double(activity.cells.reduce(0) { $0 + $1.requestsByWeek[w] }) }
            .filter { $0 > 0 }
        guard weeks.count >= 2 else { return nil }
        let m = mean(weeks)
        let sd = (weeks.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(weeks.count - 1)).squareRoot()
        let cv = sd / m
        return Scenario.Uncertainty(from: activity.today, levelSD: cv / Double(weeks.count).squareRoot(), weeklySD: cv)
    }

    static func counterMinutes(_ pools: [Schedule.Pool], product: String) -> Double {
        // Counters shared by several products are split evenly between them.
        pools.filter { $0.products.contains(product) }.reduce(0) {
            $0 + Double($1.counters * ($1.hours.to.minutes - $1.hours.from.minutes)) / Double($1.products.count)
        }
    }

    static func hours(_ range: TimeRange?) -> Double {
        range.map { Double($0.to.minutes - $0.from.minutes) / 60 } ?? 0
    }

    static func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }

    static func share(_ part: Int, of whole: Int) -> Double { whole > 0 ? Double(part) / Double(whole) : 0 }
}

import LoketDomain

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One replication of the backlog model while it runs, with one method for each thing that
/// happens in a simulated day; `BacklogModel.run` calls them in the day's order. It holds the
/// appointment book, the cancellations still to come (events on the simulation clock), the
/// customers who will ask again on the next working day, and the week's tally. Every method
/// draws from the one random stream in a fixed order, so the same seed gives the same forecast.
struct BacklogReplication {
    private let model: BacklogModel
    private let behaviour: Scenario.Behaviour
    private var rng: RandomStream
    private var book: AppointmentBook
    /// A cancellation of `c` appointments of cell `a` on day `b`, due at the event's time.
    private var cancellations = Simulation(capacity: 4096)
    private static let cancellation: Int32 = 1
    /// Requests that found no slot within the horizon: they ask again on the next working day.
    private var waiting: [Int]
    /// Customers who cancelled or did not come and book again on the next working day.
    private var rebook: [Int]
    /// The replication's demand level, drawn once: what is not known about future demand.
    private let demandLevel: Double
    /// This week's demand factor around that level.
    private var weekFactor = 1.0
    private var tally: WeekTally

    init(model: BacklogModel, seed: UInt64, replication: UInt64) {
        let plan = model.plan
        self.model = model
        behaviour = plan.scenario.behaviour
        var rng = RandomStream(seed: seed, replication: replication, stream: 10)
        demandLevel = Self.lognormalFactor(plan.scenario.demand.uncertainty?.levelSD ?? 0, &rng)
        self.rng = rng
        book = AppointmentBook(plan: plan)
        rebook = [Int](repeating: 0, count: plan.cells.count)
        waiting = plan.cells.map { cell in
            plan.scenario.desks.first { $0.code == cell.desk }?.products[cell.product]?.waiting ?? 0
        }
        tally = WeekTally(cells: plan.cells.count)
    }

    private var plan: NetworkPlan { model.plan }

    /// A lognormal factor with mean 1 and standard deviation about `sd` (1 when `sd` is 0).
    private static func lognormalFactor(_ sd: Double, _ rng: inout RandomStream) -> Double {
        sd > 0 ? exp(sd * rng.normal() - sd * sd / 2) : 1
    }

    /// The last working day customers can book today, `horizon` working days ahead.
    private func bookingLimit(_ today: Int) -> Int {
        plan.workingDay(plan.scenario.bookingHorizonWorkingDays, after: today) ?? plan.totalDays - 1
    }

    // MARK: - The day, in order

    /// On the week's first day: how far demand strays from the plan this week, once the future
    /// is uncertain.
    mutating func drawWeeksDemand(_ today: Int) {
        let scenario = plan.scenario
        guard let uncertainty = scenario.demand.uncertainty,
            today >= uncertainty.from.dayNumber - scenario.start.dayNumber
        else {
            weekFactor = 1
            return
        }
        weekFactor = demandLevel * Self.lognormalFactor(uncertainty.weeklySD, &rng)
    }

    /// Cancellations due today give their slots back; some of those customers book again.
    mutating func returnCancelledSlots(_ today: Int) {
        while let event = cancellations.step(until: Double(today)) {
            let cell = Int(event.a)
            let cancelled = book.cancel(Int(event.c), at: cell, on: Int(event.b))
            rebook[cell] += rng.binomial(cancelled, behaviour.cancellationRebookShare)
        }
    }

    /// Unused urgent capacity some working days ahead becomes bookable by everyone.
    mutating func releaseUrgentReserve(_ today: Int) {
        guard let urgent = plan.scenario.urgent, let day = plan.workingDay(urgent.releaseWorkingDaysAhead, after: today)
        else { return }
        for cell in plan.cells.indices {
            tally.urgentReleased[cell] += Double(book.releaseUrgent(at: cell, on: day))
        }
    }

    /// Today's requests per cell (new ones, rebookings, those still waiting) book: urgent cases
    /// in the reserve, travellers the earliest slot within reach, the rest at their own desk,
    /// then anywhere within reach; whoever finds nothing waits for the next working day.
    mutating func bookRequests(_ today: Int) {
        let limit = bookingLimit(today)
        for cell in plan.cells.indices {
            let expected = plan.demand[cell * plan.totalDays + today] * weekFactor
            var requests = rng.poisson(expected) + rebook[cell] + waiting[cell]
            tally.demand[cell] += expected
            rebook[cell] = 0
            waiting[cell] = 0
            guard requests > 0 else { continue }
            requests = bookUrgent(requests, at: cell, today: today, limit: limit)
            let reach = plan.cells[cell].reach
            let travellers = reach.isEmpty ? 0 : rng.binomial(requests, behaviour.travelShare)
            let stay = requests - travellers + bookTravellers(travellers, from: cell, today: today, limit: limit)
            var left = stay - book(stay, at: cell, today: today, limit: limit)
            // Nothing left at their own desk within the horizon (or it is closing): they book
            // wherever within reach has room rather than wait.
            for other in reach where left > 0 {
                left -= book(left, at: other, today: today, limit: limit)
            }
            waiting[cell] += left
        }
    }

    /// Today's appointments: no-shows waste their slot, and some of them book again.
    mutating func keepAppointments(_ today: Int) {
        for cell in plan.cells.indices {
            let appointments = book.appointments(cell, on: today)
            let noShows = rng.binomial(appointments, behaviour.noShowShare)
            rebook[cell] += rng.binomial(noShows, behaviour.noShowRebookShare)
            tally.served[cell] += Double(appointments - noShows)
            let i = cell * plan.totalDays + today
            tally.capacity[cell] += Double(plan.capacity[i] + plan.urgentCapacity[i])
        }
    }

    /// The working days until the first and the third free slot at every desk, as a customer
    /// asking today sees them. Returns the national wait for the biometrics product, weighted
    /// by today's demand, which drives calls to the information line.
    mutating func measureWaits(_ today: Int) -> Double {
        tally.measuredDays += 1
        let limit = bookingLimit(today)
        let horizon = plan.scenario.bookingHorizonWorkingDays
        let through = plan.workingDaysThrough
        let callsFollow = plan.scenario.roles.biometrics
        var nationalWait = 0.0
        var nationalWeight = 0.0
        for cell in plan.cells.indices {
            let first = book.firstFreeDay(cell, after: today)
            // A desk that no longer opens within the horizon has no waiting time.
            if let closing = plan.closedFrom[cell], closing <= max(today + 1, first) {
                tally.waitFirst[cell] = .nan
                tally.waitThird[cell] = .nan
                continue
            }
            let beyond = Double(horizon) + Double(waiting[cell]) / plan.typicalDailyCapacity[cell]
            let w1 = first <= limit ? Double(through[first] - through[today]) : beyond
            var w3 = beyond
            var seen = 0
            var d = first
            while d <= limit {
                seen += book.freeSlots(cell, on: d)
                if seen >= 3 {
                    w3 = Double(through[d] - through[today])
                    break
                }
                d += 1
            }
            tally.waitFirst[cell] += w1
            tally.waitThird[cell] += w3
            let demand = plan.demand[cell * plan.totalDays + today]
            if plan.cells[cell].product == callsFollow && demand > 0 {
                nationalWait += w1 * demand
                nationalWeight += demand
            }
        }
        return nationalWeight > 0 ? nationalWait / nationalWeight : 0
    }

    /// The information line today: calls rise with the national wait, callers who wait too long
    /// hang up and some call again (Erlang A with redials), and the day's figures are tallied.
    /// The agents the service level needs are worked out once a week, for the week's mean day
    /// (`WeekTally`): a staffing figure, and eight times the work of the day's own figures.
    mutating func answerCalls(_ today: Int, nationalWait: Double) {
        guard let line = plan.scenario.informationLine else { return }
        let fresh = line.callsPerWorkingDay + line.callsPerWaitingDay * nationalWait
        let agents = line.agents.sorted { $0.from < $1.from }.last { $0.from <= plan.dates[today] }?.agents ?? 0
        let day = InformationLineDay(line, freshCalls: fresh, agents: agents)
        tally.phoneCalls += day.calls
        tally.phoneAnswered += day.queue.answeredShare
        tally.phoneAbandoned += day.queue.abandonedShare
        tally.phoneWait += day.queue.meanWaitOfAnswered * 60
        tally.phoneLevel += day.serviceLevel
        tally.phoneFreshCalls += fresh
    }

    /// On the week's last day: the backlog (appointments booked ahead and requests waiting) and
    /// the week's means go into `values`.
    mutating func closeWeek(_ today: Int, into values: inout [Float]) {
        let ahead = min(plan.totalDays, today + 1 + plan.scenario.bookingHorizonWorkingDays * 2)
        let backlog = plan.cells.indices.map { cell in
            ((today + 1)..<ahead).reduce(waiting[cell]) { $0 + book.appointments(cell, on: $1) }
        }
        tally.close(week: today / 7, backlog: backlog, model: model, into: &values)
    }

    // MARK: - Booking

    /// Urgent cases among `requests` take the urgent reserve from tomorrow; returns the requests
    /// left to book like everyone else (all but the urgent ones, and urgent ones without room).
    private mutating func bookUrgent(_ requests: Int, at cell: Int, today: Int, limit: Int) -> Int {
        guard let urgent = plan.scenario.urgent, urgent.demandShare > 0 else { return requests }
        var urgentRequests = rng.binomial(requests, urgent.demandShare)
        let others = requests - urgentRequests
        var day = today + 1
        while urgentRequests > 0 && day <= limit {
            let taken = book.takeUrgent(urgentRequests, at: cell, on: day)
            tally.urgentUsed[cell] += Double(taken)
            urgentRequests -= taken
            day += 1
        }
        return others + urgentRequests
    }

    /// Travellers take the earliest slot among their desk and the desks within reach; returns
    /// those left without one, who then book like those who stay.
    private mutating func bookTravellers(_ travellers: Int, from cell: Int, today: Int, limit: Int) -> Int {
        var left = travellers
        while left > 0 {
            var best = cell
            var bestDay = book.firstFreeDay(cell, after: today)
            for other in plan.cells[cell].reach {
                let day = book.firstFreeDay(other, after: today)
                if day < bestDay {
                    best = other
                    bestDay = day
                }
            }
            guard bestDay <= limit else { break }
            let took = book(min(left, book.freeSlots(best, on: bestDay)), at: best, today: today, limit: limit)
            if took == 0 { break }
            left -= took
        }
        return left
    }

    /// Books up to `n` appointments at `cell`, earliest first, from tomorrow up to `limit`;
    /// returns how many found a slot.
    private mutating func book(_ n: Int, at cell: Int, today: Int, limit: Int) -> Int {
        var left = n
        var day = book.firstFreeDay(cell, after: today)
        while left > 0 && day <= limit {
            let taken = book.take(left, at: cell, on: day)
            if taken > 0 {
                left -= taken
                scheduleCancellations(taken, cell: cell, day: day, today: today)
            }
            day += 1
        }
        return n - left
    }

    /// Some of `count` appointments just booked for `day` will be cancelled, on a day drawn
    /// between tomorrow and the day before the appointment.
    private mutating func scheduleCancellations(_ count: Int, cell: Int, day: Int, today: Int) {
        guard day - today >= 2 else { return }
        let cancelled = rng.binomial(count, behaviour.cancellationShare)
        guard cancelled > 0 else { return }
        let when = today + 1 + Int(rng.uniform() * Double(day - today - 1))
        cancellations.schedule(
            Event(kind: Self.cancellation, a: Int32(cell), b: Int32(day), c: Int32(cancelled)), at: Double(when))
    }
}

import LoketDomain

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One replication of the appointment backlog: every working day, requests arrive per desk and
/// product and book the earliest free slot within the booking horizon at their desk (or, for
/// those who travel, at any desk within reach); cancellations hand capacity back at a random day
/// before the appointment (events on the simulation clock); no-shows waste their slot; the
/// urgent reserve is released a few working days ahead. Measured on every working day, reported
/// as weekly means.
public struct BacklogModel: Sendable {
    public let plan: NetworkPlan
    public let series: [Series]

    public init(plan: NetworkPlan) {
        self.plan = plan
        var series = plan.cells.map { Series(desk: $0.desk, product: $0.product, metrics: Metric.deskMetrics) }
        series += plan.products.map { Series(desk: "NL", product: $0, metrics: Metric.deskMetrics) }
        if plan.scenario.informationLine != nil { series.append(Series(desk: "PHONE", product: "CALLS", metrics: Metric.phoneMetrics)) }
        self.series = series
    }

    public var weeks: Int { plan.scenario.weeks }
    /// Values per replication: `(seriesIndex * Metric.allCases.count + metric) * weeks + week`.
    public var valueCount: Int { series.count * Metric.allCases.count * weeks }

    public func index(series: Int, metric: Metric, week: Int) -> Int {
        (series * Metric.allCases.count + Metric.allCases.firstIndex(of: metric)!) * weeks + week
    }

    /// A cancellation of `count` (c) appointments of cell `a` on day `b`, taking effect at the event's time.
    static let cancellation: Int32 = 1

    /// Runs one replication into `values` (length `valueCount`).
    public func run(seed: UInt64, replication: UInt64, into values: inout [Float]) {
        let scenario = plan.scenario
        let cellCount = plan.cells.count, totalDays = plan.totalDays
        let behaviour = scenario.behaviour
        let horizon = scenario.bookingHorizonWorkingDays
        // Calls to the information line follow the national wait for this product.
        let callsFollow = scenario.roles.biometrics
        var rng = RandomStream(seed: seed, replication: replication, stream: 10)
        var free = plan.capacity
        var urgentFree = plan.urgentCapacity
        var booked = [Int32](repeating: 0, count: cellCount * totalDays)
        var firstFree = [Int](repeating: 1, count: cellCount)
        var waiting = [Int](repeating: 0, count: cellCount)
        var rebook = [Int](repeating: 0, count: cellCount)
        var events = Simulation(capacity: 4096)
        let uncertainty = scenario.demand.uncertainty
        let uncertainFrom = uncertainty.map { $0.from.dayNumber - scenario.start.dayNumber } ?? Int.max
        func lognormalFactor(_ sd: Double) -> Double { sd > 0 ? exp(sd * rng.normal() - sd * sd / 2) : 1 }
        let level = lognormalFactor(uncertainty?.levelSD ?? 0)
        var weekFactor = 1.0

        // The backlog at the start: every slot up to the initial wait is booked.
        for (c, cell) in plan.cells.enumerated() {
            guard cell.initialWait > 0, let last = plan.workingDay(cell.initialWait, after: 0) else { continue }
            for day in 1...last {
                booked[c * totalDays + day] = free[c * totalDays + day]
                free[c * totalDays + day] = 0
            }
            firstFree[c] = last + 1
        }

        // Weekly accumulators per cell.
        var waitFirst = [Double](repeating: 0, count: cellCount), waitThird = waitFirst
        var servedWeek = waitFirst, capacityWeek = waitFirst, urgentUsed = waitFirst, urgentReleased = waitFirst
        var demandWeek = waitFirst
        var measuredDays = 0
        var phoneCalls = 0.0, phoneWait = 0.0, phoneLevel = 0.0

        @inline(__always) func advance(_ c: Int, from day: Int) {
            var d = max(firstFree[c], day + 1)
            while d < totalDays && free[c * totalDays + d] == 0 { d += 1 }
            firstFree[c] = d
        }

        /// Books up to `n` appointments at cell `c` from tomorrow within the horizon; returns how many.
        @inline(__always) func book(_ n: Int, at c: Int, today: Int, limit: Int) -> Int {
            var left = n
            advance(c, from: today)
            var d = firstFree[c]
            while left > 0 && d <= limit {
                let i = c * totalDays + d
                let take = min(left, Int(free[i]))
                if take > 0 {
                    free[i] -= Int32(take)
                    booked[i] += Int32(take)
                    left -= take
                    scheduleCancellations(take, cell: c, day: d, today: today)
                }
                d += 1
            }
            advance(c, from: today)
            return n - left
        }

        @inline(__always) func scheduleCancellations(_ k: Int, cell c: Int, day d: Int, today: Int) {
            guard d - today >= 2 else { return }
            let cancelled = rng.binomial(k, behaviour.cancellationShare)
            guard cancelled > 0 else { return }
            let when = today + 1 + Int(rng.uniform() * Double(d - today - 1))
            events.schedule(Event(kind: Self.cancellation, a: Int32(c), b: Int32(d), c: Int32(cancelled)), at: Double(when))
        }

        for today in 0..<plan.simulatedDays {
            if today % 7 == 0 { weekFactor = today >= uncertainFrom ? level * lognormalFactor(uncertainty!.weeklySD) : 1 }
            // Cancellations due today give their capacity back.
            while let cancellation = events.step(until: Double(today)) {
                let c = Int(cancellation.a), d = Int(cancellation.b), i = c * totalDays + d
                let count = min(Int(cancellation.c), Int(booked[i]))
                booked[i] -= Int32(count)
                free[i] += Int32(count)
                if d < firstFree[c] { firstFree[c] = d }
                rebook[c] += rng.binomial(count, behaviour.cancellationRebookShare)
            }
            let working = plan.isWorkingDay[today]
            // Unused urgent capacity some working days ahead becomes bookable by everyone.
            if working, let urgent = scenario.urgent, let release = plan.workingDay(urgent.releaseWorkingDaysAhead, after: today) {
                for c in 0..<cellCount {
                    let i = c * totalDays + release
                    let unused = urgentFree[i]
                    guard unused > 0 else { continue }
                    free[i] += unused
                    urgentFree[i] = 0
                    urgentReleased[c] += Double(unused)
                    if release < firstFree[c] { firstFree[c] = release }
                }
            }
            if working {
                let limit = plan.workingDay(horizon, after: today) ?? totalDays - 1
                for c in 0..<cellCount {
                    let expected = plan.demand[c * totalDays + today] * weekFactor
                    var requests = rng.poisson(expected) + rebook[c] + waiting[c]
                    demandWeek[c] += expected
                    rebook[c] = 0
                    waiting[c] = 0
                    guard requests > 0 else { continue }
                    if let urgent = scenario.urgent, urgent.demandShare > 0 {
                        var urgentRequests = rng.binomial(requests, urgent.demandShare)
                        requests -= urgentRequests
                        var d = today + 1
                        while urgentRequests > 0 && d <= limit {
                            let i = c * totalDays + d
                            let take = min(urgentRequests, Int(urgentFree[i]))
                            urgentFree[i] -= Int32(take)
                            booked[i] += Int32(take)
                            urgentUsed[c] += Double(take)
                            urgentRequests -= take
                            d += 1
                        }
                        requests += urgentRequests // no urgent room left: they book like everyone else
                    }
                    let reach = plan.cells[c].reach
                    var travellers = reach.isEmpty ? 0 : rng.binomial(requests, behaviour.travelShare)
                    var stay = requests - travellers
                    // Travellers take the earliest slot among their desk and the desks within reach.
                    while travellers > 0 {
                        advance(c, from: today)
                        var best = c
                        for r in reach {
                            advance(r, from: today)
                            if firstFree[r] < firstFree[best] { best = r }
                        }
                        guard firstFree[best] <= limit else { break }
                        let took = book(min(travellers, Int(free[best * totalDays + firstFree[best]])), at: best, today: today, limit: limit)
                        if took == 0 { break }
                        travellers -= took
                    }
                    stay += travellers
                    var left = stay - book(stay, at: c, today: today, limit: limit)
                    // Nothing left at their own desk within the horizon (or it is closing): they book
                    // wherever within reach has room rather than wait.
                    for r in reach where left > 0 {
                        left -= book(left, at: r, today: today, limit: limit)
                    }
                    waiting[c] += left
                }
            }
            // Today's appointments: no-shows waste their slot, some book again.
            for c in 0..<cellCount {
                let i = c * totalDays + today
                let appointments = Int(booked[i])
                let noShows = rng.binomial(appointments, behaviour.noShowShare)
                rebook[c] += rng.binomial(noShows, behaviour.noShowRebookShare)
                servedWeek[c] += Double(appointments - noShows)
                capacityWeek[c] += Double(plan.capacity[i] + plan.urgentCapacity[i])
            }
            // Measure the waits on working days.
            if working {
                measuredDays += 1
                let limit = plan.workingDay(horizon, after: today) ?? totalDays - 1
                var nationalWait = 0.0, nationalWeight = 0.0
                for c in 0..<cellCount {
                    advance(c, from: today)
                    // A desk that no longer opens within the horizon has no waiting time.
                    if let closing = plan.closedFrom[c], closing <= max(today + 1, firstFree[c]) {
                        waitFirst[c] = .nan
                        waitThird[c] = .nan
                        continue
                    }
                    let beyond = Double(horizon) + Double(waiting[c]) / plan.typicalDailyCapacity[c]
                    let first = firstFree[c]
                    let w1 = first <= limit ? Double(plan.workingDaysThrough[first] - plan.workingDaysThrough[today]) : beyond
                    var w3 = beyond, seen = 0, d = first
                    while d <= limit {
                        seen += Int(free[c * totalDays + d])
                        if seen >= 3 { w3 = Double(plan.workingDaysThrough[d] - plan.workingDaysThrough[today]); break }
                        d += 1
                    }
                    waitFirst[c] += w1
                    waitThird[c] += w3
                    if plan.cells[c].product == callsFollow && plan.demand[c * totalDays + today] > 0 {
                        nationalWait += w1 * plan.demand[c * totalDays + today]
                        nationalWeight += plan.demand[c * totalDays + today]
                    }
                }
                if let line = scenario.informationLine {
                    let wait = nationalWeight > 0 ? nationalWait / nationalWeight : 0
                    let calls = line.callsPerWorkingDay + line.callsPerWaitingDay * wait
                    let agents = line.agents.sorted { $0.from < $1.from }.last { $0.from <= plan.dates[today] }?.agents ?? 0
                    let queue = ErlangC(arrivalRate: calls / line.openHoursPerDay, serviceRate: 60 / line.meanCallMinutes, servers: max(1, agents))
                    phoneCalls += calls
                    // An overloaded line: callers wait, at worst, the rest of the day; report a working day.
                    phoneWait += queue.utilisation < 1 ? min(queue.meanWaitInQueue * 60, line.openHoursPerDay * 60) : line.openHoursPerDay * 60
                    phoneLevel += queue.serviceLevel(within: line.targetAnswerSeconds / 3600)
                }
            }
            // Close the week.
            if today % 7 == 6 {
                let week = today / 7
                let days = Double(max(1, measuredDays))
                var national = [String: (wait1: Double, wait3: Double, weight: Double, backlog: Double, served: Double, capacity: Double, used: Double, released: Double)]()
                for c in 0..<cellCount {
                    var backlog = waiting[c]
                    for d in (today + 1)..<min(totalDays, today + 1 + horizon * 2) { backlog += Int(booked[c * totalDays + d]) }
                    let utilisation = capacityWeek[c] > 0 ? servedWeek[c] / capacityWeek[c] : 0
                    let row: [(Metric, Double)] = [(.waitFirstSlot, waitFirst[c] / days), (.waitThirdSlot, waitThird[c] / days),
                                                   (.backlog, Double(backlog)), (.utilisation, utilisation),
                                                   (.urgentUsed, urgentUsed[c]), (.urgentReleased, urgentReleased[c])]
                    for (metric, value) in row { values[index(series: c, metric: metric, week: week)] = Float(value) }
                    let weight = demandWeek[c]
                    var n = national[plan.cells[c].product] ?? (0, 0, 0, 0, 0, 0, 0, 0)
                    if !waitFirst[c].isNaN {
                        n.wait1 += waitFirst[c] / days * weight
                        n.wait3 += waitThird[c] / days * weight
                        n.weight += weight
                    }
                    n.backlog += Double(backlog)
                    n.served += servedWeek[c]
                    n.capacity += capacityWeek[c]
                    n.used += urgentUsed[c]
                    n.released += urgentReleased[c]
                    national[plan.cells[c].product] = n
                    waitFirst[c] = 0; waitThird[c] = 0; servedWeek[c] = 0; capacityWeek[c] = 0
                    urgentUsed[c] = 0; urgentReleased[c] = 0; demandWeek[c] = 0
                }
                for (p, product) in plan.products.enumerated() {
                    let n = national[product]!
                    let s = cellCount + p
                    let row: [(Metric, Double)] = [(.waitFirstSlot, n.weight > 0 ? n.wait1 / n.weight : 0), (.waitThirdSlot, n.weight > 0 ? n.wait3 / n.weight : 0),
                                                   (.backlog, n.backlog), (.utilisation, n.capacity > 0 ? n.served / n.capacity : 0),
                                                   (.urgentUsed, n.used), (.urgentReleased, n.released)]
                    for (metric, value) in row { values[index(series: s, metric: metric, week: week)] = Float(value) }
                }
                if scenario.informationLine != nil {
                    let s = series.count - 1
                    values[index(series: s, metric: .callsPerDay, week: week)] = Float(phoneCalls / days)
                    values[index(series: s, metric: .answerWaitMinutes, week: week)] = Float(phoneWait / days)
                    values[index(series: s, metric: .serviceLevel, week: week)] = Float(phoneLevel / days)
                    phoneCalls = 0; phoneWait = 0; phoneLevel = 0
                }
                measuredDays = 0
            }
        }
    }
}

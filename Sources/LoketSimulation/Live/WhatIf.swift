import Foundation
import LoketDomain

/// A planner's changes to today's scenario, as the forecast page asks for them (a refused
/// change names the page's field): counters per
/// desk, Saturday openings, hiring, courier share, reuse of biometrics, a desk that closes and
/// a demand shock. Kept as JSON with the run, and applied to the scenario the run stores, so
/// that the YAML file repeats exactly what the page did.
public struct WhatIf: Sendable, Hashable, Codable {
    /// Counters added (or, negative, taken away) per desk for the norm's product.
    public var counters: [String: Double]?
    /// Desks that open on Saturdays, and how.
    public var saturdays: [String: SaturdayOpening]?
    public var hiring: Hiring?
    /// Share of documents delivered by courier instead of collected.
    public var courierShare: Double?
    /// Share of biometrics visits avoided because earlier biometrics are reused.
    public var biometricsReuseShare: Double?
    public var closure: Closure?
    public var shock: Shock?
    /// The information line, which the database knows nothing about: forecast beside the desks'
    /// wait when given.
    public var informationLine: InformationLine?

    public struct InformationLine: Sendable, Hashable, Codable {
        public var callsPerWorkingDay: Double
        /// Extra calls a day for every working day of national wait.
        public var callsPerWaitingDay: Double
        /// Where that relation comes from.
        public var source: String
        public var agents: Int
        public var openHoursPerDay: Double
        public var meanCallMinutes: Double
        public var meanPatienceSeconds: Double
        public var retrialShare: Double

        public init(
            callsPerWorkingDay: Double, callsPerWaitingDay: Double, source: String, agents: Int,
            openHoursPerDay: Double, meanCallMinutes: Double, meanPatienceSeconds: Double, retrialShare: Double
        ) {
            self.callsPerWorkingDay = callsPerWorkingDay
            self.callsPerWaitingDay = callsPerWaitingDay
            self.source = source
            self.agents = agents
            self.openHoursPerDay = openHoursPerDay
            self.meanCallMinutes = meanCallMinutes
            self.meanPatienceSeconds = meanPatienceSeconds
            self.retrialShare = retrialShare
        }
    }

    public struct SaturdayOpening: Sendable, Hashable, Codable {
        public var hours: Double
        /// Share of the weekday counters staffed.
        public var counterShare: Double

        public init(hours: Double, counterShare: Double) {
            self.hours = hours
            self.counterShare = counterShare
        }
    }

    /// People hired every month, spread over the desks in proportion to their demand.
    public struct Hiring: Sendable, Hashable, Codable {
        public var perMonth: Int
        public var months: Int
        public var recruitmentDelayWeeks: Int
        public var trainingWeeks: Int
        public var trainingProductivity: Double
        /// The most people in training at one desk at once (the absorption limit).
        public var maxInTrainingPerDesk: Int

        public init(
            perMonth: Int, months: Int, recruitmentDelayWeeks: Int, trainingWeeks: Int, trainingProductivity: Double,
            maxInTrainingPerDesk: Int
        ) {
            self.perMonth = perMonth
            self.months = months
            self.recruitmentDelayWeeks = recruitmentDelayWeeks
            self.trainingWeeks = trainingWeeks
            self.trainingProductivity = trainingProductivity
            self.maxInTrainingPerDesk = maxInTrainingPerDesk
        }
    }

    public struct Closure: Sendable, Hashable, Codable {
        public var desk: String
        public var date: LocalDate
        /// Where its demand goes.
        public var to: String
        public var countersMoved: Double

        public init(desk: String, date: LocalDate, to: String, countersMoved: Double) {
            self.desk = desk
            self.date = date
            self.to = to
            self.countersMoved = countersMoved
        }
    }

    public struct Shock: Sendable, Hashable, Codable {
        public var factor: Double
        public var from: LocalDate
        public var until: LocalDate
        /// One product, or all when left out.
        public var product: String?

        public init(factor: Double, from: LocalDate, until: LocalDate, product: String?) {
            self.factor = factor
            self.from = from
            self.until = until
            self.product = product
        }
    }

    public init(
        counters: [String: Double]? = nil, saturdays: [String: SaturdayOpening]? = nil, hiring: Hiring? = nil,
        courierShare: Double? = nil, biometricsReuseShare: Double? = nil, closure: Closure? = nil, shock: Shock? = nil,
        informationLine: InformationLine? = nil
    ) {
        self.counters = counters
        self.saturdays = saturdays
        self.hiring = hiring
        self.courierShare = courierShare
        self.biometricsReuseShare = biometricsReuseShare
        self.closure = closure
        self.shock = shock
        self.informationLine = informationLine
    }

    public var isEmpty: Bool { self == WhatIf() }

    /// `scenario` with the changes; every change that does not fit it is refused, naming its field.
    /// They are checked in a fixed order, and the first that does not fit is the one refused.
    public func apply(to scenario: Scenario) throws(Refusal) -> Scenario {
        var s = scenario
        let main = s.norm?.product ?? s.roles.biometrics
        try applyCounters(to: &s, product: main)
        try applySaturdays(to: &s)
        if let hiring { s.hiring = try Self.hiringPlan(hiring, scenario: s, product: main) }
        if let courierShare {
            guard (0...1).contains(courierShare) else {
                throw Refusal.invalid("courierShare", "out_of_range", "From 0 to 100%.")
            }
            s.courier = [Scenario.CourierStep(from: s.start, share: courierShare)]
        }
        let shocks = try demandShocks(for: s)
        s.demand.shocks = shocks.isEmpty ? nil : shocks
        if let closure { try Self.close(closure, in: &s) }
        if let informationLine { s.informationLine = try Self.informationLinePlan(informationLine, from: s.start) }
        return s
    }

    /// The index of the desk `code` in `scenario`, or a refusal naming `field`.
    private static func deskIndex(_ code: String, in scenario: Scenario, field: String) throws(Refusal) -> Int {
        guard let i = scenario.desks.firstIndex(where: { $0.code == code }) else {
            throw Refusal.invalid(field, "unknown_desk", "No desk \(code) in the forecast.")
        }
        return i
    }

    /// Adds the extra counters to each desk's `product`, desks in code order.
    private func applyCounters(to s: inout Scenario, product main: String) throws(Refusal) {
        for (code, extra) in (counters ?? [:]).sorted(by: { $0.key < $1.key }) where extra != 0 {
            let i = try Self.deskIndex(code, in: s, field: "counters.\(code)")
            guard var product = s.desks[i].products[main], product.counters + extra >= 0, extra.magnitude <= 500 else {
                throw Refusal.invalid(
                    "counters.\(code)", "out_of_range", "More counters than there are taken away.")
            }
            product.counters += extra
            s.desks[i].products[main] = product
        }
    }

    /// Opens each desk on Saturdays from the scenario's start, desks in code order.
    private func applySaturdays(to s: inout Scenario) throws(Refusal) {
        for (code, opening) in (saturdays ?? [:]).sorted(by: { $0.key < $1.key }) {
            let i = try Self.deskIndex(code, in: s, field: "saturdayHours.\(code)")
            guard (0...12).contains(opening.hours), (0...1).contains(opening.counterShare) else {
                throw Refusal.invalid(
                    "saturdayHours.\(code)", "out_of_range", "Up to 12 hours, with a share of counters from 0 to 1.")
            }
            s.desks[i].hours.append(
                Scenario.HoursStep(
                    from: s.start, weekdayHours: nil, saturdayHours: opening.hours,
                    saturdayCounterShare: opening.counterShare))
        }
    }

    /// The hiring plan, its hires spread over the desks of `scenario` as it stands.
    private static func hiringPlan(
        _ hiring: Hiring, scenario: Scenario, product: String
    ) throws(Refusal) -> Scenario.HiringPlan {
        guard (0...200).contains(hiring.perMonth), (1...36).contains(hiring.months) else {
            throw Refusal.invalid("hiresPerMonth", "out_of_range", "0 to 200 a month, for 1 to 36 months.")
        }
        guard (0...52).contains(hiring.recruitmentDelayWeeks), (0...52).contains(hiring.trainingWeeks),
            (0...1).contains(hiring.trainingProductivity), (1...50).contains(hiring.maxInTrainingPerDesk)
        else {
            throw Refusal.invalid(
                "trainingWeeks", "out_of_range",
                "Delay and training up to 52 weeks, productivity 0 to 1, 1 to 50 in training per desk.")
        }
        return Scenario.HiringPlan(
            recruitmentDelayWeeks: hiring.recruitmentDelayWeeks, trainingWeeks: hiring.trainingWeeks,
            trainingProductivity: hiring.trainingProductivity, maxInTrainingPerDesk: hiring.maxInTrainingPerDesk,
            hires: hires(hiring, scenario: scenario, product: product))
    }

    /// The scenario's own shocks, then the drop in biometrics visits from reuse, then the
    /// planner's shock.
    private func demandShocks(for s: Scenario) throws(Refusal) -> [Scenario.Shock] {
        var shocks = s.demand.shocks ?? []
        if let biometricsReuseShare {
            guard (0..<1).contains(biometricsReuseShare) else {
                throw Refusal.invalid("biometricsReuse", "out_of_range", "From 0 to below 100%.")
            }
            shocks.append(
                Scenario.Shock(
                    from: s.start, until: s.end, product: s.roles.biometrics, desk: nil,
                    factor: 1 - biometricsReuseShare))
        }
        if let shock {
            guard shock.factor >= 0, shock.factor <= 10, shock.from <= shock.until else {
                throw Refusal.invalid(
                    "shockPercent", "out_of_range", "From 0 to 1,000%, the first day before the last.")
            }
            if let product = shock.product, s.products[product] == nil {
                throw Refusal.invalid("shockProduct", "unknown_product", "No product \(product) in the forecast.")
            }
            shocks.append(
                Scenario.Shock(
                    from: shock.from, until: shock.until, product: shock.product, desk: nil, factor: shock.factor))
        }
        return shocks
    }

    /// Closes the desk on the day given, its work going to a desk that offers all its products.
    private static func close(_ closure: Closure, in s: inout Scenario) throws(Refusal) {
        let i = try deskIndex(closure.desk, in: s, field: "closeDesk")
        guard s.desks.contains(where: { $0.code == closure.to }), closure.to != closure.desk else {
            throw Refusal.invalid("closeTo", "unknown_desk", "Name another desk that takes the work over.")
        }
        guard (0...1).contains(closure.countersMoved) else {
            throw Refusal.invalid("closeMoved", "out_of_range", "From 0 to 100%.")
        }
        let desks = s.desks
        guard
            desks[i].products.keys.allSatisfy({ key in
                desks.contains { $0.code == closure.to && $0.products[key] != nil }
            })
        else {
            throw Refusal.invalid(
                "closeTo", "not_offered", "\(closure.to) does not offer all of \(closure.desk)'s products.")
        }
        s.desks[i].closes = Scenario.Closing(date: closure.date, to: closure.to, countersMoved: closure.countersMoved)
    }

    /// The information line from the scenario's start, its agents fixed and its service level the
    /// usual 80% within 20 seconds.
    private static func informationLinePlan(
        _ line: InformationLine, from start: LocalDate
    ) throws(Refusal) -> Scenario.InformationLine {
        guard (0...1_000_000).contains(line.callsPerWorkingDay), (0...100_000).contains(line.callsPerWaitingDay)
        else {
            throw Refusal.invalid("phoneCalls", "out_of_range", "Up to a million calls a day.")
        }
        guard (1...5000).contains(line.agents) else {
            throw Refusal.invalid("phoneAgents", "out_of_range", "From 1 to 5,000 agents.")
        }
        guard (1...24).contains(line.openHoursPerDay) else {
            throw Refusal.invalid("phoneHours", "out_of_range", "From 1 to 24 hours a day.")
        }
        guard line.meanCallMinutes > 0, line.meanCallMinutes <= 120 else {
            throw Refusal.invalid("phoneCallMinutes", "out_of_range", "Above 0 and up to 120 minutes.")
        }
        // The Erlang A chain grows with patience on an overloaded line: an hour is plenty.
        guard line.meanPatienceSeconds >= 1, line.meanPatienceSeconds <= 3600 else {
            throw Refusal.invalid("phonePatience", "out_of_range", "From 1 second to an hour.")
        }
        guard (0..<0.96).contains(line.retrialShare) else {
            throw Refusal.invalid("phoneRedials", "out_of_range", "From 0 to 95%: not everyone calls again.")
        }
        return Scenario.InformationLine(
            callsPerWorkingDay: line.callsPerWorkingDay, callsPerWaitingDay: line.callsPerWaitingDay,
            source: line.source, openHoursPerDay: line.openHoursPerDay, meanCallMinutes: line.meanCallMinutes,
            meanPatienceSeconds: line.meanPatienceSeconds, retrialShare: line.retrialShare,
            serviceLevel: Scenario.ServiceLevelTarget(share: 0.8, withinSeconds: 20),
            agents: [Scenario.AgentStep(from: start, agents: line.agents)])
    }

    /// The monthly hires spread over the desks in proportion to their demand for `product`,
    /// largest remainder first so that every month's total is exact.
    static func hires(_ hiring: Hiring, scenario: Scenario, product: String) -> [Scenario.Hire] {
        let desks = scenario.desks.filter { $0.products[product] != nil && $0.closes == nil }
        let demand = desks.map { $0.products[product]!.demandPerWorkingDay }
        let total = demand.reduce(0, +)
        guard hiring.perMonth > 0, !desks.isEmpty else { return [] }
        let shares = total > 0 ? demand.map { $0 / total } : demand.map { _ in 1 / Double(desks.count) }
        var hires: [Scenario.Hire] = []
        var owed = [Double](repeating: 0, count: desks.count)
        for month in 0..<hiring.months {
            // What each desk is owed so far, handed out in whole people.
            for i in desks.indices { owed[i] += Double(hiring.perMonth) * shares[i] }
            var left = hiring.perMonth
            let order = desks.indices.sorted { owed[$0] > owed[$1] }
            var counts = [Int](repeating: 0, count: desks.count)
            for i in order where left > 0 {
                let n = min(left, max(0, Int(owed[i].rounded(.down))))
                counts[i] = n
                left -= n
            }
            for i in order where left > 0 && owed[i] - Double(counts[i]) > 0 {
                counts[i] += 1
                left -= 1
            }
            for i in desks.indices where counts[i] > 0 {
                owed[i] -= Double(counts[i])
                hires.append(
                    Scenario.Hire(
                        date: scenario.start.adding(days: month * 30), desk: desks[i].code, product: product,
                        counters: counts[i]))
            }
        }
        return hires
    }
}

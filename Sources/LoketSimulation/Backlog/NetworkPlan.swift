import LoketDomain

/// A scenario turned into day-by-day arrays that every replication shares read-only: the
/// calendar, the capacity of each desk and product on each day (opening hours, staff, hires,
/// closures) and the expected demand. Only the random parts are left to the replications.
public struct NetworkPlan: Sendable {
    /// One desk offering one product: the unit the model books in.
    public struct Cell: Sendable {
        public let desk: String
        public let product: String
        /// Cells of the same product at the desks this desk's travelling customers also take.
        public let reach: [Int]
        public let initialWait: Int
    }

    public let scenario: Scenario
    public let cells: [Cell]
    public let products: [String]
    /// Simulated days, then the booking horizon beyond the last one.
    public let simulatedDays: Int
    public let totalDays: Int
    public let dates: [LocalDate]
    public let isWorkingDay: [Bool]
    /// Working days up to and including each day, so that waits are differences.
    public let workingDaysThrough: [Int]
    /// The day index of the n-th working day (0-based) of the whole span.
    public let workingDayIndex: [Int]
    /// Bookable (non-urgent) appointments per cell per day, flattened `cell * totalDays + day`.
    public let capacity: [Int32]
    /// Protected urgent appointments per cell per day.
    public let urgentCapacity: [Int32]
    /// Expected requests per cell per day (zero on days that are not working days).
    public let demand: [Double]
    /// Appointments per working day per cell at the start, to express waits beyond the horizon.
    public let typicalDailyCapacity: [Double]
    /// The day index from which a cell's desk is closed for good, if it closes.
    public let closedFrom: [Int?]

    public init(_ scenario: Scenario) throws {
        self.scenario = scenario
        let holidays = WorkingDays(holidays: DutchHolidays(liberationDay: scenario.liberationDay ?? .lustrum))
        simulatedDays = scenario.weeks * 7
        totalDays = simulatedDays + scenario.bookingHorizonWorkingDays * 7 / 5 + 40
        dates = (0..<totalDays).map { scenario.start.adding(days: $0) }
        isWorkingDay = dates.map(holidays.isWorkingDay)
        (workingDaysThrough, workingDayIndex) = Self.countWorkingDays(isWorkingDay)
        let (cells, cellIndex) = try Self.cells(scenario)
        self.cells = cells
        products = Array(Set(cells.map(\.product))).sorted()
        try Self.checkRoles(scenario)
        let (capacity, urgent) = try Self.capacity(
            scenario, cells: cells, cellIndex: cellIndex, dates: dates, holidays: holidays)
        var demand = [Double](repeating: 0, count: cells.count * totalDays)
        for (c, cell) in cells.enumerated() {
            for day in 0..<totalDays where isWorkingDay[day] {
                demand[c * totalDays + day] = Self.expectedDemand(
                    scenario, cell: cell, day: day, date: dates[day], cellIndex: cellIndex)
            }
        }
        Self.deliverByCourier(&demand, scenario, cells: cells, dates: dates, totalDays: totalDays)
        try Self.moveDemandOfClosedDesks(&demand, scenario, cellIndex: cellIndex, dates: dates)
        self.capacity = capacity
        urgentCapacity = urgent
        let start = scenario.start
        closedFrom = cells.map { cell in
            scenario.desks.first { $0.code == cell.desk }!.closes.map { $0.date.dayNumber - start.dayNumber }
        }
        self.demand = demand
        let span = totalDays
        let workingFlags = isWorkingDay
        typicalDailyCapacity = (0..<cells.count).map { c in
            let days = (0..<min(span, 28)).filter { workingFlags[$0] }
            let sum = days.reduce(0.0) { $0 + Double(capacity[c * span + $1] + urgent[c * span + $1]) }
            return max(1, sum / Double(max(1, days.count)))
        }
    }

    /// For each day, the working days up to and including it; and the day index of each working day.
    static func countWorkingDays(_ isWorkingDay: [Bool]) -> (through: [Int], index: [Int]) {
        var through: [Int] = []
        var index: [Int] = []
        var count = 0
        for (day, working) in isWorkingDay.enumerated() {
            if working {
                count += 1
                index.append(day)
            }
            through.append(count)
        }
        return (through, index)
    }

    /// One cell per desk and product it offers (products in key order), and each cell's index by
    /// `desk/product`.
    static func cells(_ scenario: Scenario) throws -> (cells: [Cell], index: [String: Int]) {
        var cells: [Cell] = []
        var cellIndex: [String: Int] = [:]
        for desk in scenario.desks {
            for product in desk.products.keys.sorted() {
                guard scenario.products[product] != nil else { throw ScenarioError.unknownProduct(desk.code, product) }
                cellIndex["\(desk.code)/\(product)"] = cells.count
                cells.append(
                    Cell(
                        desk: desk.code, product: product, reach: [],
                        initialWait: desk.products[product]!.initialWaitWorkingDays))
            }
        }
        // Reach, now that every cell has its index.
        cells = cells.map { cell in
            let desk = scenario.desks.first { $0.code == cell.desk }!
            let reach = (desk.reach ?? []).compactMap { cellIndex["\($0)/\(cell.product)"] }
            return Cell(desk: cell.desk, product: cell.product, reach: reach, initialWait: cell.initialWait)
        }
        return (cells, cellIndex)
    }

    /// A role the scenario uses must name one of its products: a misspelt key would otherwise
    /// leave the courier or the information line without effect, silently.
    static func checkRoles(_ scenario: Scenario) throws {
        if scenario.courier != nil, scenario.products[scenario.roles.collection] == nil {
            throw ScenarioError.unknownRoleProduct("collection", scenario.roles.collection)
        }
        if scenario.informationLine != nil, scenario.products[scenario.roles.biometrics] == nil {
            throw ScenarioError.unknownRoleProduct("biometrics", scenario.roles.biometrics)
        }
        // Everyone redialling never settles, and the Erlang A chain grows with patience.
        if let line = scenario.informationLine,
            !(0..<1).contains(line.retrialShare ?? 0) || !(1...3600).contains(line.meanPatienceSeconds)
        {
            throw ScenarioError.outOfRange(
                "informationLine: retrialShare must be below 1 and meanPatienceSeconds from 1 to 3600")
        }
    }

    /// Appointments per cell per day, flattened `cell * days + day`: bookable, and protected for
    /// urgent requests. None on Sundays, holidays and from the day a desk closes.
    static func capacity(
        _ scenario: Scenario, cells: [Cell], cellIndex: [String: Int], dates: [LocalDate], holidays: WorkingDays
    ) throws -> (bookable: [Int32], urgent: [Int32]) {
        let totalDays = dates.count
        var capacity = [Int32](repeating: 0, count: cells.count * totalDays)
        var urgent = [Int32](repeating: 0, count: cells.count * totalDays)
        let counters = try Self.counters(scenario, cells: cells, cellIndex: cellIndex, totalDays: totalDays)
        let extraHours = try Self.extraCounterHours(scenario, cellIndex: cellIndex, cells: cells.count)
        let urgentShare = scenario.urgent?.share ?? 0
        for (c, cell) in cells.enumerated() {
            let desk = scenario.desks.first { $0.code == cell.desk }!
            let minutes = scenario.products[cell.product]!.minutesPerAppointment
            for day in 0..<totalDays {
                let date = dates[day]
                if let closes = desk.closes, date >= closes.date { continue }
                let weekday = date.weekday
                guard weekday != .sunday, !holidays.isHoliday(date) else { continue }
                let hours = Self.hours(desk, on: date)
                let staffed = weekday == .saturday ? counters[c][day] * hours.saturdayShare : counters[c][day]
                let openHours = weekday == .saturday ? hours.saturday : hours.weekday
                let extra = weekday == .saturday ? 0 : extraHours[c].last { $0.from <= date }?.hours ?? 0
                let total = ((staffed * openHours + extra) * 60 / minutes).rounded(.down)
                let protected = (total * urgentShare).rounded()
                capacity[c * totalDays + day] = Int32(total - protected)
                urgent[c * totalDays + day] = Int32(protected)
            }
        }
        return (capacity, urgent)
    }

    /// A closed desk's demand goes to its successor from the day it closes.
    static func moveDemandOfClosedDesks(
        _ demand: inout [Double], _ scenario: Scenario, cellIndex: [String: Int], dates: [LocalDate]
    ) throws {
        let totalDays = dates.count
        for desk in scenario.desks {
            guard let closes = desk.closes else { continue }
            for product in desk.products.keys {
                guard let from = cellIndex["\(desk.code)/\(product)"], let to = cellIndex["\(closes.to)/\(product)"]
                else {
                    throw ScenarioError.unknownDesk(closes.to)
                }
                for day in 0..<totalDays where dates[day] >= closes.date {
                    demand[to * totalDays + day] += demand[from * totalDays + day]
                    demand[from * totalDays + day] = 0
                }
            }
        }
    }

    /// The working day `n` working days after `day` (n ≥ 1), or nil past the plan.
    public func workingDay(_ n: Int, after day: Int) -> Int? {
        let target = workingDaysThrough[day] + n - 1
        return target < workingDayIndex.count ? workingDayIndex[target] : nil
    }

    struct Hours {
        var weekday: Double
        var saturday: Double
        var saturdayShare: Double
    }

    static func hours(_ desk: Scenario.DeskParameters, on date: LocalDate) -> Hours {
        var hours = Hours(weekday: 0, saturday: 0, saturdayShare: 1)
        for step in desk.hours where step.from <= date {
            if let v = step.weekdayHours { hours.weekday = v }
            if let v = step.saturdayHours { hours.saturday = v }
            if let v = step.saturdayCounterShare { hours.saturdayShare = v }
        }
        return hours
    }

    /// Effective counters per cell per day: the base, counters moved from a closed desk, and hires
    /// who start after the recruitment delay, wait for a training place when the desk's
    /// absorption limit is reached, and produce less while in training.
    static func counters(
        _ scenario: Scenario, cells: [Cell], cellIndex: [String: Int], totalDays: Int
    ) throws -> [[Double]] {
        var counters = cells.map { cell in
            [Double](
                repeating: scenario.desks.first { $0.code == cell.desk }!.products[cell.product]!.counters,
                count: totalDays)
        }
        for desk in scenario.desks {
            guard let closes = desk.closes else { continue }
            let closeDay = closes.date.dayNumber - scenario.start.dayNumber
            for (product, parameters) in desk.products {
                guard let to = cellIndex["\(closes.to)/\(product)"] else { throw ScenarioError.unknownDesk(closes.to) }
                for day in max(0, closeDay)..<totalDays {
                    counters[to][day] += parameters.counters * closes.countersMoved
                }
            }
        }
        guard let plan = scenario.hiring else { return counters }
        let trainingDays = plan.trainingWeeks * 7
        // Training places per desk per day, taken in order of arrival.
        var inTraining: [String: [Int]] = [:]
        for hire in plan.hires.sorted(by: { $0.date < $1.date }) {
            guard let cell = cellIndex["\(hire.desk)/\(hire.product)"] else {
                throw ScenarioError.unknownDesk(hire.desk)
            }
            var places = inTraining[hire.desk] ?? [Int](repeating: 0, count: totalDays + trainingDays + 1)
            let arrival = hire.date.dayNumber - scenario.start.dayNumber + plan.recruitmentDelayWeeks * 7
            for _ in 0..<hire.counters {
                // Start training on the first day from arrival when a place is free for the whole training.
                var start = max(0, arrival)
                while start < totalDays,
                    (start..<min(start + trainingDays, places.count)).contains(where: {
                        places[$0] >= plan.maxInTrainingPerDesk
                    })
                {
                    start += 1
                }
                guard start < totalDays else { continue }
                for day in start..<min(start + trainingDays, places.count) { places[day] += 1 }
                for day in start..<totalDays {
                    counters[cell][day] += day < start + trainingDays ? plan.trainingProductivity : 1
                }
            }
            inTraining[hire.desk] = places
        }
        return counters
    }

    /// Per cell, the extra counter-hours a weekday from each `extraCapacity` date on (summed
    /// over the entries in force), in date order.
    static func extraCounterHours(
        _ scenario: Scenario, cellIndex: [String: Int], cells: Int
    ) throws -> [[(from: LocalDate, hours: Double)]] {
        var steps = [[(from: LocalDate, hours: Double)]](repeating: [], count: cells)
        let entries = scenario.extraCapacity ?? []
        for entry in entries {
            guard let cell = cellIndex["\(entry.desk)/\(entry.product)"] else {
                throw ScenarioError.unknownDesk(entry.desk)
            }
            guard !steps[cell].contains(where: { $0.from == entry.from }) else { continue }
            let hours = entries.filter {
                $0.desk == entry.desk && $0.product == entry.product && $0.from <= entry.from
            }.reduce(0) { $0 + $1.counterHoursPerWeek }
            steps[cell].append((entry.from, hours / 5))
        }
        return steps.map { $0.sorted { $0.from < $1.from } }
    }

    static func expectedDemand(
        _ scenario: Scenario, cell: Cell, day: Int, date: LocalDate, cellIndex: [String: Int]
    ) -> Double {
        let desk = scenario.desks.first { $0.code == cell.desk }!
        var value = desk.products[cell.product]!.demandPerWorkingDay
        let pattern = scenario.demand.weekdayPattern
        let weekdayIndex = date.weekday.index
        if weekdayIndex < pattern.count { value *= pattern[weekdayIndex] }
        // Compounding weekly growth, piecewise by trend step.
        let steps = scenario.demand.trend.filter { $0.product == nil || $0.product == cell.product }.sorted {
            $0.from < $1.from
        }
        for (i, step) in steps.enumerated() where step.from <= date {
            let until = i + 1 < steps.count ? min(date, steps[i + 1].from) : date
            let weeks = Double(until.dayNumber - step.from.dayNumber) / 7
            value *= pow(1 + step.growthPerWeek, weeks)
        }
        for shock in scenario.demand.shocks ?? [] where shock.from <= date && date <= shock.until {
            if (shock.product == nil || shock.product == cell.product) && (shock.desk == nil || shock.desk == cell.desk)
            {
                value *= shock.factor
            }
        }
        return value
    }

    /// The courier's share of document hand-overs on `date` (0 before its first step).
    static func courierShare(_ scenario: Scenario, on date: LocalDate) -> Double {
        scenario.courier?.sorted(by: { $0.from < $1.from }).last(where: { $0.from <= date })?.share ?? 0
    }

    /// Takes the courier's share off the collection product's demand at the desks it serves,
    /// day by day, no more than its daily capacity over those desks: beyond it, a share of each
    /// desk's documents is still collected there.
    static func deliverByCourier(
        _ demand: inout [Double], _ scenario: Scenario, cells: [Cell], dates: [LocalDate], totalDays: Int
    ) {
        let served = cells.indices.filter { c in
            cells[c].product == scenario.roles.collection
                && (scenario.courierCapacity?.desks.map { $0.contains(cells[c].desk) } ?? true)
        }
        for day in 0..<totalDays {
            let share = courierShare(scenario, on: dates[day])
            guard share > 0 else { continue }
            let wanted = served.reduce(0.0) { $0 + demand[$1 * totalDays + day] * share }
            let taken = scenario.courierCapacity.map { wanted > 0 ? min(1, $0.perDay / wanted) : 1 } ?? 1
            for c in served { demand[c * totalDays + day] *= 1 - share * taken }
        }
    }
}

public enum ScenarioError: Error, CustomStringConvertible {
    case unknownProduct(String, String)
    /// A product role (`productRoles.<role>`, or its default) that the scenario uses but whose
    /// product is not in `products`.
    case unknownRoleProduct(String, String)
    case unknownDesk(String)
    case basedOnLoop(String)
    case notAMapping(String)
    case unknownKeys(String, [String])
    case outOfRange(String)

    public var description: String {
        switch self {
        case .outOfRange(let what): what
        case .unknownProduct(let desk, let product): "desks[\(desk)].products: \(product) is not in products"
        case .unknownRoleProduct(let role, let product): "productRoles.\(role): \(product) is not in products"
        case .unknownDesk(let desk): "unknown desk \(desk)"
        case .basedOnLoop(let path): "\(path): basedOn nests too deep (a loop?)"
        case .notAMapping(let path): "\(path): a scenario file is a YAML mapping"
        case .unknownKeys(let path, let keys): "\(path): unknown key(s) \(keys.joined(separator: ", "))"
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Foundation
import LoketDomain
import LoketSimulation
import Testing

/// The appointment backlog model against its fluid approximation and the source document.
struct BacklogModelTests {
    static var scenarios: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("scenarios")
    }

    /// One desk, one product, capacity `capacity` a working day, demand `demand`: nothing else.
    static func fluidScenario(capacity: Double, demand: Double, weeks: Int = 30) throws -> Scenario {
        // 10 counters × 8 hours × 60 / minutes = capacity.
        let minutes = 10 * 8 * 60 / capacity
        return try Scenario.parse(
            """
            name: fluid
            start: 2023-01-02
            weeks: \(weeks)
            bookingHorizonWorkingDays: 250
            products: {BIO: {minutesPerAppointment: \(minutes)}}
            desks:
              - code: X
                hours: [{from: 2023-01-02, weekdayHours: 8, saturdayHours: 0}]
                products: {BIO: {counters: 10, demandPerWorkingDay: \(demand), initialWaitWorkingDays: 5}}
            demand: {weekdayPattern: [1, 1, 1, 1, 1], trend: []}
            behaviour: {travelShare: 0, cancellationShare: 0, cancellationRebookShare: 0, noShowShare: 0, noShowRebookShare: 0}
            """)
    }

    /// Least-squares slope of `values` against working days elapsed.
    static func slope(_ points: [(x: Double, y: Double)]) -> Double {
        let n = Double(points.count)
        let mx = points.map(\.x).reduce(0, +) / n
        let my = points.map(\.y).reduce(0, +) / n
        let sxy = points.reduce(0) { $0 + ($1.x - mx) * ($1.y - my) }
        let sxx = points.reduce(0) { $0 + ($1.x - mx) * ($1.x - mx) }
        return sxy / sxx
    }

    @Test(arguments: [(1000.0, 1100.0), (2000.0, 2100.0), (500.0, 600.0)])
    func backlogAndWaitGrowAsTheFluidApproximationSays(capacity: Double, demand: Double) async throws {
        let scenario = try Self.fluidScenario(capacity: capacity, demand: demand)
        let forecast = try await Forecast.run(scenario, replications: 4, seed: 11)
        let plan = try NetworkPlan(scenario)
        // Working days elapsed at the end of each week, weeks 4 to 29 (past the start-up).
        let weeks = Array(4..<30)
        func workingDays(_ week: Int) -> Double { Double(plan.workingDaysThrough[week * 7 + 6]) }
        let backlog = weeks.map {
            (x: workingDays($0), y: forecast.band(desk: "X", product: "BIO", metric: .backlog, week: $0)!.p50)
        }
        let wait = weeks.map {
            (x: workingDays($0), y: forecast.band(desk: "X", product: "BIO", metric: .waitFirstSlot, week: $0)!.p50)
        }
        let excess = demand - capacity
        #expect(
            abs(Self.slope(backlog) / excess - 1) < 0.05,
            "backlog grows \(Self.slope(backlog)) a working day, expected \(excess)")
        #expect(
            abs(Self.slope(wait) / (excess / capacity) - 1) < 0.05,
            "wait grows \(Self.slope(wait)), expected \(excess / capacity)")
    }

    @Test func demandBelowCapacityEmptiesTheBacklog() async throws {
        let forecast = try await Forecast.run(
            try Self.fluidScenario(capacity: 1000, demand: 800), replications: 2, seed: 1)
        #expect(forecast.band(desk: "X", product: "BIO", metric: .waitFirstSlot, week: 0)!.p50 > 3)
        #expect(forecast.band(desk: "X", product: "BIO", metric: .waitFirstSlot, week: 10)!.p50 <= 1.01)
        #expect(forecast.band(desk: "X", product: "BIO", metric: .utilisation, week: 20)!.p50 < 0.85)
    }

    /// The source document: BIO about 45 working days in June 2022 (Q3), DOC collection 5–45
    /// working days, 25 on average across the desks (Q5).
    @Test func nl2022ReproducesTheDocument() async throws {
        let scenario = try Scenario.load(Self.scenarios.appendingPathComponent("nl-2022.yaml"))
        let forecast = try await Forecast.run(scenario, replications: 40, seed: 2022)
        let june = forecast.weekStarts.indices.filter { forecast.weekStarts[$0].iso.hasPrefix("2022-06") }
        #expect(june.count == 4)
        let bio =
            june.map { forecast.band(desk: "NL", product: "BIO", metric: .waitFirstSlot, week: $0)!.p50 }.reduce(0, +)
            / Double(june.count)
        #expect(abs(bio - 45) <= 5, "BIO in June 2022: \(bio) working days")
        var doc: [Double] = []
        for desk in ["AM", "DH", "ZW", "DB"] {
            for week in june {
                doc.append(forecast.band(desk: desk, product: "DOC", metric: .waitFirstSlot, week: week)!.p50)
            }
        }
        let docMean = doc.reduce(0, +) / Double(doc.count)
        #expect(abs(docMean - 25) <= 5, "DOC in June 2022: \(docMean) working days on average")
        #expect(doc.min()! >= 3 && doc.max()! <= 50, "DOC waits per desk: \(doc)")
        // Rotterdam closed on 25 May 2022: no wait is reported for it afterwards.
        #expect(forecast.band(desk: "RO", product: "BIO", metric: .waitFirstSlot, week: june[0])!.p50.isNaN)
        // The information line is overloaded (Q8: phone waits very high), yet callers hang up
        // rather than wait a working day: Erlang A, not the 540 minutes Erlang C reported.
        func phone(_ metric: Metric) -> Double {
            june.map { forecast.band(desk: "PHONE", product: "CALLS", metric: metric, week: $0)!.p50 }.reduce(0, +)
                / Double(june.count)
        }
        #expect(phone(.callsPerDay) > 18_000, "calls a day, redials included: \(phone(.callsPerDay))")
        #expect(phone(.abandonedShare) > 0.1 && phone(.abandonedShare) < 0.5, "abandoned \(phone(.abandonedShare))")
        #expect(abs(phone(.answeredShare) + phone(.abandonedShare) - 1) < 0.01)
        #expect(phone(.answerWaitMinutes) > 1 && phone(.answerWaitMinutes) < 30, "wait \(phone(.answerWaitMinutes))")
        #expect(phone(.serviceLevel) < 0.5)
        #expect(phone(.agentsNeeded) > 165, "agents needed \(phone(.agentsNeeded)), 165 on duty")
        // Urgent capacity is used and the rest released.
        #expect(forecast.band(desk: "NL", product: "BIO", metric: .urgentUsed, week: june[0])!.p50 > 0)
        #expect(forecast.band(desk: "NL", product: "BIO", metric: .urgentReleased, week: june[0])!.p50 > 0)
    }

    @Test func theSameSeedGivesTheSameForecastOnAnyNumberOfCores() async throws {
        let scenario = try Scenario.load(Self.scenarios.appendingPathComponent("nl-2022-measures.yaml"))
        let one = try await Forecast.run(scenario, replications: 12, seed: 5, workers: 1)
        let two = try await Forecast.run(scenario, replications: 12, seed: 5, workers: 2)
        let five = try await Forecast.run(scenario, replications: 12, seed: 5, workers: 5)
        #expect(one.csv == two.csv)
        #expect(one.csv == five.csv)
        #expect(one.normMetWeek == five.normMetWeek)
        let other = try await Forecast.run(scenario, replications: 12, seed: 6, workers: 2)
        #expect(other.csv != one.csv)
    }

    @Test func theMeasuresScenarioAnswersTheNormQuestion() async throws {
        let scenario = try Scenario.load(Self.scenarios.appendingPathComponent("nl-2022-measures.yaml"))
        // basedOn: the desks come from nl-2022, the norm and the hiring plan from the measures file.
        #expect(scenario.name == "nl-2022-measures")
        #expect(scenario.desks.map(\.code) == ["AM", "DH", "ZW", "DB", "RO"])
        #expect(scenario.norm?.workingDays == 10)
        let forecast = try await Forecast.run(scenario, replications: 40, seed: 2022)
        let answer = try #require(forecast.normAnswer)
        #expect(answer.product == "BIO")
        #expect(answer.probabilityMetWithinPeriod > 0.2 && answer.probabilityMetWithinPeriod < 1)
        #expect(answer.cumulativeProbability.last == answer.probabilityMetWithinPeriod)
        #expect(zip(answer.cumulativeProbability, answer.cumulativeProbability.dropFirst()).allSatisfy { $0 <= $1 })
        let median = try #require(answer.medianWeek)
        #expect(median > LocalDate(iso: "2022-07-01")!)
        // The band widens once the future is uncertain.
        let june2022 = forecast.weekStarts.firstIndex { $0.iso >= "2022-06-13" }!
        let band2022 = forecast.band(desk: "NL", product: "BIO", metric: .waitFirstSlot, week: june2022)!
        let band2023 = forecast.band(desk: "NL", product: "BIO", metric: .waitFirstSlot, week: june2022 + 52)!
        #expect(band2023.p90 - band2023.p10 > band2022.p90 - band2022.p10)
    }

    @Test func hiresWaitForATrainingPlace() throws {
        let scenario = try Scenario.parse(
            """
            name: hiring
            start: 2023-01-02
            weeks: 20
            bookingHorizonWorkingDays: 20
            products: {BIO: {minutesPerAppointment: 4.8}}
            desks:
              - code: X
                hours: [{from: 2023-01-02, weekdayHours: 8, saturdayHours: 0}]
                products: {BIO: {counters: 10, demandPerWorkingDay: 1000, initialWaitWorkingDays: 0}}
            demand: {weekdayPattern: [1, 1, 1, 1, 1], trend: []}
            behaviour: {travelShare: 0, cancellationShare: 0, cancellationRebookShare: 0, noShowShare: 0, noShowRebookShare: 0}
            hiring:
              recruitmentDelayWeeks: 2
              trainingWeeks: 4
              trainingProductivity: 0.5
              maxInTrainingPerDesk: 1
              hires: [{date: 2023-01-02, desk: X, product: BIO, counters: 2}]
            """)
        let plan = try NetworkPlan(scenario)
        // A Monday in each phase: before arrival, first hire training, first full and second training, both full.
        func capacity(_ day: String) -> Int32 {
            plan.capacity[LocalDate(iso: day)!.dayNumber - scenario.start.dayNumber]
        }
        #expect(capacity("2023-01-09") == 1000)
        #expect(capacity("2023-01-16") == 1050) // 10.5 counters: one hire at half productivity
        #expect(capacity("2023-02-13") == 1150) // 11.5: the first full, the second in training
        #expect(capacity("2023-03-13") == 1200) // 12
    }

    @Test func outputsHaveTheDocumentedShape() async throws {
        let forecast = try await Forecast.run(
            try Self.fluidScenario(capacity: 1000, demand: 1100, weeks: 3), replications: 3, seed: 1)
        let lines = forecast.csv.split(separator: "\n")
        #expect(lines.first == "week_start,desk,product,metric,p10,p50,p90")
        #expect(lines.contains { $0.hasPrefix("2023-01-02,X,BIO,wait_first_slot_working_days,") })
        #expect(lines.contains { $0.hasPrefix("2023-01-02,NL,BIO,wait_third_slot_working_days,") })
        let json = try JSONSerialization.jsonObject(with: forecast.json()) as! [String: Any]
        #expect(json["replications"] as? Int == 3)
        let svg = forecast.svgChart(product: "BIO")
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.contains("week starting"))
        #expect(svg.contains("working days until a free slot"))
        #expect(svg.contains("P10–P90"))
    }
}

struct ScenarioFileTests {
    /// `extraCapacity` in a file: a fifth of the counter-hours on each weekday, none on Saturday.
    @Test func extraCapacityAddsCounterHoursOnWeekdays() throws {
        let yaml = """
            name: extra
            start: 2023-01-02
            weeks: 2
            bookingHorizonWorkingDays: 20
            products: {BIO: {minutesPerAppointment: 10}}
            desks:
              - code: X
                hours: [{from: 2023-01-02, weekdayHours: 8, saturdayHours: 4}]
                products: {BIO: {counters: 1, demandPerWorkingDay: 10, initialWaitWorkingDays: 0}}
            demand: {weekdayPattern: [1, 1, 1, 1, 1], trend: []}
            behaviour: {travelShare: 0, cancellationShare: 0, cancellationRebookShare: 0, noShowShare: 0, noShowRebookShare: 0}
            extraCapacity:
              - {from: 2023-01-09, desk: X, product: BIO, counterHoursPerWeek: 10}
            """
        let plan = try NetworkPlan(try Scenario.parse(yaml))
        // 8 counter-hours = 48 appointments a day; from the second Monday 2 hours (12) more.
        #expect(plan.capacity[4] == 48) // Friday 6 January
        #expect(plan.capacity[5] == 24) // Saturday: 4 hours, no extra
        #expect(plan.capacity[7] == 60) // Monday 9 January
        #expect(plan.capacity[12] == 24) // Saturday 14 January
    }

    @Test func aMisspeltScenarioKeyIsRefused() {
        #expect(throws: ScenarioError.self) {
            try Scenario.parse(
                """
                name: typo
                start: 2023-01-02
                weeks: 2
                bookingHorizonWorkingDays: 20
                products: {BIO: {minutesPerAppointment: 10}}
                desks:
                  - code: X
                    hours: [{from: 2023-01-02, weekdayHour: 8}]
                    products: {BIO: {counters: 1, demandPerWorkingDay: 10, initialWaitWorkingDays: 0}}
                demand: {weekdayPattern: [1, 1, 1, 1, 1], trend: []}
                behaviour: {travelShare: 0, cancellationShare: 0, cancellationRebookShare: 0, noShowShare: 0, noShowRebookShare: 0}
                """)
        }
    }
}

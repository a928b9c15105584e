import Foundation
import LoketDomain
import LoketSimulation
import Synchronization

/// The forecast that starts from today (issue #12): the application layer reads what the
/// database knows and hands the engine a scenario; the engine never reads storage.
extension Forecasts {
    /// Weeks of history the live scenario measures demand, cancellations and no-shows over.
    public static let liveWindowWeeks = 8

    /// A forecast's horizon unless the planner chooses another: two years.
    public static let baselineWeeks = 104

    /// What the last `weeks` weeks were like and what is booked and waiting now.
    public func recentActivity(weeks: Int = liveWindowWeeks) async throws -> RecentActivity {
        let today = self.today
        let zone = rules.timeZone
        let since = today.adding(days: -7 * weeks)
        return try await measurementStore.recentActivity(
            today: today, weeks: weeks,
            start: DeskTime(date: since, time: LocalTime(minutes: 0)).instant(in: zone),
            end: DeskTime(date: today, time: LocalTime(minutes: 0)).instant(in: zone))
    }

    /// The scenario of the network as it is today, `weeks` weeks long.
    public func liveScenario(weeks: Int = 104) async throws -> Scenario {
        LiveScenario.build(network: network, activity: try await recentActivity(), weeks: weeks)
    }
}

/// Forecasts started on the forecast page: stored, run in the background by whichever server
/// claims them, and kept for comparison and for the check against what happened.
extension Forecasts {
    /// How long a server's claim on a run lasts without progress before another takes it over.
    static let forecastLease: TimeInterval = 120

    /// Starts a forecast of today's scenario with the planner's changes (none: the baseline).
    public func startForecast(
        name: String, changes: WhatIf, replications: Int, weeks: Int, seed: UInt64? = nil, staff: String
    ) async throws -> ForecastRun {
        let name = try Self.runName(name)
        guard (10...1000).contains(replications) else {
            throw Refusal.invalid("replications", "out_of_range", "From 10 to 1,000 replications.")
        }
        guard (4...156).contains(weeks) else {
            throw Refusal.invalid("weeks", "out_of_range", "From 4 to 156 weeks.")
        }
        try await limitRuns(staff)
        let scenario = try changes.apply(to: try await liveScenario(weeks: weeks))
        let encoded = String(decoding: try JSONEncoder.sorted.encode(changes), as: UTF8.self)
        return try await forecastRunStore.add(
            name: name, kind: .forecast, createdBy: staff, changes: encoded, scenario: try scenario.yaml(),
            replications: replications, seed: seed ?? UInt64.random(in: 1...UInt64(Int64.max)), now: now())
    }

    /// Starts the capacity advisor on today's scenario, or on it with a planner's `changes` (a
    /// what-if: with a Saturday opening already planned, what more does it take?): the smallest
    /// extra counter-hours a week that bring the wait back under the norm for good by `by` with
    /// `probability`.
    public func startAdvice(
        name: String, by: LocalDate?, probability: Double?, from: LocalDate?, changes: WhatIf = WhatIf(),
        replications: Int, staff: String
    ) async throws -> ForecastRun {
        let name = try Self.runName(name)
        let today = self.today
        guard let by, by > today.adding(days: 7), by <= today.adding(days: 7 * 156) else {
            throw Refusal.invalid("by", "out_of_range", "Give a week from next week to three years ahead.")
        }
        guard let probability, probability > 0, probability <= 1 else {
            throw Refusal.invalid("probability", "out_of_range", "Give a probability above 0 and up to 100%.")
        }
        if let from, from < today || from > by {
            throw Refusal.invalid(
                "from", "out_of_range", "The extra capacity starts between today and the target.")
        }
        guard (10...1000).contains(replications) else {
            throw Refusal.invalid("replications", "out_of_range", "From 10 to 1,000 replications.")
        }
        try await limitRuns(staff)
        // "For good" means what it means in a baseline: the wait stays under the norm to the end
        // of the same horizon (and at least four weeks past the target), so that the advisor and
        // a baseline of the same day agree on when the norm is met.
        let weeks = max(Self.baselineWeeks, (by.dayNumber - today.dayNumber) / 7 + 5)
        let scenario = try changes.apply(to: try await liveScenario(weeks: weeks))
        let target = CapacityAdvisor.Target(by: by, probability: probability, from: from)
        return try await forecastRunStore.add(
            name: name, kind: .advice, createdBy: staff,
            changes: String(decoding: try JSONEncoder.sorted.encode(changes), as: UTF8.self),
            scenario: try scenario.yaml(),
            replications: replications, seed: UInt64.random(in: 1...UInt64(Int64.max)),
            target: String(decoding: try JSONEncoder.sorted.encode(target), as: UTF8.self), now: now())
    }

    /// Runs one member of staff may have waiting or running at once: each takes the server's
    /// cores for a while, and nobody needs more in the queue than they can read.
    public static let unfinishedRunsPerStaff = 3

    private func limitRuns(_ staff: String) async throws {
        guard try await forecastRunStore.unfinished(by: staff) < Self.unfinishedRunsPerStaff else {
            throw Refusal(
                .tooManyRequests, field: "name", code: "too_many_runs",
                "You have \(Self.unfinishedRunsPerStaff) forecasts waiting or running; wait until one is done.",
                retryAfter: 30)
        }
    }

    static func runName(_ name: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...80).contains(trimmed.count) else {
            throw Refusal.invalid("name", "required", "Give the run a name of up to 80 characters.")
        }
        return trimmed
    }

    public func forecastRuns() async throws -> [ForecastRun] { try await forecastRunStore.runs() }

    public func forecastRun(id: String) async throws -> ForecastRun {
        guard let run = try await forecastRunStore.run(id: id) else {
            throw Refusal(.notFound, field: "id", code: "unknown_run", "No forecast run \(id).")
        }
        return run
    }

    /// Runs queued forecasts until none is left (a `PeriodicService` calls this; so do tests).
    /// A run uses all cores but one, so that a server keeps answering while it forecasts.
    /// Returns how many ran.
    @discardableResult
    public func runQueuedForecasts(
        workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)
    )
        async throws -> Int
    {
        var ran = 0
        // A stopping server takes no new run.
        while !Task.isCancelled, let run = try await forecastRunStore.claim(now: now(), lease: Self.forecastLease) {
            ran += 1
            do {
                let (result, answer, progress) = try await perform(run, workers: workers)
                try await forecastRunStore.finish(
                    id: run.id, result: result, answer: answer, error: nil, progress: progress, now: now())
            } catch is CancellationError {
                try await forecastRunStore.requeue(id: run.id)
                return ran
            } catch {
                logger.error("forecast run failed", metadata: ["run": "\(run.id)", "error": "\(error)"])
                try await forecastRunStore.finish(
                    id: run.id, result: nil, answer: nil, error: String(describing: error).prefix(500).description,
                    progress: 0, now: now())
            }
        }
        return ran
    }

    /// Runs one forecast (or the advisor's search), recording progress about once a second;
    /// returns the result and its answer in brief as JSON, and the work done.
    private func perform(_ run: ForecastRun, workers: Int) async throws -> (String, String, Int) {
        let scenario = try Scenario.parse(run.scenario)
        let done = ProgressCount()
        let store = forecastRunStore
        let clock = now
        return try await withThrowingTaskGroup(of: (String, String)?.self) { group in
            group.addTask {
                switch run.kind {
                case .forecast:
                    let forecast = try await Forecast.run(
                        scenario, replications: run.replications, seed: run.seed, workers: workers
                    ) { done.set($0) }
                    let answer = RunAnswer(
                        medianWeek: forecast.normAnswer?.medianWeek,
                        probability: forecast.normAnswer?.probabilityMetWithinPeriod)
                    return (
                        String(decoding: try JSONEncoder().encode(ForecastSummary(forecast)), as: UTF8.self),
                        String(decoding: try JSONEncoder().encode(answer), as: UTF8.self)
                    )
                case .advice:
                    let target = try JSONDecoder().decode(
                        CapacityAdvisor.Target.self, from: Data((run.target ?? "").utf8))
                    // Progress counts the candidates the search has weighed.
                    let advice = try await CapacityAdvisor.advise(
                        scenario, target: target, replications: run.replications, seed: run.seed, workers: workers
                    ) { candidate, _ in done.set(candidate + 1) }
                    let answer = RunAnswer(
                        probability: advice.probability, outcome: advice.outcome.rawValue,
                        counterHoursPerWeek: advice.counterHoursPerWeek)
                    return (
                        String(decoding: try JSONEncoder().encode(advice), as: UTF8.self),
                        String(decoding: try JSONEncoder().encode(answer), as: UTF8.self)
                    )
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(1))
                    try? await store.progress(id: run.id, done: done.value, now: clock(), lease: Self.forecastLease)
                }
                return nil
            }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let (result, answer) = next { return (result, answer, done.value) }
            }
            throw CancellationError()
        }
    }
}

/// A finished run's answer in brief, kept beside its result so that a list of runs need not
/// read every result: the week the norm is met for good (median) and the probability within the
/// period, or the advisor's outcome, counter-hours and probability.
public struct RunAnswer: Sendable, Codable {
    public var medianWeek: LocalDate?
    public var probability: Double?
    public var outcome: String?
    public var counterHoursPerWeek: Int?

    public init(
        medianWeek: LocalDate? = nil, probability: Double? = nil, outcome: String? = nil,
        counterHoursPerWeek: Int? = nil
    ) {
        self.medianWeek = medianWeek
        self.probability = probability
        self.outcome = outcome
        self.counterHoursPerWeek = counterHoursPerWeek
    }
}

/// Replications finished so far, written by the forecast's workers and read by the task that
/// records progress.
final class ProgressCount: Sendable {
    private let count = Mutex(0)
    func set(_ value: Int) { count.withLock { $0 = max($0, value) } }
    var value: Int { count.withLock { $0 } }
}

extension JSONEncoder {
    /// Keys sorted: the same changes always give the same text.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }
}

/// Old forecasts held against what happened.
extension Forecasts {
    /// Baselines started at least four weeks ago, checked at `desk` for `product` against the
    /// measured wait to the first free slot; newest first.
    public func forecastChecks(
        desk: String, product: String, limit: Int = 3
    ) async throws -> [(
        run: ForecastRun, check: ForecastCheck
    )] {
        let today = self.today
        let cutoff = DeskTime(date: today.adding(days: -28), time: LocalTime(minutes: 24 * 60 - 1))
            .instant(in: rules.timeZone)
        var checks: [(ForecastRun, ForecastCheck)] = []
        for run in try await forecastRunStore.baselines(startedBy: cutoff, limit: limit) {
            guard let result = run.result,
                let summary = try? JSONDecoder().decode(ForecastSummary.self, from: Data(result.utf8)),
                let first = summary.weekStarts.first
            else { continue }
            let history = try await self.history(
                dates: first...today, desk: desk, product: product, measures: [.waitFirstSlot])
            if let check = ForecastCheck(
                summary, desk: desk, product: product, metric: .waitFirstSlot, history: history, today: today)
            {
                checks.append((run, check))
            }
        }
        return checks
    }
}

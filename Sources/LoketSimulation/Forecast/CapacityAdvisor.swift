import Foundation
import LoketDomain

/// The question after "when": how much more capacity brings the wait under the norm by a given
/// week with a given probability? The advisor searches the smallest number of extra
/// counter-hours a week, in whole hours, for which the forecast meets the scenario's norm for
/// good by the target week in at least the target share of replications.
///
/// - Extra capacity is a real scenario change (`Scenario.extraCapacity`), so the answer can be
///   pasted into a scenario file and gives the same forecast.
/// - Every candidate runs with the same seed and replications (common random numbers): two
///   candidates differ only in their capacity, so the comparison is not drowned in noise and
///   the search is reproducible.
/// - The total is split over the desks that offer the norm's product in proportion to their
///   demand for it at the start (`demandPerWorkingDay`; a desk that closes passes its share to
///   the desk that takes its work), in whole counter-hours by largest remainder, so that one
///   more hour in total is one more hour at exactly one desk.
/// - The search doubles the total until the target is met (or the upper bound is passed), then
///   halves the interval. The answer is a total that meets the target while one hour less, also
///   evaluated, does not.
public enum CapacityAdvisor {
    /// What the planner asks for.
    public struct Target: Sendable, Codable, Hashable {
        /// The norm must hold for good from the week containing this date.
        public var by: LocalDate
        /// Share of replications that must meet it, e.g. 0.8.
        public var probability: Double
        /// When the extra capacity starts; the scenario's start when left out.
        public var from: LocalDate?
        /// The most extra counter-hours a week to consider; when left out, the product's own
        /// weekday counter-hours a week at the start (doubling its capacity).
        public var maximumCounterHoursPerWeek: Int?

        public init(by: LocalDate, probability: Double, from: LocalDate? = nil, maximumCounterHoursPerWeek: Int? = nil)
        {
            self.by = by
            self.probability = probability
            self.from = from
            self.maximumCounterHoursPerWeek = maximumCounterHoursPerWeek
        }
    }

    /// One evaluated total.
    public struct Candidate: Sendable, Codable, Hashable {
        public let counterHoursPerWeek: Int
        /// Share of replications that meet the norm for good by the target week.
        public let probability: Double
        public let meetsTarget: Bool
    }

    /// One desk's part of the answer and how it could be delivered on Saturdays.
    public struct DeskShare: Sendable, Codable, Hashable {
        public let desk: String
        public let counterHoursPerWeek: Int
        /// Counter-hours of one Saturday session: the desk's Saturday hours with its Saturday
        /// counters on the product, from the start of the extra capacity or, if it does not open
        /// on Saturdays then, from the first later date it does; 0 when it never does.
        public let saturdaySessionCounterHours: Double
        /// When those Saturday hours start (nil when it never opens on Saturdays).
        public let saturdaySessionsFrom: LocalDate?
        /// Sessions a week the extra hours take (more than 1: more than every Saturday, so part
        /// must come from weekday hours or more counters); nil without Saturday opening.
        public let saturdaySessionsPerWeek: Double?
    }

    public enum Outcome: String, Sendable, Codable {
        /// The scenario meets the target as it is.
        case alreadyMet
        /// The target is met with `counterHoursPerWeek` more.
        case extraCapacityNeeded
        /// Not even the upper bound meets the target.
        case notWithinBound
    }

    public struct Advice: Sendable, Codable {
        public let scenario: String
        public let product: String
        public let normWorkingDays: Double
        public let target: Target
        /// The first day of the forecast week the target date falls in (a Monday when the
        /// scenario starts on one).
        public let targetWeek: LocalDate
        public let from: LocalDate
        public let replications: Int
        public let seed: UInt64
        public let outcome: Outcome
        /// The smallest total that meets the target; nil when none within the bound does.
        public let counterHoursPerWeek: Int?
        /// The probability reached with that total.
        public let probability: Double?
        public let upperBound: Int
        public let desks: [DeskShare]
        /// The answer as scenario entries, to paste under `extraCapacity:`.
        public let extraCapacity: [Scenario.ExtraCapacity]
        /// Every total evaluated, in the order of the search.
        public let candidates: [Candidate]
        /// With the answer's capacity (none extra when already met): the first week from which
        /// the norm holds for good in the target share of replications, and the median week it
        /// does, as a forecast's `NormAnswer` counts them. They say *when*, which the target week
        /// does not: a baseline of the same scenario, seed and replications gives the same median.
        /// Nil when not met within the forecast (and in advice stored before they were kept).
        public let metFrom: LocalDate?
        public let medianWeek: LocalDate?
    }

    public enum AdviceError: Error, CustomStringConvertible {
        case noNorm
        case targetWeekOutsideForecast(LocalDate)
        case probabilityOutOfRange(Double)
        case noDeskOffers(String)

        public var description: String {
            switch self {
            case .noNorm: "the scenario has no norm: the advisor needs norm.product and norm.workingDays"
            case .targetWeekOutsideForecast(let date): "target week \(date.iso) is not within the scenario's weeks"
            case .probabilityOutOfRange(let p): "probability \(p) must be above 0 and at most 1"
            case .noDeskOffers(let product): "no open desk offers \(product)"
            }
        }
    }

    public static func advise(
        _ scenario: Scenario, target: Target, replications: Int, seed: UInt64,
        workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> Advice {
        guard let norm = scenario.norm else { throw AdviceError.noNorm }
        guard target.probability > 0 && target.probability <= 1 else {
            throw AdviceError.probabilityOutOfRange(target.probability)
        }
        let week = (target.by.dayNumber - scenario.start.dayNumber).floorDiv(7)
        guard week >= 0 && week < scenario.weeks else { throw AdviceError.targetWeekOutsideForecast(target.by) }
        let from = target.from ?? scenario.start
        let weights = demandWeights(scenario, product: norm.product)
        guard !weights.isEmpty else { throw AdviceError.noDeskOffers(norm.product) }
        let bound = target.maximumCounterHoursPerWeek ?? defaultBound(scenario, product: norm.product)

        var candidates: [Candidate] = []
        var answers: [Int: Forecast.NormAnswer] = [:]
        func evaluate(_ total: Int) async throws -> Candidate {
            if let known = candidates.first(where: { $0.counterHoursPerWeek == total }) { return known }
            var changed = scenario
            changed.extraCapacity =
                (scenario.extraCapacity ?? []) + split(total, weights, product: norm.product, from: from)
            let number = candidates.count
            let forecast = try await Forecast.run(changed, replications: replications, seed: seed, workers: workers) {
                progress(number, $0)
            }
            answers[total] = forecast.normAnswer
            let probability = forecast.normAnswer?.cumulativeProbability[week] ?? 0
            let candidate = Candidate(
                counterHoursPerWeek: total, probability: probability, meetsTarget: probability >= target.probability)
            candidates.append(candidate)
            return candidate
        }

        // Doubling until met or past the bound, then bisection between the last miss and the first hit.
        var answer: Candidate?
        var miss = 0
        if try await evaluate(0).meetsTarget {
            answer = candidates[0]
        } else {
            var total = 1
            while true {
                let candidate = try await evaluate(min(total, bound))
                if candidate.meetsTarget {
                    answer = candidate
                    break
                }
                miss = candidate.counterHoursPerWeek
                if total >= bound { break }
                total *= 2
            }
            while let hit = answer, hit.counterHoursPerWeek - miss > 1 {
                let middle = (miss + hit.counterHoursPerWeek) / 2
                let candidate = try await evaluate(middle)
                if candidate.meetsTarget { answer = candidate } else { miss = middle }
            }
        }
        let total = answer?.counterHoursPerWeek ?? 0
        let extra = answer == nil ? [] : split(total, weights, product: norm.product, from: from)
        let desks = extra.map { entry in
            let (session, sessionsFrom) = saturdaySession(scenario, desk: entry.desk, product: norm.product, from: from)
            return DeskShare(
                desk: entry.desk, counterHoursPerWeek: Int(entry.counterHoursPerWeek),
                saturdaySessionCounterHours: session, saturdaySessionsFrom: sessionsFrom,
                saturdaySessionsPerWeek: session > 0 ? entry.counterHoursPerWeek / session : nil)
        }
        let outcome: Outcome =
            answer == nil ? .notWithinBound : total == 0 ? .alreadyMet : .extraCapacityNeeded
        let met = answer.flatMap { answers[$0.counterHoursPerWeek] }
        let metFrom = met?.cumulativeProbability.firstIndex { $0 >= target.probability }
        return Advice(
            scenario: scenario.name, product: norm.product, normWorkingDays: norm.workingDays, target: target,
            targetWeek: scenario.start.adding(days: week * 7), from: from, replications: replications, seed: seed,
            outcome: outcome, counterHoursPerWeek: answer?.counterHoursPerWeek, probability: answer?.probability,
            upperBound: bound, desks: desks, extraCapacity: extra, candidates: candidates,
            metFrom: metFrom.map { scenario.start.adding(days: $0 * 7) }, medianWeek: met?.medianWeek)
    }

    /// The advisor's rule for spreading `total` counter-hours a week over the desks: in
    /// proportion to `weights`, in whole hours by largest remainder (ties to the earlier desk).
    /// Desks that get nothing are left out.
    public static func split(
        _ total: Int, _ weights: [(desk: String, weight: Double)], product: String, from: LocalDate
    ) -> [Scenario.ExtraCapacity] {
        guard total > 0 else { return [] }
        let sum = weights.reduce(0) { $0 + $1.weight }
        let exact = weights.map { Double(total) * $0.weight / sum }
        var hours = exact.map { Int($0.rounded(.down)) }
        let order = exact.indices.sorted { (exact[$0] - Double(hours[$0]), -$0) > (exact[$1] - Double(hours[$1]), -$1) }
        for i in order.prefix(total - hours.reduce(0, +)) { hours[i] += 1 }
        return zip(weights, hours).filter { $0.1 > 0 }.map {
            Scenario.ExtraCapacity(from: from, desk: $0.0.desk, product: product, counterHoursPerWeek: Double($0.1))
        }
    }

    /// Each desk's demand for `product` at the start, a closing desk's added to its successor's.
    public static func demandWeights(_ scenario: Scenario, product: String) -> [(desk: String, weight: Double)] {
        var weights: [(desk: String, weight: Double)] = scenario.desks.compactMap { desk in
            guard desk.closes == nil, let offer = desk.products[product] else { return nil }
            return (desk.code, offer.demandPerWorkingDay)
        }
        for desk in scenario.desks {
            guard let closes = desk.closes, let offer = desk.products[product],
                let to = weights.firstIndex(where: { $0.desk == closes.to })
            else { continue }
            weights[to].weight += offer.demandPerWorkingDay
        }
        // Without any demand measured (a new service), the desks share equally.
        let asked = weights.filter { $0.weight > 0 }
        return asked.isEmpty ? weights.map { ($0.desk, 1) } : asked
    }

    /// The product's weekday counter-hours a week at the start, over the desks that offer it.
    static func defaultBound(_ scenario: Scenario, product: String) -> Int {
        let hours = scenario.desks.reduce(0.0) { sum, desk in
            guard let offer = desk.products[product] else { return sum }
            return sum + offer.counters * NetworkPlan.hours(desk, on: scenario.start).weekday * 5
        }
        return max(1, Int(hours.rounded(.up)))
    }

    /// Counter-hours of one Saturday session at `desk` from `date`, or from the first later
    /// opening-hours step that opens on Saturdays, and the date it applies from.
    static func saturdaySession(
        _ scenario: Scenario, desk code: String, product: String, from date: LocalDate
    )
        -> (counterHours: Double, from: LocalDate?)
    {
        guard let desk = scenario.desks.first(where: { $0.code == code }), let offer = desk.products[product] else {
            return (0, nil)
        }
        let dates = [date] + desk.hours.map(\.from).filter { $0 > date }.sorted()
        for day in dates {
            let hours = NetworkPlan.hours(desk, on: day)
            let session = hours.saturday * offer.counters * hours.saturdayShare
            if session > 0 { return (session, day) }
        }
        return (0, nil)
    }
}

extension Int {
    /// Division rounding towards minus infinity (a date before the start is in week −1).
    fileprivate func floorDiv(_ divisor: Int) -> Int {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}

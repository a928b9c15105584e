import Foundation
import LoketDomain
import Synchronization

/// Monte Carlo over the backlog model: `replications` runs in parallel over all cores, each
/// seeded by (seed, replication) alone so that the result does not depend on the core count;
/// per week P10/P50/P90 of every series and metric, and per replication the week the norm is
/// first met and stays met.
public struct Forecast: Sendable {
    public struct Band: Sendable, Codable, Hashable {
        public let p10: Double
        public let p50: Double
        public let p90: Double

        public init(p10: Double, p50: Double, p90: Double) {
            self.p10 = p10
            self.p50 = p50
            self.p90 = p90
        }

        private enum CodingKeys: String, CodingKey { case p10, p50, p90 }

        /// No value (a closed desk) is written as null: JSON has no NaN.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            for (key, value) in [(CodingKeys.p10, p10), (.p50, p50), (.p90, p90)] {
                if value.isNaN { try c.encodeNil(forKey: key) } else { try c.encode(value, forKey: key) }
            }
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            p10 = try c.decodeIfPresent(Double.self, forKey: .p10) ?? .nan
            p50 = try c.decodeIfPresent(Double.self, forKey: .p50) ?? .nan
            p90 = try c.decodeIfPresent(Double.self, forKey: .p90) ?? .nan
        }
    }

    public struct Row: Sendable, Codable, Hashable {
        public let weekStart: LocalDate
        public let desk: String
        public let product: String
        public let metric: Metric
        public let band: Band
    }

    public let scenario: Scenario
    public let series: [Series]
    public let replications: Int
    public let seed: UInt64
    /// Bands, indexed like `BacklogModel.index(series:metric:week:)`.
    public let bands: [Band]
    /// Per replication: the first week from which the norm holds to the end, or nil if never.
    public let normMetWeek: [Int?]
    public let weekStarts: [LocalDate]

    /// Runs the forecast; `progress` is called with the number of finished replications.
    public static func run(
        _ scenario: Scenario, replications: Int, seed: UInt64,
        workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws -> Forecast {
        let plan = try NetworkPlan(scenario)
        let model = BacklogModel(plan: plan)
        let stride = model.valueCount
        // Replications are handed out in fixed blocks; each writes only its own slice.
        let results = ResultBuffer(count: stride * replications)
        let workerCount = max(1, min(workers, replications))
        let counter = ProgressCounter()
        // One OS thread per worker: the replications are pure computation, and Dispatch spreads
        // them over the cores whatever executor Swift concurrency runs on.
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                DispatchQueue.concurrentPerform(iterations: workerCount) { worker in
                    var values = [Float](repeating: 0, count: stride)
                    var r = worker
                    while r < replications {
                        model.run(seed: seed, replication: UInt64(r), into: &values)
                        results.write(values, at: r * stride)
                        progress(counter.increment())
                        r += workerCount
                    }
                }
                done.resume()
            }
        }
        let all = results.values()
        var bands = [Band](repeating: Band(p10: 0, p50: 0, p90: 0), count: stride)
        var column = [Float]()
        column.reserveCapacity(replications)
        for i in 0..<stride {
            column.removeAll(keepingCapacity: true)
            for r in 0..<replications where !all[r * stride + i].isNaN { column.append(all[r * stride + i]) }
            column.sort()
            // No value in any replication (a desk closed that week): the band is NaN, written as empty.
            bands[i] =
                column.isEmpty
                ? Band(p10: .nan, p50: .nan, p90: .nan)
                : Band(p10: quantile(column, 0.1), p50: quantile(column, 0.5), p90: quantile(column, 0.9))
        }
        var normWeeks: [Int?] = []
        if let norm = scenario.norm,
            let s = model.series.firstIndex(where: { $0.desk == "NL" && $0.product == norm.product })
        {
            let metric = norm.metric.flatMap(Metric.init(rawValue:)) ?? .waitFirstSlot
            for r in 0..<replications {
                var met: Int?
                for week in (0..<scenario.weeks).reversed() {
                    let value = Double(all[r * stride + model.index(series: s, metric: metric, week: week)])
                    if value <= norm.workingDays { met = week } else { break }
                }
                normWeeks.append(met)
            }
        }
        return Forecast(
            scenario: scenario, series: model.series, replications: replications, seed: seed, bands: bands,
            normMetWeek: normWeeks, weekStarts: (0..<scenario.weeks).map { scenario.start.adding(days: $0 * 7) })
    }

    /// Linear interpolation between order statistics (type 7, as numpy's default).
    static func quantile(_ sorted: [Float], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return Double(sorted[lower]) * (1 - fraction) + Double(sorted[upper]) * fraction
    }

    public func band(desk: String, product: String, metric: Metric, week: Int) -> Band? {
        guard let s = series.firstIndex(where: { $0.desk == desk && $0.product == product }) else { return nil }
        return bands[(s * Metric.allCases.count + Metric.allCases.firstIndex(of: metric)!) * scenario.weeks + week]
    }

    /// Every reported value, one row per week, series and metric.
    public var rows: [Row] {
        var rows: [Row] = []
        for week in 0..<scenario.weeks {
            for (s, line) in series.enumerated() {
                for metric in line.metrics {
                    let band = bands[
                        (s * Metric.allCases.count + Metric.allCases.firstIndex(of: metric)!) * scenario.weeks + week]
                    rows.append(
                        Row(
                            weekStart: weekStarts[week], desk: line.desk, product: line.product, metric: metric,
                            band: band))
                }
            }
        }
        return rows
    }

    /// The answer to the minister's question: when the norm is met, and how likely.
    public struct NormAnswer: Sendable, Codable {
        public let product: String
        public let normWorkingDays: Double
        /// Median week in which the norm is met for good, over the replications that meet it.
        public let medianWeek: LocalDate?
        public let p10Week: LocalDate?
        public let p90Week: LocalDate?
        /// Share of replications that meet the norm within the simulated period.
        public let probabilityMetWithinPeriod: Double
        /// For each week, the share of replications that have met the norm for good by then.
        public let cumulativeProbability: [Double]
    }

    public var normAnswer: NormAnswer? {
        guard let norm = scenario.norm, !normMetWeek.isEmpty else { return nil }
        let met = normMetWeek.compactMap { $0 }.sorted()
        func week(_ q: Double) -> LocalDate? {
            // Quantiles over all replications; those that never meet it count as "later than the period".
            let index = Int((q * Double(normMetWeek.count - 1)).rounded())
            return index < met.count ? weekStarts[met[index]] : nil
        }
        let cumulative = (0..<scenario.weeks).map { w in
            Double(met.filter { $0 <= w }.count) / Double(normMetWeek.count)
        }
        return NormAnswer(
            product: norm.product, normWorkingDays: norm.workingDays, medianWeek: week(0.5), p10Week: week(0.1),
            p90Week: week(0.9), probabilityMetWithinPeriod: Double(met.count) / Double(normMetWeek.count),
            cumulativeProbability: cumulative)
    }
}

/// Storage the workers write their replications' slices into, under a lock held only for the
/// copy (a replication takes far longer than copying its values).
final class ResultBuffer: Sendable {
    private let storage: Mutex<[Float]>

    init(count: Int) { storage = Mutex([Float](repeating: 0, count: count)) }

    func write(_ values: [Float], at offset: Int) {
        storage.withLock { $0.replaceSubrange(offset..<(offset + values.count), with: values) }
    }

    func values() -> [Float] { storage.withLock { $0 } }
}

/// Counts finished replications for the progress bar.
final class ProgressCounter: Sendable {
    private let done = Mutex(0)

    func increment() -> Int {
        done.withLock {
            $0 += 1
            return $0
        }
    }
}

import LoketDomain

/// What a stored forecast run keeps of its forecast: per week the bands of the waits at every
/// desk and nationally, the information line's if the scenario has one, and the answer about
/// the norm. Small enough to keep every run, enough to chart, compare and check it later.
public struct ForecastSummary: Sendable, Codable {
    public struct Line: Sendable, Codable {
        public let desk: String
        public let product: String
        public let metric: Metric
        public let bands: [Forecast.Band]
    }

    public let weekStarts: [LocalDate]
    public let replications: Int
    public let seed: UInt64
    public let norm: Scenario.Norm?
    public let normAnswer: Forecast.NormAnswer?
    public let lines: [Line]

    /// The metrics kept: the waits for every series, everything about the information line.
    static let kept: Set<Metric> = Set([.waitFirstSlot, .waitThirdSlot, .backlog]).union(Metric.phoneMetrics)

    public init(_ forecast: Forecast) {
        weekStarts = forecast.weekStarts
        replications = forecast.replications
        seed = forecast.seed
        norm = forecast.scenario.norm
        normAnswer = forecast.normAnswer
        lines = forecast.series.flatMap { series in
            series.metrics.filter(Self.kept.contains).map { metric in
                Line(
                    desk: series.desk, product: series.product, metric: metric,
                    bands: (0..<forecast.scenario.weeks).map {
                        forecast.band(desk: series.desk, product: series.product, metric: metric, week: $0)!
                    })
            }
        }
    }

    public func line(desk: String, product: String, metric: Metric) -> Line? {
        lines.first { $0.desk == desk && $0.product == product && $0.metric == metric }
    }
}

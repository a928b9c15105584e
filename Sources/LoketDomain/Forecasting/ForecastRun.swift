import Foundation

/// A forecast started on the forecast page (or an advisor's search): what it ran, and where it
/// is. Runs are kept, so that a baseline and its what-ifs can be compared, and so that a
/// baseline can later be held against what really happened.
public struct ForecastRun: Sendable, Hashable {
    public enum Kind: String, Sendable, Codable {
        /// A forecast of a scenario: the baseline of today, or a what-if.
        case forecast
        /// The capacity advisor's search for the smallest extra capacity that meets a target.
        case advice
    }

    public enum State: String, Sendable, Codable {
        case queued, running, done, failed
    }

    public let id: String
    public let name: String
    public let kind: Kind
    public let createdAt: Date
    /// The member of staff who started it (an id, never a name).
    public let createdBy: String
    /// The planner's changes to today's scenario as JSON (`{}` for the baseline).
    public let changes: String
    /// The scenario as YAML: `loket forecast` on this file repeats the run.
    public let scenario: String
    public let replications: Int
    public let seed: UInt64
    /// The advisor's target as JSON.
    public let target: String?
    public var state: State
    /// Replications finished (or, for the advisor, candidates evaluated).
    public var progress: Int
    public var finishedAt: Date?
    /// The result as JSON (not read for a list of runs: it can be large).
    public var result: String?
    /// The answer in brief, for a list of runs: the week the norm is met for good and its
    /// probability, or the advisor's counter-hours.
    public var answer: String?
    public var error: String?

    public init(
        id: String, name: String, kind: Kind, createdAt: Date, createdBy: String, changes: String, scenario: String,
        replications: Int, seed: UInt64, target: String? = nil, state: State = .queued, progress: Int = 0,
        finishedAt: Date? = nil, result: String? = nil, answer: String? = nil, error: String? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.changes = changes
        self.scenario = scenario
        self.replications = replications
        self.seed = seed
        self.target = target
        self.state = state
        self.progress = progress
        self.finishedAt = finishedAt
        self.result = result
        self.answer = answer
        self.error = error
    }

    /// A run of today's scenario as it is, the honest test of the model later on.
    public var isBaseline: Bool { kind == .forecast && changes == "{}" }
}

/// What the forecast reports per week and series (a desk and product, a national aggregate, or
/// the information line). The raw values are the CSV's `metric` column.
public enum Metric: String, CaseIterable, Sendable, Codable {
    case waitFirstSlot = "wait_first_slot_working_days"
    case waitThirdSlot = "wait_third_slot_working_days"
    case backlog = "backlog"
    case utilisation = "utilisation"
    case urgentUsed = "urgent_used"
    case urgentReleased = "urgent_released"
    /// Calls offered a day, redials of those who hung up included.
    case callsPerDay = "calls_per_day"
    /// Share of the calls answered, and share hung up before an answer.
    case answeredShare = "answered_share"
    case abandonedShare = "abandoned_share"
    /// Mean wait of the callers who are answered, in minutes.
    case answerWaitMinutes = "answer_wait_minutes"
    /// Share of all calls answered within the scenario's `serviceLevel.withinSeconds`.
    case serviceLevel = "service_level"
    /// The fewest agents that would reach the scenario's service level that day.
    case agentsNeeded = "agents_needed"

    public static let deskMetrics: [Metric] = [
        .waitFirstSlot, .waitThirdSlot, .backlog, .utilisation, .urgentUsed, .urgentReleased,
    ]
    public static let phoneMetrics: [Metric] = [
        .callsPerDay, .answeredShare, .abandonedShare, .answerWaitMinutes, .serviceLevel, .agentsNeeded,
    ]
}

/// A line of output: one desk and product, "NL" and a product for the national figure, or
/// "PHONE" for the information line.
public struct Series: Hashable, Sendable, Codable {
    public let desk: String
    public let product: String
    public let metrics: [Metric]
}

/// What the forecast reports per week and series (a desk and product, a national aggregate, or
/// the information line). The raw values are the CSV's `metric` column.
public enum Metric: String, CaseIterable, Sendable, Codable {
    case waitFirstSlot = "wait_first_slot_working_days"
    case waitThirdSlot = "wait_third_slot_working_days"
    case backlog = "backlog"
    case utilisation = "utilisation"
    case urgentUsed = "urgent_used"
    case urgentReleased = "urgent_released"
    case callsPerDay = "calls_per_day"
    case answerWaitMinutes = "answer_wait_minutes"
    case serviceLevel = "service_level"

    public static let deskMetrics: [Metric] = [
        .waitFirstSlot, .waitThirdSlot, .backlog, .utilisation, .urgentUsed, .urgentReleased,
    ]
    public static let phoneMetrics: [Metric] = [.callsPerDay, .answerWaitMinutes, .serviceLevel]
}

/// A line of output: one desk and product, "NL" and a product for the national figure, or
/// "PHONE" for the information line.
public struct Series: Hashable, Sendable, Codable {
    public let desk: String
    public let product: String
    public let metrics: [Metric]
}

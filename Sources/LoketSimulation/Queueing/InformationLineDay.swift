/// One working day of the information line in a scenario's units: calls a day spread evenly
/// over the open hours, talk time in minutes, patience and the answering target in seconds,
/// all turned into an Erlang A queue per hour with redials solved to their fixed point.
public struct InformationLineDay: Sendable {
    public let line: Scenario.InformationLine
    public let freshCalls: Double
    /// The queue at the offered rate (fresh calls and redials), per hour.
    public let queue: ErlangA

    public init(_ line: Scenario.InformationLine, freshCalls: Double, agents: Int) {
        self.line = line
        self.freshCalls = freshCalls
        queue = Self.queue(line, freshCalls: freshCalls, agents: agents)
    }

    /// Calls offered in the day, redials included.
    public var calls: Double { queue.arrivalRate * line.openHoursPerDay }
    /// Share of all calls answered within the scenario's target time.
    public var serviceLevel: Double { queue.serviceLevel(within: line.serviceLevel.withinSeconds / 3600) }

    /// The fewest agents that reach the scenario's service level, with the redials that staffing
    /// leaves (fewer agents, more people hang up and call again).
    public func agentsNeeded() -> Int { Self.agentsNeeded(line, freshCalls: freshCalls) }

    /// The same for `freshCalls` a day, without working out the day for the agents on duty.
    public static func agentsNeeded(_ line: Scenario.InformationLine, freshCalls: Double) -> Int {
        let load = freshCalls / line.openHoursPerDay * line.meanCallMinutes / 60
        return ErlangA.fewestServers(near: Int((load + load.squareRoot()).rounded())) { agents in
            queue(line, freshCalls: freshCalls, agents: agents).serviceLevel(
                within: line.serviceLevel.withinSeconds / 3600) >= line.serviceLevel.share
        }
    }

    static func queue(_ line: Scenario.InformationLine, freshCalls: Double, agents: Int) -> ErlangA {
        ErlangA.withRedials(
            freshArrivalRate: freshCalls / line.openHoursPerDay, retrialShare: line.retrialShare ?? 0,
            serviceRate: 60 / line.meanCallMinutes, patienceRate: 3600 / line.meanPatienceSeconds,
            servers: max(1, agents))
    }
}

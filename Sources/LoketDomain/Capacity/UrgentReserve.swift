/// Room kept at the desks for urgent appointments (spoedafspraak, Q4 and Q9 of the source
/// document): a share of every slot that only partners with a stated reason can book, released
/// to everyone a number of working days ahead so that no counter stands idle.
public struct UrgentReserve: Sendable, Hashable, Codable {
    /// Share of each slot's counters kept back, rounded to whole counters.
    public let share: Double
    /// From this many working days ahead, what is still unused is open to everyone.
    public let releaseWorkingDaysAhead: Int

    public init(share: Double, releaseWorkingDaysAhead: Int) {
        self.share = share
        self.releaseWorkingDaysAhead = releaseWorkingDaysAhead
    }

    /// Counters of a pool kept back on a protected day.
    public func kept(of counters: Int) -> Int { min(counters, Int((Double(counters) * share).rounded())) }

    /// Why an urgent appointment is needed; `other` needs a note.
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        case documentExpiring, jobAtRisk, travelEmergency, housing, other
    }
}

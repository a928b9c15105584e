/// How long people wait for their card once it is at the desk (Q5 of the source document: 5 to
/// 45 working days, 25 on average): per desk and week, the working days from `readyOn` to the day
/// it reached its holder (handed over or delivered), as the median and the 90th percentile.
public struct CollectionWait: Sendable, Hashable, Codable {
    public let desk: String
    /// The Monday of the week the documents reached their holders.
    public let week: LocalDate
    public let documents: Int
    public let p50: Int
    public let p90: Int

    /// One document that reached its holder.
    public struct Collected: Sendable, Hashable {
        public let desk: String
        public let readyOn: LocalDate
        public let collectedOn: LocalDate

        public init(desk: String, readyOn: LocalDate, collectedOn: LocalDate) {
            self.desk = desk
            self.readyOn = readyOn
            self.collectedOn = collectedOn
        }
    }

    /// The waits per desk and week, by desk then week.
    public static func measure(_ collected: [Collected], workingDays: WorkingDays) -> [CollectionWait] {
        let groups = Dictionary(grouping: collected) { "\($0.desk)\t\($0.collectedOn.weekStart.iso)" }
        return groups.values.map { group in
            let waits = group.map { max(0, workingDays.count(from: $0.readyOn, to: $0.collectedOn)) }.sorted()
            return CollectionWait(
                desk: group[0].desk, week: group[0].collectedOn.weekStart, documents: waits.count,
                p50: nearestRank(waits, 0.5), p90: nearestRank(waits, 0.9))
        }.sorted { ($0.desk, $0.week) < ($1.desk, $1.week) }
    }

    /// The nearest-rank percentile of sorted, non-empty `values`: a wait someone really had.
    static func nearestRank(_ values: [Int], _ share: Double) -> Int {
        let rank = Int((share * Double(values.count)).rounded(.up))
        return values[max(0, min(values.count - 1, rank - 1))]
    }
}

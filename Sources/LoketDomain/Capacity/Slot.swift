/// A bookable start time for a given product and party size, with what is left of it.
public struct Slot: Hashable, Sendable {
    public let key: SlotKey
    public let date: LocalDate
    public let start: LocalTime
    public let end: LocalTime
    /// Consecutive slot units the booking occupies.
    public let parts: Int
    /// Counters in the pool: units per slot length.
    public let capacity: Int
    /// Free units: the fewest free over the units the booking would occupy.
    public let available: Int
}

/// One slot unit of a pool: one slot length in one roster block on one day.
public struct UnitKey: Hashable, Sendable {
    public let pool: String
    public let date: LocalDate
    public let minute: Int

    public init(pool: String, date: LocalDate, minute: Int) {
        self.pool = pool
        self.date = date
        self.minute = minute
    }
}

/// Units taken by live holds and appointments at one desk; absent units are wholly free.
public typealias UnitUsage = [UnitKey: Int]

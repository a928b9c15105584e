/// How far a desk's day has come, over all its appointments: what the clerk sees above the
/// agenda, which lists only a window of the day.
public struct DayProgress: Sendable, Hashable {
    /// Not arrived (yet).
    public var expected = 0
    public var waiting = 0
    public var called = 0
    public var served = 0
    public var noShow = 0

    public init() {}

    public var total: Int { expected + waiting + called + served + noShow }

    /// Counts one more appointment whose visit is in `state` (nil: not arrived).
    public mutating func add(_ state: Visit.State?, count: Int = 1) {
        switch state {
        case nil: expected += count
        case .waiting?: waiting += count
        case .called?: called += count
        case .served?: served += count
        case .noShow?: noShow += count
        }
    }
}

/// When and how a product at a desk is put in draw mode (loting): capacity released then is not
/// bookable first-come but allocated at random among the requests made during a window, so that
/// being fast buys nothing (Hakimov, Heller, Kübler and Kurino, AER 2021; see FAIRNESS.md).
/// Every field has a default, so `fairAccess.draws` may be left out: then only a desk manager
/// puts a product in draw mode.
public struct DrawRule: Sendable, Hashable, Codable {
    /// Draw mode switches on by itself while the published wait (working days to the third free
    /// slot) is above this norm, and off again once it is back at or below it; nil: never by itself.
    public let whenWaitAbove: Int?
    /// How long a draw takes requests; left out, 24 hours.
    public let windowHours: Int?

    public init(whenWaitAbove: Int? = nil, windowHours: Int? = nil) {
        self.whenWaitAbove = whenWaitAbove
        self.windowHours = windowHours
    }

    public var window: Duration { .seconds(60 * 60 * (windowHours ?? 24)) }

    /// Whether the rule wants draw mode for a product whose published wait is `wait` working days
    /// to the third free slot (nil: fewer than three free slots within the horizon).
    public func wantsDraw(wait: Int?) -> Bool? {
        guard let norm = whenWaitAbove else { return nil }
        guard let wait else { return true }
        return wait > norm
    }
}

/// The part of a desk's day the clerk's agenda lists: three hours from the hour before now, one
/// window earlier or later, or the whole day.
///
/// A big desk has some 1,700 appointments a day. Listed whole, that is a page of 600 KB that
/// nobody reads after every check-in; the clerk needs the hours around now. Whoever has checked in
/// and is not yet finished is listed whatever their time (see `DeskDayStore.agenda`).
public struct AgendaWindow: Sendable, Hashable {
    /// How long a window is.
    public static let length = 3 * 60
    public static let wholeDay = AgendaWindow(from: LocalTime(minutes: 0), until: LocalTime(minutes: 24 * 60))

    /// The first start time listed.
    public let from: LocalTime
    /// The first start time no longer listed.
    public let until: LocalTime

    /// The window that starts at `from`, before midnight (cut off there).
    public init(from: LocalTime) {
        precondition(from.minutes < 24 * 60, "a window starts before midnight")
        self.init(from: from, until: LocalTime(minutes: min(24 * 60, from.minutes + Self.length)))
    }

    private init(from: LocalTime, until: LocalTime) {
        self.from = from
        self.until = until
    }

    /// The window a clerk sees at `now`: from the full hour before, so that a customer who is a
    /// little late is still on it.
    public static func around(_ now: LocalTime) -> AgendaWindow {
        AgendaWindow(from: LocalTime(minutes: max(0, now.minutes / 60 - 1) * 60))
    }

    public var isWholeDay: Bool { self == .wholeDay }

    /// The window before this one; nil at the start of the day.
    public var earlier: AgendaWindow? {
        from.minutes == 0 ? nil : AgendaWindow(from: LocalTime(minutes: max(0, from.minutes - Self.length)))
    }

    /// The window after this one; nil at the end of the day.
    public var later: AgendaWindow? { until.minutes >= 24 * 60 ? nil : AgendaWindow(from: until) }

    /// The window before this one, unless the desk is not open before it on the day (`hours`;
    /// nil when it is shut: then only the day's start limits it).
    public func earlier(within hours: TimeRange?) -> AgendaWindow? {
        guard let earlier, hours.map({ $0.from < from }) ?? true else { return nil }
        return earlier
    }

    /// The window after this one, unless the desk is not open after it on the day.
    public func later(within hours: TimeRange?) -> AgendaWindow? {
        guard let later, hours.map({ $0.to > until }) ?? true else { return nil }
        return later
    }
}

/// What draws keep from first-come booking of one product at one desk: days not yet published
/// (they wait for the next draw), days an open draw is allocating, and the urgent reserve of
/// days whose reserve a draw allocates instead of releasing it to the open list.
public struct DrawWithholding: Sendable, Hashable {
    /// In draw mode, the last day published; later days wait for the next draw.
    public var publishedThrough: LocalDate?
    /// In draw mode, the last day whose urgent reserve is published.
    public var reservePublishedThrough: LocalDate?
    /// Days whose capacity an open draw is allocating.
    public var drawnDays: Set<LocalDate>
    /// Days whose urgent reserve an open draw is allocating (the rest of the day stays bookable).
    public var drawnReserveDays: Set<LocalDate>

    public init(
        publishedThrough: LocalDate? = nil, reservePublishedThrough: LocalDate? = nil,
        drawnDays: Set<LocalDate> = [], drawnReserveDays: Set<LocalDate> = []
    ) {
        self.publishedThrough = publishedThrough
        self.reservePublishedThrough = reservePublishedThrough
        self.drawnDays = drawnDays
        self.drawnReserveDays = drawnReserveDays
    }

    /// Nothing withheld: the product is not in draw mode and no draw is open.
    public static let none = DrawWithholding()

    /// Whether `date` may be booked first-come.
    public func isFirstCome(_ date: LocalDate) -> Bool {
        !drawnDays.contains(date) && (publishedThrough.map { date <= $0 } ?? true)
    }

    /// Whether the urgent reserve of `date`, once its release date has come, is open to everyone.
    public func releasesReserve(on date: LocalDate) -> Bool {
        !drawnReserveDays.contains(date) && (reservePublishedThrough.map { date <= $0 } ?? true)
    }
}

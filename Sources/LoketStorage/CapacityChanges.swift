/// The one way to say that capacity at a desk changed, after the commit that changed it: first
/// this server's caches (`local`), then the other servers on the same PostgreSQL (a NOTIFY, see
/// `Database.announceCapacityChange`). Every store that changes capacity is given this value.
public struct CapacityChanges: Sendable {
    let database: Database
    /// This server's reaction, such as bumping the cache generation of the desk.
    let local: @Sendable (CapacityChange) -> Void

    public init(database: Database, local: @escaping @Sendable (CapacityChange) -> Void = { _ in }) {
        self.database = database
        self.local = local
    }

    /// Capacity at `desk` changed and is committed: tell this server and the others.
    public func announce(_ desk: String) {
        announce(CapacityChange(desk: desk, draws: false))
    }

    /// What draws withhold at `desk` changed (a draw mode, a draw opened or allocated), and with
    /// it what may be booked there.
    public func announceDraws(_ desk: String) {
        announce(CapacityChange(desk: desk, draws: true))
    }

    private func announce(_ change: CapacityChange) {
        local(change)
        database.announceCapacityChange(change)
    }
}

/// A change of capacity at a desk. Most (every booking) change only the units taken; a few also
/// change what draws withhold, which every hold reads and which is therefore cached apart.
public struct CapacityChange: Sendable, Hashable {
    public let desk: String
    /// Whether what draws withhold changed too.
    public let draws: Bool

    public init(desk: String, draws: Bool) {
        self.desk = desk
        self.draws = draws
    }

    /// As a notification's payload: the desk code, after `draws:` for a draw change (desk codes
    /// hold letters, digits and hyphens only).
    var payload: String { draws ? "draws:\(desk)" : desk }

    init(payload: String) {
        if payload.hasPrefix("draws:") {
            self.init(desk: String(payload.dropFirst("draws:".count)), draws: true)
        } else {
            self.init(desk: payload, draws: false)
        }
    }
}

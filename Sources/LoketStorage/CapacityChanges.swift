/// The one way to say that capacity at a desk changed, after the commit that changed it: first
/// this server's caches (`local`), then the other servers on the same PostgreSQL (a NOTIFY, see
/// `Database.announceCapacityChange`). The application's use cases make it after their commit
/// (`UseCaseContext.capacityChanges`).
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

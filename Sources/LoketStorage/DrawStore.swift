import Foundation
import Logging
import LoketDomain
import SQLKit

/// Draws at peak times: the draw modes, the draws, their entries and how each entry was
/// decided. Changing a mode, opening a draw and allocating one move what is withheld from
/// first-come booking; the application announces each as a draw change for the desk
/// (`CapacityChanges.announceDraws`: slot lists and the cached withholding follow).
public struct DrawStore: Sendable {
    let database: Database
    let logger: Logger

    public init(database: Database, logger: Logger) {
        self.database = database
        self.logger = logger
    }

    /// A checked request to enter a draw.
    public struct EntryRequest: Sendable {
        public let persons: Int
        public let desks: [String]
        public let days: [LocalDate]
        public let customer: Customer
        /// Everyone the entry names (the entrant first): each may be in one entry per draw.
        public let people: [String]

        public init(persons: Int, desks: [String], days: [LocalDate], customer: Customer, people: [String]) {
            self.persons = persons
            self.desks = desks
            self.days = days
            self.customer = customer
            self.people = people
        }
    }

    /// An entry with what the allocation needs: who it is for and the slot it got, if any.
    public struct StoredEntry: Sendable {
        public let entry: DrawEntry
        public let customer: Customer
        public let people: [String]
        public let tokenHash: String
        public let slot: SlotKey?
    }

    // MARK: Modes

    public func modes(desk: String? = nil) async throws -> [DrawMode] {
        try await database.session { db in
            let rows =
                if let desk {
                    try await db.raw("SELECT * FROM draw_modes WHERE desk = \(bind: desk)").all()
                } else {
                    try await db.raw("SELECT * FROM draw_modes").all()
                }
            return try rows.map { try ModeRow(decoding: $0).mode }
        }
    }

    /// Sets the mode of `product` at `desk`. The rule (`setBy: .rule`) changes only a mode it set
    /// itself or that nobody set; false when it left a manager's mode alone. Switching on a mode
    /// that is on keeps how far it has published, so no day waiting for its draw slips out.
    @discardableResult
    public func setMode(
        desk: String, product: String, on: Bool, setBy: DrawMode.SetBy, publishedThrough: LocalDate?,
        reservePublishedThrough: LocalDate?, now: Date
    ) async throws -> Bool {
        let changed = try await database.session { db in
            try await db.raw(
                """
                INSERT INTO draw_modes (desk, product, mode_on, set_by, since, published_through, reserve_published_through)
                VALUES (\(bind: desk), \(bind: product), \(bind: on ? 1 : 0), \(bind: setBy.rawValue), \(bind: now.millis),
                    \(bind: publishedThrough?.iso), \(bind: reservePublishedThrough?.iso))
                ON CONFLICT (desk, product) DO UPDATE SET mode_on = excluded.mode_on, set_by = excluded.set_by,
                    since = CASE WHEN draw_modes.mode_on = excluded.mode_on THEN draw_modes.since ELSE excluded.since END,
                    published_through = CASE WHEN draw_modes.mode_on = 1 AND excluded.mode_on = 1
                        THEN draw_modes.published_through ELSE excluded.published_through END,
                    reserve_published_through = CASE WHEN draw_modes.mode_on = 1 AND excluded.mode_on = 1
                        THEN draw_modes.reserve_published_through ELSE excluded.reserve_published_through END
                WHERE \(unsafeRaw: setBy == .rule ? "draw_modes.set_by = 'rule'" : "1 = 1")
                RETURNING desk
                """
            ).first() != nil
        }
        return changed
    }

    /// What draws withhold at `desk`, per product: the modes' published days and the days and
    /// reserve that open draws are allocating.
    public func withholding(desk: String) async throws -> [String: DrawWithholding] {
        try await database.read { db in
            var result: [String: DrawWithholding] = [:]
            for row in try await db.raw("SELECT * FROM draw_modes WHERE desk = \(bind: desk) AND mode_on = 1").all() {
                let mode = try ModeRow(decoding: row).mode
                result[mode.product] = DrawWithholding(
                    publishedThrough: mode.publishedThrough, reservePublishedThrough: mode.reservePublishedThrough)
            }
            for row in try await db.raw(
                "SELECT * FROM draws WHERE desk = \(bind: desk) AND state <> 'allocated'"
            ).all() {
                let draw = try DrawRow(decoding: row).draw
                result[draw.product, default: .none].drawnDays.formUnion(draw.days)
                result[draw.product, default: .none].drawnReserveDays.formUnion(draw.reserveDays)
            }
            return result
        }
    }

    // MARK: Draws

    /// Opens the draws of `opening`, one for its new days and one for its reserve days (each if
    /// it has any), with the places counted for each, and publishes the mode's days through its
    /// dates, on condition that the mode still reads as `mode` (another server may have opened
    /// them first); nil when it had, empty when there was nothing to draw.
    @discardableResult
    public func open(
        _ opening: DrawOpening, places: (days: Int, reserve: Int), mode: DrawMode, now: Date
    ) async throws -> [Draw]? {
        func draw(_ days: [LocalDate], reserve: [LocalDate], closesAt: Date, places: Int) -> Draw? {
            days.isEmpty && reserve.isEmpty
                ? nil
                : Draw(
                    id: Identifiers.make(), desk: mode.desk, product: mode.product, days: days, reserveDays: reserve,
                    opensAt: now, closesAt: closesAt, places: places, state: .open, seed: nil)
        }
        let draws = [
            draw(opening.days, reserve: [], closesAt: opening.closesAt, places: places.days),
            draw([], reserve: opening.reserveDays, closesAt: opening.reserveClosesAt, places: places.reserve),
        ].compactMap { $0 }
        let opened = try await database.transaction { db -> Bool in
            guard
                try await db.raw(
                    """
                    UPDATE draw_modes SET published_through = \(bind: opening.publishedThrough.iso),
                        reserve_published_through = \(bind: opening.reservePublishedThrough?.iso)
                    WHERE desk = \(bind: mode.desk) AND product = \(bind: mode.product) AND mode_on = 1
                      AND COALESCE(published_through, '') = \(bind: mode.publishedThrough?.iso ?? "")
                      AND COALESCE(reserve_published_through, '') = \(bind: mode.reservePublishedThrough?.iso ?? "")
                    RETURNING desk
                    """
                ).first() != nil
            else { return false }
            for draw in draws {
                try await db.raw(
                    """
                    INSERT INTO draws (id, desk, product, days, reserve_days, opens_at, closes_at, places, state)
                    VALUES (\(bind: draw.id), \(bind: draw.desk), \(bind: draw.product), \(bind: Self.list(draw.days)),
                        \(bind: Self.list(draw.reserveDays)), \(bind: draw.opensAt.millis), \(bind: draw.closesAt.millis),
                        \(bind: draw.places), 'open')
                    """
                ).run()
            }
            return true
        }
        guard opened else { return nil }
        for draw in draws {
            logger.info(
                "draw opened", metadata: ["draw": "\(draw.id)", "desk": "\(draw.desk)", "product": "\(draw.product)"])
        }
        return draws
    }

    public func draw(id: String) async throws -> Draw? {
        try await database.session { db in
            try await db.raw("SELECT * FROM draws WHERE id = \(bind: id)").first().map {
                try DrawRow(decoding: $0).draw
            }
        }
    }

    /// Draws still open, and those that closed after `since`, newest first (at most 100).
    public func draws(desk: String?, product: String?, since: Date) async throws -> [Draw] {
        try await database.session { db in
            var query = SQLQueryString(
                "SELECT * FROM draws WHERE (state <> 'allocated' OR closes_at >= \(bind: since.millis))")
            if let desk {
                query.appendInterpolation(unsafeRaw: " AND desk = ")
                query.appendInterpolation(bind: desk)
            }
            if let product {
                query.appendInterpolation(unsafeRaw: " AND product = ")
                query.appendInterpolation(bind: product)
            }
            query.appendInterpolation(unsafeRaw: " ORDER BY closes_at DESC, id LIMIT 100")
            return try await db.raw(query).all().map { try DrawRow(decoding: $0).draw }
        }
    }

    /// Draws whose window has closed and that are not yet allocated (or whose allocation stopped).
    public func due(now: Date) async throws -> [Draw] {
        try await database.session { db in
            try await db.raw(
                "SELECT * FROM draws WHERE state <> 'allocated' AND closes_at <= \(bind: now.millis) ORDER BY closes_at, id"
            ).all().map { try DrawRow(decoding: $0).draw }
        }
    }

    /// How long an allocation may run before another run takes it over (its server died).
    static let allocationLease: TimeInterval = 600

    /// Starts the allocation of `id` with `seed`, as the draw's lifecycle decides, or takes over
    /// one whose server stopped more than `allocationLease` ago; nil when another run has it.
    public func claimAllocation(draw id: String, seed: UInt64, now: Date) async throws -> Draw? {
        try await database.transaction { db -> Draw? in
            guard
                var draw = try await db.raw("SELECT * FROM draws WHERE id = \(bind: id)").first()
                    .map({ try DrawRow(decoding: $0).draw })
            else { return nil }
            switch draw.state {
            case .open:
                try decided { () throws(TransitionError<Draw.State, Draw.Event>) in
                    try draw.allocate(seed: seed, now: now)
                }
                let started = try await db.raw(
                    """
                    UPDATE draws SET state = \(bind: draw.state.rawValue), seed = \(bind: draw.seed),
                        allocation_started_at = \(bind: now.millis)
                    WHERE id = \(bind: id) AND state = 'open' RETURNING id
                    """
                ).first()
                return started == nil ? nil : draw
            case .allocating:
                let stale = now.addingTimeInterval(-Self.allocationLease).millis
                let taken = try await db.raw(
                    """
                    UPDATE draws SET allocation_started_at = \(bind: now.millis)
                    WHERE id = \(bind: id) AND state = 'allocating' AND allocation_started_at <= \(bind: stale) RETURNING id
                    """
                ).first()
                return taken == nil ? nil : draw
            case .allocated:
                return nil
            }
        }
    }

    /// Ends the allocation: the counts and the digest are published, and the draw's days are
    /// no longer withheld (what nobody asked for is bookable first-come). Returns the draw's desk,
    /// whose withholding changed; nil when there is no such draw.
    public func finish(draw id: String, entries: Int, drawn: Int, digest: String, now: Date) async throws -> String? {
        let desk = try await database.transaction { db -> String? in
            guard
                var draw = try await db.raw("SELECT * FROM draws WHERE id = \(bind: id)").first()
                    .map({ try DrawRow(decoding: $0).draw })
            else { return nil }
            try decided { () throws(TransitionError<Draw.State, Draw.Event>) in try draw.finish() }
            try await db.raw(
                """
                UPDATE draws SET state = \(bind: draw.state.rawValue), entries = \(bind: entries), drawn = \(bind: drawn),
                    digest = \(bind: digest), allocated_at = \(bind: now.millis)
                WHERE id = \(bind: id) AND state = 'allocating'
                """
            ).run()
            return draw.desk
        }
        logger.info("draw allocated", metadata: ["draw": "\(id)", "entries": "\(entries)", "drawn": "\(drawn)"])
        return desk
    }

    /// The published result of an allocated draw: counts and digest.
    public func result(draw id: String) async throws -> (entries: Int, drawn: Int, digest: String)? {
        try await database.session { db in
            guard
                let row = try await db.raw(
                    "SELECT entries, drawn, digest FROM draws WHERE id = \(bind: id) AND state = 'allocated'"
                ).first()
            else { return nil }
            return (
                try row.decode(column: "entries", as: Int.self), try row.decode(column: "drawn", as: Int.self),
                try row.decode(column: "digest", as: String.self)
            )
        }
    }

    // MARK: Inside a transaction

    /// Writes the decision the entry's lifecycle made (drawn, or not), inside the use case's
    /// transaction; refused with `entryDecided` when it was decided meanwhile.
    public static func decide(_ entry: DrawEntry, in tx: Transaction) async throws {
        try await decide(entry, on: tx.db)
    }

    /// Whether any of the request's people already waits for the product or has a live appointment.
    public static func waitsOrHasAppointment(
        _ request: WaitlistRequest, now: Date, in tx: Transaction
    ) async throws
        -> Bool
    {
        try await waitsOrHasAppointment(request, now: now, on: tx.db)
    }

    static func decide(_ entry: DrawEntry, on db: any SQLDatabase) async throws {
        guard
            try await db.raw(
                """
                UPDATE draw_entries SET status = \(bind: entry.status.rawValue), appointment_id = \(bind: entry.appointment),
                    waitlist_id = \(bind: entry.waitlistEntry)
                WHERE id = \(bind: entry.id) AND status = 'entered' RETURNING id
                """
            ).first() != nil
        else {
            throw Refusal.entryDecided
        }
    }

    static func waitsOrHasAppointment(
        _ request: WaitlistRequest, now: Date, on db: any SQLDatabase
    ) async throws -> Bool {
        for vNumber in request.waitingPeople {
            let waits = try await db.raw(
                """
                SELECT v_number FROM waiting_people WHERE product = \(bind: request.product) AND v_number = \(bind: vNumber)
                """
            ).first()
            if waits != nil { return true }
            if try await LiveBookings.has(vNumber, product: request.product, now: now, on: db) { return true }
        }
        return false
    }

    static func list(_ days: [LocalDate]) -> String { days.map(\.iso).joined(separator: ",") }
    static func days(_ text: String) -> [LocalDate] {
        text.split(separator: ",").compactMap { LocalDate(iso: String($0)) }
    }
}

import Foundation
import LoketDomain
import SQLKit

/// Where a hold or an appointment sits: the slot units it took, handed from a hold to the
/// appointment that consumes it, and given back (or to the waitlist) when it ends.
public struct Placement: Sendable, Equatable {
    public let desk: String, product: String, persons: Int, pool: String, date: String
    public let start: Int, end: Int, parts: Int, assistance: Bool

    init(
        desk: String, product: String, persons: Int, pool: String, date: String, start: Int, end: Int, parts: Int,
        assistance: Bool
    ) {
        self.desk = desk
        self.product = product
        self.persons = persons
        self.pool = pool
        self.date = date
        self.start = start
        self.end = end
        self.parts = parts
        self.assistance = assistance
    }

    /// The units of a plan taken directly, without a hold (partner and urgent bookings).
    public init(_ plan: HoldPlan) {
        self.init(
            desk: plan.desk, product: plan.product, persons: plan.persons, pool: plan.slot.pool,
            date: plan.slot.date.iso, start: plan.slot.start.minutes, end: plan.end.minutes, parts: plan.units.count,
            assistance: plan.assistance)
    }
}

/// A hold as read inside a transaction, with what only storage knows of it.
public struct StoredHold: Sendable {
    public let hold: Hold
    public let placement: Placement
    /// The digest of its maker's secret; nil for a parked or offered hold nobody can confirm
    /// with a token.
    let tokenHash: String?

    /// Whether its maker got a secret with it; a hold without one (parked for the waitlist, or
    /// made by a waitlist offer, a draw or a document's pickup) is taken only by its use case.
    public var hasSecret: Bool { tokenHash != nil }

    /// Whether `token` is the secret its maker got. Digests are compared, so the time the
    /// comparison takes says nothing about the token.
    public func opens(_ token: String) -> Bool { Identifiers.hash(token) == tokenHash }
}

/// The `holds` table: a slot kept for a while, whose units were taken with it.
public enum Holds {
    /// Takes the units of `plan` and records a hold on them, with a new secret in the receipt;
    /// refuses with `slotFull` (changing nothing) when a unit is full. One unit on PostgreSQL is
    /// one statement, which can run without a transaction around it (`Idempotency.once(alone:)`).
    public static func take(_ plan: HoldPlan, now: Date, in tx: Transaction) async throws -> HoldReceipt {
        let id = Identifiers.make()
        let token = Identifiers.token()
        let tokenHash = Identifiers.hash(token)
        if isOneStatement(plan), tx.engine == .postgres {
            // Both rows or, when the unit is full, neither.
            let held =
                try await tx.db.firstRow(
                    preparing: """
                        WITH unit AS (\(CapacityStore.takeUnit(plan.units[0], desk: plan.desk, capacity: plan.capacity)))
                        INSERT INTO holds (\(holdColumns))
                        SELECT \(holdValues(id: id, plan: plan, tokenHash: tokenHash, now: now)) FROM unit
                        RETURNING id
                        """
                ) != nil
            guard held else { throw Refusal.slotFull }
        } else {
            try await CapacityStore.take(plan.units, desk: plan.desk, capacity: plan.capacity, on: tx.db)
            try await insert(id: id, plan: plan, tokenHash: tokenHash, now: now, on: tx.db)
        }
        let hold = Hold(
            id: id, desk: plan.desk, product: plan.product, persons: plan.persons, slot: plan.slot.description,
            date: plan.slot.date, startTime: plan.slot.start, endTime: plan.end, expiresAt: plan.expiresAt,
            state: .active)
        return HoldReceipt(hold: hold, token: token)
    }

    /// A new hold's id, for a use case that names the hold before writing it (a waitlist offer
    /// carries its hold).
    public static func newID() -> String { Identifiers.make() }

    /// Takes the units of `plan` for hold `id`, which has no secret: only the use case that made
    /// it (a waitlist offer, a draw, a document's pickup) takes it. Refuses with `slotFull`
    /// (changing nothing) when a unit is full.
    public static func takeWithoutSecret(id: String, plan: HoldPlan, now: Date, in tx: Transaction) async throws {
        try await CapacityStore.take(plan.units, desk: plan.desk, capacity: plan.capacity, on: tx.db)
        try await insert(id: id, plan: plan, tokenHash: nil, now: now, on: tx.db)
    }

    /// Whether `take` writes `plan` in one statement (one unit), which may then run without a
    /// transaction around it (`Idempotency.once(alone:)`).
    public static func isOneStatement(_ plan: HoldPlan) -> Bool { plan.units.count == 1 }

    /// The hold `id`, if there is one.
    public static func read(id: String, in tx: Transaction) async throws -> StoredHold? {
        try await read(id: id, on: tx.db).map {
            StoredHold(hold: $0.stored.hold, placement: $0.stored.placement, tokenHash: $0.stored.tokenHash)
        }
    }

    /// Writes the state a hold event decided, if the row is still in `before`; false when another
    /// transaction changed it first.
    public static func write(_ hold: Hold, readIn before: Hold.State, in tx: Transaction) async throws -> Bool {
        try await write(hold, readIn: before, on: tx.db)
    }

    /// Releases an active hold early, as the hold lifecycle decides, and frees its capacity (for
    /// the waitlist first when `toWaitlist`); returns the hold's desk, or nil when it was no
    /// longer active.
    public static func release(
        id: String, toWaitlist: Bool = false, now: Date, in tx: Transaction
    ) async throws -> String? {
        try await release(hold: id, toWaitlist: toWaitlist, now: now, on: tx.db)
    }

    // MARK: Inside storage

    /// Records a hold for `plan`, whose units the caller has taken; `tokenHash` is the digest of
    /// its maker's secret, nil for a hold only its waitlist offer may take.
    static func insert(id: String, plan: HoldPlan, tokenHash: String?, now: Date, on db: any SQLDatabase) async throws {
        try await db.raw(
            "INSERT INTO holds (\(holdColumns)) VALUES (\(holdValues(id: id, plan: plan, tokenHash: tokenHash, now: now)))"
        ).run()
    }

    /// The columns of a new hold's row, in the order of `holdValues`.
    static let holdColumns = SQLQueryString(
        """
        id, desk, product, persons, pool, date, start_minute, end_minute, parts, state, expires_at, created_at,
        assistance, token_hash
        """)

    /// A new active hold's row for `plan`.
    static func holdValues(id: String, plan: HoldPlan, tokenHash: String?, now: Date) -> SQLQueryString {
        """
        \(bind: id), \(bind: plan.desk), \(bind: plan.product), \(bind: plan.persons), \(bind: plan.slot.pool),
        \(bind: plan.slot.date.iso), \(bind: plan.slot.start.minutes), \(bind: plan.end.minutes), \(bind: plan.units.count),
        'active', \(bind: plan.expiresAt.millis), \(bind: now.millis), \(bind: plan.assistance ? 1 : 0), \(bind: tokenHash)
        """
    }

    /// The hold `id` decoded, with its row for giving its units back.
    static func read(id: String, on db: any SQLDatabase) async throws -> (row: any SQLRow, stored: HoldRow)? {
        guard let row = try await db.firstRow(preparing: "SELECT \(HoldRow.columns) FROM holds WHERE id = \(bind: id)")
        else {
            return nil
        }
        return (row, try HoldRow(decoding: row))
    }

    static func write(_ hold: Hold, readIn before: Hold.State, on db: any SQLDatabase) async throws -> Bool {
        try await db.raw(writing(hold, readIn: before)).first() != nil
    }

    /// `write` as one statement, returning the hold's id when it was still in `before`.
    static func writing(_ hold: Hold, readIn before: Hold.State) -> SQLQueryString {
        """
        UPDATE holds SET state = \(bind: hold.state.rawValue) WHERE id = \(bind: hold.id) AND state = \(bind: before.rawValue)
        RETURNING id
        """
    }

    static func release(
        hold id: String, toWaitlist: Bool = false, now: Date, on db: any SQLDatabase
    ) async throws
        -> String?
    {
        guard let (row, stored) = try await read(id: id, on: db) else { return nil }
        var hold = stored.hold
        guard (try? hold.release()) != nil, try await write(hold, readIn: stored.hold.state, on: db) else {
            return nil
        }
        guard toWaitlist else { return try await CapacityStore.release(row: row, on: db) }
        try await FreedSlots.free(row: row, now: now, on: db)
        return stored.desk
    }
}

import Foundation
import LoketDomain
import SQLKit

/// A slot whose holder let it go (cancelled, moved, declined, lapsed), kept for the waitlist by a
/// parked hold until the matcher has offered it or given it back.
public struct FreedSlot: Sendable, Hashable {
    /// The parked hold that keeps its units.
    public let hold: String
    public let desk: String
    public let product: String
    public let persons: Int
    public let slot: SlotKey
    /// Whether the parked hold still keeps the units (the sweep gives back one left too long).
    public let parked: Bool
}

/// Freed capacity goes to the waitlist before the open list: in the transaction that frees it,
/// when someone waits who could use it (an indexed lookup), its units stay taken by a parked hold
/// (no token: nobody can confirm it) and a `freed_slots` row tells the matcher, which offers it
/// to the first eligible entry outside the request. Otherwise the units go back at once.
public enum FreedSlots {
    /// How long a parked hold keeps its units if no matcher handles it (a crash): then the
    /// sweep gives them back like any expired hold.
    static let parkedFor: TimeInterval = 600

    /// Frees the units of `row` (an appointment or hold row: desk, product, persons, pool, date,
    /// start_minute, end_minute, parts). Returns the desk whose free capacity changed, or nil
    /// when the units were parked for the waitlist.
    @discardableResult
    static func free(row: any SQLRow, now: Date, on db: any SQLDatabase) async throws -> String? {
        try await free(row.decode(model: Span.self, keyDecodingStrategy: .convertFromSnakeCase), now: now, on: db)
    }

    /// Frees the units of `placement` (a cancelled or moved appointment's), as `free(row:)`.
    @discardableResult
    public static func free(_ p: Placement, now: Date, in tx: Transaction) async throws -> String? {
        try await free(p, now: now, on: tx.db)
    }

    @discardableResult
    static func free(_ p: Placement, now: Date, on db: any SQLDatabase) async throws -> String? {
        let span = Span(
            desk: p.desk, product: p.product, persons: p.persons, pool: p.pool, date: p.date, startMinute: p.start,
            endMinute: p.end, parts: p.parts)
        return try await free(span, now: now, on: db)
    }

    private static func free(_ span: Span, now: Date, on db: any SQLDatabase) async throws -> String? {
        let today = DeskTime(now, timeZone: DeskTime.amsterdam).date.iso
        guard span.date >= today,
            try await WaitlistLine.someoneWaits(
                desk: span.desk, product: span.product, date: span.date, persons: span.persons, on: db)
        else {
            try await CapacityStore.release(
                desk: span.desk, pool: span.pool, date: span.date, start: span.startMinute, end: span.endMinute,
                parts: span.parts, on: db)
            return span.desk
        }
        let id = Identifiers.make()
        try await db.raw(
            """
            INSERT INTO holds (id, desk, product, persons, pool, date, start_minute, end_minute, parts, state, expires_at, created_at)
            VALUES (\(bind: id), \(bind: span.desk), \(bind: span.product), \(bind: span.persons), \(bind: span.pool),
                \(bind: span.date), \(bind: span.startMinute), \(bind: span.endMinute), \(bind: span.parts), 'active',
                \(bind: now.addingTimeInterval(parkedFor).millis), \(bind: now.millis))
            """
        ).run()
        try await db.raw("INSERT INTO freed_slots (hold_id, created_at) VALUES (\(bind: id), \(bind: now.millis))")
            .run()
        return nil
    }

    /// The oldest freed slots still owed to the waitlist.
    static func pending(limit: Int, on db: any SQLDatabase) async throws -> [FreedSlot] {
        try await db.raw(
            """
            SELECT f.hold_id, h.desk, h.product, h.persons, h.pool, h.date, h.start_minute, h.state
            FROM freed_slots f JOIN holds h ON h.id = f.hold_id
            ORDER BY f.created_at, f.hold_id LIMIT \(bind: limit)
            """
        ).all().map { row in
            let r = try row.decode(model: PendingRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            return FreedSlot(
                hold: r.holdId, desk: r.desk, product: r.product, persons: r.persons,
                slot: SlotKey(date: LocalDate(iso: r.date)!, start: LocalTime(minutes: r.startMinute), pool: r.pool),
                parked: r.state == Hold.State.active.rawValue)
        }
    }

    /// Takes `freed` off the matcher's list inside the use case's transaction; false when another
    /// matcher took it first.
    public static func claim(_ freed: FreedSlot, in tx: Transaction) async throws -> Bool {
        try await claim(freed, on: tx.db)
    }

    /// Takes `freed` off the matcher's list; false when another matcher took it first.
    static func claim(_ freed: FreedSlot, on db: any SQLDatabase) async throws -> Bool {
        try await db.raw("DELETE FROM freed_slots WHERE hold_id = \(bind: freed.hold) RETURNING hold_id").first() != nil
    }

    struct Span: Decodable {
        let desk: String, product: String, persons: Int, pool: String, date: String
        let startMinute: Int, endMinute: Int, parts: Int
    }

    struct PendingRow: Decodable {
        let holdId: String, desk: String, product: String, persons: Int, pool: String, date: String
        let startMinute: Int, state: String
    }
}

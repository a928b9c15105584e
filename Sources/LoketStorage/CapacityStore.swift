import Foundation
import LoketDomain
import SQLKit

/// The capacity that holds and appointments take, kept consistent in the database.
///
/// Capacity lives in `slot_units`: one row per slot unit that anyone ever took, with a `taken`
/// count. Taking a unit is one conditional update (`taken < capacity`, `takeUnit`) per unit, in
/// ascending order, in the transaction or statement that records the hold, so that neither
/// engine can overbook and PostgreSQL servers never deadlock on each other.
///
/// The use cases that take or give back capacity (holds, waitlist offers, partner and urgent
/// bookings, draws, pickups) do it inside their own transactions, through `Holds`, `FreedSlots`
/// and `take`/`release` here, and announce the change through `CapacityChanges` after the commit.
public struct CapacityStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Units taken at `desk` on the days in `dates`.
    public func usage(desk: String, dates: ClosedRange<LocalDate>) async throws -> UnitUsage {
        let rows = try await database.read { db in
            try await db.raw(
                """
                SELECT pool, date, minute, taken FROM slot_units
                WHERE desk = \(bind: desk) AND date >= \(bind: dates.lowerBound.iso) AND date <= \(bind: dates.upperBound.iso) AND taken > 0
                """
            ).all()
        }
        var usage: UnitUsage = [:]
        // Column by column: decoding a model per row (keys converted from snake case each time)
        // cost more than the query on a desk with a busy horizon.
        for row in rows {
            let date = try row.decode(column: "date", as: String.self)
            let key = UnitKey(
                pool: try row.decode(column: "pool", as: String.self), date: LocalDate(iso: date)!,
                minute: try row.decode(column: "minute", as: Int.self))
            usage[key] = try row.decode(column: "taken", as: Int.self)
        }
        return usage
    }

    /// Slot units booked from the urgent reserve at `desk`, per day.
    public func urgentUnits(desk: String, dates: ClosedRange<LocalDate>) async throws -> [LocalDate: Int] {
        try await database.session { db in
            var result: [LocalDate: Int] = [:]
            for row in try await db.raw(
                """
                SELECT date, CAST(SUM(parts) AS BIGINT) AS units FROM appointments
                WHERE desk = \(bind: desk) AND urgent_reason IS NOT NULL AND state = 'confirmed'
                  AND date >= \(bind: dates.lowerBound.iso) AND date <= \(bind: dates.upperBound.iso)
                GROUP BY date
                """
            ).all() {
                let day = try row.decode(model: UrgentDayRow.self, keyDecodingStrategy: .convertFromSnakeCase)
                result[LocalDate(iso: day.date)!] = day.units
            }
            return result
        }
    }

    // MARK: Inside a transaction

    /// Takes the units of a booking made without a hold (a partner's, an urgent one) inside the
    /// use case's transaction, or refuses with `slotFull` if any is full.
    public static func take(_ units: [UnitKey], desk: String, capacity: Int, in tx: Transaction) async throws {
        try await take(units, desk: desk, capacity: capacity, on: tx.db)
    }

    /// Takes one unit of each of `units` (ascending), or refuses with `slotFull` if any is full.
    /// One statement per unit: a unit nobody took yet is inserted with one taken; an existing one
    /// is counted up only while below the capacity (the conditional update row-locks it).
    static func take(_ units: [UnitKey], desk: String, capacity: Int, on db: any SQLDatabase) async throws {
        for unit in units {
            guard try await db.raw(takeUnit(unit, desk: desk, capacity: capacity)).first() != nil else {
                throw Refusal.slotFull
            }
        }
    }

    /// The one statement that takes `unit` if it has room: a row with its new count, or none
    /// when it is full (and nothing changed).
    static func takeUnit(_ unit: UnitKey, desk: String, capacity: Int) -> SQLQueryString {
        """
        INSERT INTO slot_units (desk, pool, date, minute, taken)
        VALUES (\(bind: desk), \(bind: unit.pool), \(bind: unit.date.iso), \(bind: unit.minute), 1)
        ON CONFLICT (desk, pool, date, minute) DO UPDATE SET taken = slot_units.taken + 1
        WHERE slot_units.taken < \(bind: capacity)
        RETURNING taken
        """
    }

    /// Gives back the units described by a row with desk, pool, date, start_minute, end_minute
    /// and parts (a hold or an appointment); returns the desk.
    @discardableResult
    static func release(row: any SQLRow, on db: any SQLDatabase) async throws -> String {
        let span = try row.decode(model: UnitSpanRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        try await release(
            desk: span.desk, pool: span.pool, date: span.date, start: span.startMinute, end: span.endMinute,
            parts: span.parts, on: db)
        return span.desk
    }

    /// Gives back the units of `placement` inside the use case's transaction (a hold nobody may
    /// take to the waitlist: a parked or offered one).
    public static func release(_ placement: Placement, in tx: Transaction) async throws {
        try await release(
            desk: placement.desk, pool: placement.pool, date: placement.date, start: placement.start,
            end: placement.end, parts: placement.parts, on: tx.db)
    }

    /// Gives back `parts` consecutive units from `start` to `end`.
    static func release(
        desk: String, pool: String, date: String, start: Int, end: Int, parts: Int, on db: any SQLDatabase
    ) async throws {
        // Units are consecutive, so the span divided by the parts is the slot length.
        let step = parts > 0 ? (end - start) / parts : 0
        for part in 0..<parts {
            try await db.raw(
                """
                UPDATE slot_units SET taken = taken - 1
                WHERE desk = \(bind: desk) AND pool = \(bind: pool) AND date = \(bind: date)
                  AND minute = \(bind: start + part * step) AND taken > 0
                """
            ).run()
        }
    }

    // MARK: Rows

    /// Urgent-reserve units booked on one day.
    struct UrgentDayRow: Decodable {
        let date: String, units: Int
    }

    /// The units a hold or an appointment took.
    struct UnitSpanRow: Decodable {
        let desk: String, pool: String, date: String, startMinute: Int, endMinute: Int, parts: Int
    }
}

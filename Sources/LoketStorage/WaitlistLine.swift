import Foundation
import LoketDomain
import SQLKit

/// The waitlist as the database keeps it in line: a `waitlist_desks` row per desk of every entry
/// still waiting or offered, keyed in fair order, so the first eligible entry for a freed slot is
/// one index lookup; and a `waiting_people` row per V-number and product, whose key refuses a
/// second waiting entry for the same person even when two joins run at once (on any server).
/// Both are removed when the entry ends (booked, left or expired).
enum WaitlistLine {
    /// Puts `entry` in line at each of its desks and claims `people`; throws `alreadyWaiting` when
    /// one of them already waits for the product.
    static func enter(_ entry: WaitlistEntry, people: [String], on db: any SQLDatabase) async throws {
        for vNumber in people {
            guard
                try await db.raw(
                    """
                    INSERT INTO waiting_people (product, v_number, entry_id)
                    VALUES (\(bind: entry.product), \(bind: vNumber), \(bind: entry.id))
                    ON CONFLICT (product, v_number) DO NOTHING RETURNING v_number
                    """
                ).first() != nil
            else { throw Refusal.alreadyWaiting }
        }
        let rank = entry.fairRank
        for desk in entry.desks {
            try await db.raw(
                """
                INSERT INTO waitlist_desks (product, desk, priority, expires_rank, created_at, entry_id, from_date, to_date, persons)
                VALUES (\(bind: entry.product), \(bind: desk), \(bind: rank.priority), \(bind: rank.expiresRank),
                    \(bind: rank.createdAt), \(bind: entry.id), \(bind: entry.from.iso), \(bind: entry.to.iso), \(bind: entry.persons))
                """
            ).run()
        }
    }

    /// The entry has ended: out of every line, and its people may wait again.
    static func leave(entry id: String, on db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM waitlist_desks WHERE entry_id = \(bind: id)").run()
        try await db.raw("DELETE FROM waiting_people WHERE entry_id = \(bind: id)").run()
    }

    /// Whether anyone waits at `desk` for `product` on `date` with at most `persons` persons: then
    /// freed capacity there is kept for the matcher instead of going back to the open list.
    static func someoneWaits(
        desk: String, product: String, date: String, persons: Int, on db: any SQLDatabase
    ) async throws -> Bool {
        try await db.raw(
            """
            SELECT d.entry_id FROM waitlist_desks d JOIN waitlist w ON w.id = d.entry_id
            WHERE d.product = \(bind: product) AND d.desk = \(bind: desk) AND d.from_date <= \(bind: date)
              AND d.to_date >= \(bind: date) AND d.persons <= \(bind: persons) AND w.state = 'waiting'
            LIMIT 1
            """
        ).first() != nil
    }

    /// The first entry in fair order that may be offered `freed`: waiting, for its product, at its
    /// desk, with the date in its window, not more persons than it fits, not a slot it passed on,
    /// and earlier than the appointment it improves. Walks the `waitlist_desks` key in order and
    /// stops at the first match.
    static func firstEligible(for freed: FreedSlot, on db: any SQLDatabase) async throws -> String? {
        let date = freed.slot.date.iso
        let start = freed.slot.start.minutes
        return try await db.raw(
            """
            SELECT d.entry_id FROM waitlist_desks d JOIN waitlist w ON w.id = d.entry_id
            WHERE d.product = \(bind: freed.product) AND d.desk = \(bind: freed.desk) AND d.from_date <= \(bind: date)
              AND d.to_date >= \(bind: date) AND d.persons <= \(bind: freed.persons) AND w.state = 'waiting'
              AND NOT EXISTS (SELECT 1 FROM waitlist_passed p WHERE p.entry_id = d.entry_id
                  AND p.hold_slot = \(bind: "\(freed.desk)/\(freed.slot)"))
              AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.id = w.appointment_id AND a.state = 'confirmed'
                  AND (a.date < \(bind: date) OR (a.date = \(bind: date) AND a.start_minute <= \(bind: start))))
            ORDER BY d.priority, d.expires_rank, d.created_at, d.entry_id
            LIMIT 1
            """
        ).first()?.decode(column: "entry_id", as: String.self)
    }

    /// How many entries for the same product are ahead of `entry` in the fair order.
    static func ahead(of entry: WaitlistEntry, on db: any SQLDatabase) async throws -> Int {
        let rank = entry.fairRank
        return try await db.raw(
            """
            SELECT COUNT(*) AS ahead FROM waitlist
            WHERE product = \(bind: entry.product) AND state IN ('waiting', 'offered')
              AND (priority < \(bind: rank.priority)
                OR (priority = \(bind: rank.priority) AND (expires_rank < \(bind: rank.expiresRank)
                  OR (expires_rank = \(bind: rank.expiresRank) AND (created_at < \(bind: rank.createdAt)
                    OR (created_at = \(bind: rank.createdAt) AND id < \(bind: rank.id)))))))
            """
        ).first()!.decode(column: "ahead", as: Int.self)
    }

    /// Migration 10: lines and claims for the entries that were waiting before it (desks and
    /// people are comma-separated in `waitlist`; the recursive split is SQL both engines run).
    static let backfillDesks = """
        \(split("desks"))
        INSERT INTO waitlist_desks (product, desk, priority, expires_rank, created_at, entry_id, from_date, to_date, persons)
        SELECT w.product, s.item, w.priority, w.expires_rank, w.created_at, w.id, w.from_date, w.to_date, w.persons
        FROM split s JOIN waitlist w ON w.id = s.entry_id WHERE s.item <> ''
        ON CONFLICT DO NOTHING
        """

    static let backfillPeople = """
        \(split("COALESCE(people, '') || ',' || COALESCE(customer_v_number, '')"))
        INSERT INTO waiting_people (product, v_number, entry_id)
        SELECT w.product, s.item, w.id FROM split s JOIN waitlist w ON w.id = s.entry_id WHERE s.item <> ''
        ON CONFLICT DO NOTHING
        """

    /// `split (entry_id, rest, token, item)`: one row per character of `list` for every active
    /// entry; `item` is a whole element on the row that reads its closing comma.
    private static func split(_ list: String) -> String {
        """
        WITH RECURSIVE split (entry_id, rest, token, item) AS (
            SELECT id, \(list) || ',', CAST('' AS TEXT), CAST('' AS TEXT) FROM waitlist WHERE state IN ('waiting', 'offered')
            UNION ALL
            SELECT entry_id, substr(rest, 2),
                CASE WHEN substr(rest, 1, 1) = ',' THEN CAST('' AS TEXT) ELSE token || substr(rest, 1, 1) END,
                CASE WHEN substr(rest, 1, 1) = ',' THEN token ELSE CAST('' AS TEXT) END
            FROM split WHERE rest <> '')
        """
    }
}

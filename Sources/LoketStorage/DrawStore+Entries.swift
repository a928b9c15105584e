import Foundation
import LoketDomain
import SQLKit

/// A draw's entries: entering and reading them. Entering, and placing each entry once the draw
/// is done, are use cases of the application (`Draws+Entries`, `Draws+Places`).
extension DrawStore {
    /// The draw `id` as it is now, inside the use case's transaction.
    public static func draw(id: String, in tx: Transaction) async throws -> Draw? {
        try await tx.db.raw("SELECT * FROM draws WHERE id = \(bind: id)").first().map({ try DrawRow(decoding: $0).draw }
        )
    }

    /// Records an entry in `draw` with a new token, inside the use case's transaction. Refuses a
    /// person who is already in it (`alreadyEntered`) or already has a live appointment for the
    /// product (`alreadyBooked`: move that one instead), both checked by the database.
    public static func enter(
        _ draw: Draw, _ request: EntryRequest, now: Date, in tx: Transaction
    ) async throws -> (
        entry: DrawEntry, token: String
    ) {
        // Published in the draw's result: an identifier that does not say when its maker entered.
        let entryID = Identifiers.random()
        let token = Identifiers.token()
        let customer = request.customer
        for vNumber in request.people {
            guard try await !LiveBookings.has(vNumber, product: draw.product, now: now, on: tx.db) else {
                throw Refusal.alreadyBooked
            }
            guard
                try await tx.db.raw(
                    """
                    INSERT INTO draw_people (draw_id, v_number, entry_id) VALUES (\(bind: draw.id), \(bind: vNumber), \(bind: entryID))
                    ON CONFLICT (draw_id, v_number) DO NOTHING RETURNING v_number
                    """
                ).first() != nil
            else { throw Refusal.alreadyEntered }
        }
        let companions =
            customer.companions.isEmpty
            ? nil : String(decoding: try JSONEncoder().encode(customer.companions), as: UTF8.self)
        try await tx.db.raw(
            """
            INSERT INTO draw_entries (id, draw_id, token_hash, persons, desks, days, customer_name, customer_email,
                customer_phone, customer_v_number, language, companions, people, status, created_at)
            VALUES (\(bind: entryID), \(bind: draw.id), \(bind: Identifiers.hash(token)), \(bind: request.persons),
                \(bind: request.desks.joined(separator: ",")), \(bind: Self.list(request.days)), \(bind: customer.name),
                \(bind: customer.email), \(bind: customer.phone), \(bind: customer.vNumber),
                \(bind: customer.language.rawValue), \(bind: companions), \(bind: request.people.joined(separator: ",")),
                'entered', \(bind: now.millis))
            """
        ).run()
        let entry = DrawEntry(
            id: entryID, draw: draw.id, persons: request.persons, desks: request.desks, days: request.days,
            createdAt: now, status: .entered, appointment: nil, waitlistEntry: nil)
        return (entry, token)
    }

    /// The entry, if `token` is its own.
    public func entry(draw: String, id: String, token: String?) async throws -> DrawEntry {
        try await database.session { db in
            guard
                let row = try await db.raw(
                    "SELECT * FROM draw_entries WHERE id = \(bind: id) AND draw_id = \(bind: draw)"
                ).first()
            else {
                throw Refusal.unknownDrawEntry(id)
            }
            let stored = try EntryRow(decoding: row)
            guard let token, !token.isEmpty else {
                throw Refusal.drawEntryTokenMissing
            }
            guard Identifiers.hash(token) == stored.tokenHash else {
                throw Refusal.wrongDrawEntryToken
            }
            return stored.entry
        }
    }

    /// Every entry of the draw, with the slot each drawn one got.
    public func entries(draw id: String) async throws -> [StoredEntry] {
        try await database.session { db in
            try await db.raw(
                """
                SELECT e.*, a.pool AS slot_pool, a.date AS slot_date, a.start_minute AS slot_start
                FROM draw_entries e LEFT JOIN appointments a ON a.id = e.appointment_id
                WHERE e.draw_id = \(bind: id) ORDER BY e.id
                """
            ).all().map { row in
                let stored = try EntryRow(decoding: row)
                let slot = try row.decode(model: SlotColumns.self, keyDecodingStrategy: .convertFromSnakeCase)
                return StoredEntry(
                    entry: stored.entry, customer: stored.customer, people: stored.claimedPeople,
                    tokenHash: stored.tokenHash,
                    slot: slot.slotPool.flatMap { pool in
                        slot.slotDate.flatMap(LocalDate.init(iso:)).map {
                            SlotKey(date: $0, start: LocalTime(minutes: slot.slotStart ?? 0), pool: pool)
                        }
                    })
            }
        }
    }
}

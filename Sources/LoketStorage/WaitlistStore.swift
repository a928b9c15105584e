import Foundation
import LoketDomain
import SQLKit

/// The waitlist's reads: an entry, its place in line, the slots it passed on, the freed slots the
/// matcher owes the line and the first entry eligible for one. Joining, leaving, offers and their
/// answers are the waitlist area's use cases (`Waitlist` in LoketApp), written on
/// `WaitlistEntries`.
public struct WaitlistStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Inserts the entry and puts it in line, inside the caller's transaction (a draw puts the
    /// people it did not draw in line this way, with their draw entry's token).
    static func insertEntry(
        _ request: WaitlistRequest, id: String, tokenHash: String, now: Date, on db: any SQLDatabase
    ) async throws -> WaitlistEntry {
        let customer = request.customer
        for vNumber in request.people
        where try await LiveBookings.has(vNumber, product: request.product, now: now, on: db) {
            throw Refusal.alreadyBooked
        }
        // One waiting improvement per appointment: each accepted one is a move, and a stack of
        // them would be a way round the cap on moves.
        if let appointment = request.appointment,
            try await db.raw(
                """
                SELECT id FROM waitlist WHERE appointment_id = \(bind: appointment) AND state IN ('waiting', 'offered')
                """
            ).first() != nil
        {
            throw Refusal.alreadyImproving
        }
        let rank = WaitlistEntry.FairRank(
            priority: request.urgent ? 0 : 1,
            expiresRank: (request.expiresOn ?? WaitlistEntry.FairRank.noExpiry).iso, createdAt: now.millis, id: id)
        try await db.raw(
            """
            INSERT INTO waitlist (id, token_hash, product, persons, desks, from_date, to_date, urgent, expires_on, appointment_id,
                customer_name, customer_email, customer_phone, customer_v_number, language, state, created_at,
                people, partner_id, urgent_reason, urgent_note, priority, expires_rank, client)
            VALUES (\(bind: id), \(bind: tokenHash), \(bind: request.product), \(bind: request.persons),
                \(bind: request.desks.joined(separator: ",")), \(bind: request.from.iso), \(bind: request.to.iso), \(bind: request.urgent ? 1 : 0),
                \(bind: request.expiresOn?.iso), \(bind: request.appointment), \(bind: customer.name), \(bind: customer.email),
                \(bind: customer.phone), \(bind: customer.vNumber), \(bind: customer.language.rawValue),
                'waiting', \(bind: now.millis), \(bind: request.people.joined(separator: ",")), \(bind: request.partner),
                \(bind: request.urgentReason?.reason.rawValue), \(bind: request.urgentReason?.note), \(bind: rank.priority),
                \(bind: rank.expiresRank), \(bind: request.client))
            """
        ).run()
        let entry = try await fetchWaitlist(id: id, on: db)!
        try await WaitlistLine.enter(entry, people: request.waitingPeople, on: db)
        return entry
    }

    /// The entry, if `token` is its own token or the token of its current offer.
    public func waitlistEntry(id: String, token: String?) async throws -> WaitlistEntry {
        try await database.session { db in try await Self.authorisedWaitlist(id: id, token: token, on: db) }
    }

    /// 1 for the first in line for its product, counting the entries ahead in fair order.
    public func position(of entry: WaitlistEntry) async throws -> Int {
        try await database.session { db in try await WaitlistLine.ahead(of: entry, on: db) + 1 }
    }

    /// Slots this entry declined or let lapse.
    public func passedSlots(entry: String) async throws -> Set<String> {
        try await database.session { db in
            Set(
                try await db.raw("SELECT hold_slot FROM waitlist_passed WHERE entry_id = \(bind: entry)").all()
                    .map { try $0.decode(column: "hold_slot", as: String.self) })
        }
    }

    /// The entries whose offer ran out by `now`.
    public func offersDue(now: Date) async throws -> [String] {
        try await database.session { db in
            try await db.raw(
                "SELECT id FROM waitlist WHERE state = 'offered' AND offer_expires_at <= \(bind: now.millis)"
            ).all().map { try $0.decode(column: "id", as: String.self) }
        }
    }

    /// The entries still waiting or offered whose last day is before `today`.
    public func pastEntries(today: LocalDate) async throws -> [String] {
        try await database.session { db in
            try await db.raw(
                "SELECT id FROM waitlist WHERE state IN ('waiting', 'offered') AND to_date < \(bind: today.iso)"
            ).all().map { try $0.decode(column: "id", as: String.self) }
        }
    }

    /// The people who wait on their own behalf (not entered by a partner, not improving an
    /// appointment) for one of `products` without an open invitation to it on `today`: theirs
    /// lapsed or was withdrawn, or they joined before the product needed one.
    public func waitingUninvited(
        products: [String], today: LocalDate
    ) async throws
        -> [(vNumber: String, product: String)]
    {
        guard !products.isEmpty else { return [] }
        return try await database.read { db in
            try await db.raw(
                """
                SELECT p.v_number, p.product FROM waiting_people p JOIN waitlist w ON w.id = p.entry_id
                WHERE p.product IN (\(SQLList(products.map { SQLBind($0) }))) AND w.partner_id IS NULL
                    AND w.appointment_id IS NULL AND NOT EXISTS (
                        SELECT 1 FROM invitations i WHERE i.v_number = p.v_number AND i.product = p.product
                            AND i.withdrawn_at IS NULL AND i.purged_at IS NULL AND i.valid_until >= \(bind: today.iso))
                """
            ).all().map {
                (try $0.decode(column: "v_number", as: String.self), try $0.decode(column: "product", as: String.self))
            }
        }
    }

    /// The entry's row: the customer details and people it was given, as validated when it joined.
    static func waitlistRow(id: String, on db: any SQLDatabase) async throws -> WaitlistRow {
        try WaitlistRow(decoding: try await db.raw("SELECT * FROM waitlist WHERE id = \(bind: id)").first()!)
    }

    static func authorisedWaitlist(id: String, token: String?, on db: any SQLDatabase) async throws -> WaitlistEntry {
        guard let token, !token.isEmpty else { throw Refusal.waitlistTokenMissing }
        guard let row = try await db.raw("\(unsafeRaw: waitlistSelect) WHERE w.id = \(bind: id)").first() else {
            throw Refusal.unknownWaitlistEntry
        }
        let stored = try WaitlistRow(decoding: row)
        let digest = Identifiers.hash(token)
        guard digest == stored.tokenHash || digest == stored.offerTokenHash else { throw Refusal.wrongWaitlistToken }
        return stored.entry
    }

    /// Waitlist rows with the slot of their current offer, if any.
    static let waitlistSelect = """
        SELECT w.*, h.desk AS offer_desk, h.pool AS offer_pool, h.date AS offer_date, h.start_minute AS offer_start, h.end_minute AS offer_end
        FROM waitlist w LEFT JOIN holds h ON h.id = w.offer_hold_id
        """

    static func fetchWaitlist(id: String, on db: any SQLDatabase) async throws -> WaitlistEntry? {
        try await db.raw("\(unsafeRaw: waitlistSelect) WHERE w.id = \(bind: id)").first().map {
            try WaitlistRow(decoding: $0).entry
        }
    }
}

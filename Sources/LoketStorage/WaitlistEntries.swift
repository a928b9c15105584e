import Foundation
import LoketDomain
import SQLKit

/// The `waitlist` table with the line its entries wait in (`WaitlistLine`), the slots an entry
/// passed on and the offers it accepted: what the waitlist area's use cases write.
public enum WaitlistEntries {
    /// Adds the entry with a new token and puts it in line; refuses a person who already waits
    /// for the product (`alreadyWaiting`) or, unless the entry improves an appointment, already
    /// has one (`alreadyBooked`), and a second improvement of one appointment (`alreadyImproving`).
    public static func insert(
        _ request: WaitlistRequest, now: Date, in tx: Transaction
    ) async throws -> (entry: WaitlistEntry, token: String) {
        let token = Identifiers.token()
        let entry = try await WaitlistStore.insertEntry(
            request, id: Identifiers.make(), tokenHash: Identifiers.hash(token), now: now, on: tx.db)
        return (entry, token)
    }

    /// Puts the people a draw did not draw in line, with their draw entry's token (`tokenHash`),
    /// so that the link they have opens their place on the waitlist too.
    public static func insert(
        _ request: WaitlistRequest, tokenHash: String, now: Date, in tx: Transaction
    ) async throws -> WaitlistEntry {
        try await WaitlistStore.insertEntry(request, id: Identifiers.make(), tokenHash: tokenHash, now: now, on: tx.db)
    }

    /// The entry `id` if `token` is its own token or the token of its current offer.
    public static func authorised(id: String, token: String?, in tx: Transaction) async throws -> WaitlistEntry {
        try await WaitlistStore.authorisedWaitlist(id: id, token: token, on: tx.db)
    }

    /// The entry `id` as it is now.
    public static func read(id: String, in tx: Transaction) async throws -> WaitlistEntry? {
        try await WaitlistStore.fetchWaitlist(id: id, on: tx.db)
    }

    /// The entry in which `vNumber` waits for `product`, if any.
    public static func waiting(
        person vNumber: String, product: String, in tx: Transaction
    ) async throws
        -> WaitlistEntry?
    {
        guard
            let row = try await tx.db.raw(
                "SELECT entry_id FROM waiting_people WHERE product = \(bind: product) AND v_number = \(bind: vNumber)"
            ).first()
        else { return nil }
        return try await read(id: try row.decode(column: "entry_id", as: String.self), in: tx)
    }

    /// The customer and the V-numbers the entry was given when it joined, as checked then: whom
    /// an accepted offer books.
    public static func applicant(
        of id: String, in tx: Transaction
    ) async throws -> (
        customer: Customer, people: [String]
    ) {
        let row = try await WaitlistStore.waitlistRow(id: id, on: tx.db)
        return (row.customer, row.claimedPeople)
    }

    /// Writes the state the entry's lifecycle decided (it left or its last day passed), on
    /// condition that it is still in the state it was read in; false when it changed meanwhile.
    public static func write(
        _ entry: WaitlistEntry, readIn read: WaitlistEntry, in tx: Transaction
    ) async throws
        -> Bool
    {
        try await tx.db.raw(
            """
            UPDATE waitlist SET state = \(bind: entry.state.rawValue), offer_token_hash = NULL
            WHERE id = \(bind: read.id) AND state = \(bind: read.state.rawValue) RETURNING id
            """
        ).first() != nil
    }

    /// Takes the entry out of the line it waits in.
    public static func leaveLine(entry id: String, in tx: Transaction) async throws {
        try await WaitlistLine.leave(entry: id, on: tx.db)
    }

    /// Ends `offer`, writing the state the entry's lifecycle decided (waiting again, left or
    /// expired) on condition that it still holds that offer, and remembers the slot as passed so
    /// that it is not offered to this entry again. False when the entry no longer held the offer;
    /// the offer's hold is the caller's to release.
    public static func endOffer(
        _ offer: WaitlistEntry.Offer, of entry: WaitlistEntry, readIn read: WaitlistEntry, in tx: Transaction
    ) async throws -> Bool {
        try await endOffer(offer, of: entry, readIn: read, on: tx.db)
    }

    /// Writes the offer the entry's lifecycle decided (`entry` is offered its `offer`), on
    /// condition that it still waits, with a new secret for the offer's link, and records the
    /// offer. Nil when it no longer waits; otherwise the secret and the client that joined.
    public static func offer(
        _ entry: WaitlistEntry, now: Date, in tx: Transaction
    ) async throws -> (
        token: String, client: String?
    )? {
        guard let offer = entry.offer else { return nil }
        let token = Identifiers.token()
        guard
            let written = try await tx.db.raw(
                """
                UPDATE waitlist SET state = \(bind: entry.state.rawValue), offer_hold_id = \(bind: offer.hold),
                    offer_expires_at = \(bind: offer.expiresAt.millis), offer_token_hash = \(bind: Identifiers.hash(token))
                WHERE id = \(bind: entry.id) AND state = \(bind: WaitlistEntry.State.waiting.rawValue) RETURNING client
                """
            ).first()
        else { return nil }
        try await tx.db.raw(
            """
            INSERT INTO waitlist_offers (hold_id, desk, product, offered_at)
            VALUES (\(bind: offer.hold), \(bind: offer.desk), \(bind: entry.product), \(bind: now.millis))
            """
        ).run()
        return (token, try written.decode(column: "client", as: String?.self))
    }

    /// The entry booked `appointment` with its `offer`: it leaves the line.
    public static func booked(
        _ entry: WaitlistEntry, appointment: String, offer: WaitlistEntry.Offer, now: Date, in tx: Transaction
    ) async throws {
        try await tx.db.raw(
            """
            UPDATE waitlist SET state = \(bind: entry.state.rawValue), booked_appointment_id = \(bind: appointment),
                offer_token_hash = NULL
            WHERE id = \(bind: entry.id)
            """
        ).run()
        try await tx.db.raw(
            "UPDATE waitlist_offers SET accepted_at = \(bind: now.millis) WHERE hold_id = \(bind: offer.hold)"
        ).run()
        try await WaitlistLine.leave(entry: entry.id, on: tx.db)
    }

    static func endOffer(
        _ offer: WaitlistEntry.Offer, of entry: WaitlistEntry, readIn read: WaitlistEntry, on db: any SQLDatabase
    ) async throws -> Bool {
        guard
            try await db.raw(
                """
                UPDATE waitlist SET state = \(bind: entry.state.rawValue), offer_hold_id = NULL, offer_expires_at = NULL,
                    offer_token_hash = NULL
                WHERE id = \(bind: entry.id) AND state = \(bind: read.state.rawValue) AND offer_hold_id = \(bind: offer.hold) RETURNING id
                """
            ).first() != nil
        else { return false }
        try await db.raw(
            """
            INSERT INTO waitlist_passed (entry_id, hold_slot) VALUES (\(bind: entry.id), \(bind: "\(offer.desk)/\(offer.slot)"))
            ON CONFLICT (entry_id, hold_slot) DO NOTHING
            """
        ).run()
        return true
    }
}

import Foundation
import Logging
import LoketDomain
import SQLKit

/// What the document holder reads, and the tables their choices are written on (a pickup and a
/// delivery are booked by the application, `Documents+Pickup` and `Documents+Changes`).
extension DocumentStore {
    /// The document, if `token` is its customer token or the signed link from its emails.
    public func document(id: String, token: String?, now: Date) async throws -> Stored {
        try await database.session { db in try await authorised(id: id, token: token, now: now, on: db) }
    }

    /// The document an email is about, without its token (the mailer has none).
    public func documentForMessage(id: String) async throws -> Stored? {
        try await database.session { db in try await Self.read(id: id, on: db) }
    }

    /// The delivery an advance notice is about, and its document; nil unless it is still the
    /// document's scheduled delivery (a moved one has its own notice).
    public func deliveryForMessage(id: String) async throws -> (Stored, Delivery)? {
        try await database.session { db in
            guard
                let documentID = try await db.raw("SELECT document_id FROM deliveries WHERE id = \(bind: id)").first()?
                    .decode(column: "document_id", as: String.self),
                let stored = try await Self.read(id: documentID, on: db), let delivery = stored.document.delivery,
                delivery.id == id, delivery.status == .scheduled || delivery.status == .outForDelivery
            else { return nil }
            return (stored, delivery)
        }
    }

    /// The link token for the document's emails.
    public func linkToken(document id: String) -> String { links.token(document: id) }

    /// The document if `token` opens it, inside the use case's transaction.
    public func authorised(id: String, token: String?, now: Date, in tx: Transaction) async throws -> Stored {
        try await authorised(id: id, token: token, now: now, on: tx.db)
    }

    /// Writes the state the document's lifecycle decided, on condition of the revision it was read
    /// in (refused with `documentChanged`), and records `event` (by `by`, a courier) in its history;
    /// a dispatch sends its delivery out.
    public static func write(
        _ document: Document, readIn stored: Stored, event: Document.Event, by: String? = nil, now: Date,
        in tx: Transaction
    ) async throws {
        try await write(document, readIn: stored, on: tx.db)
        if event == .dispatch, let delivery = document.delivery {
            try await tx.db.raw("UPDATE deliveries SET status = 'out_for_delivery' WHERE id = \(bind: delivery.id)")
                .run()
        }
        try await Self.event(event.rawValue, document: document.id, by: by, now: now, on: tx.db)
    }

    /// A scheduled delivery gives way (to a pickup): its courier place goes back.
    public static func cancelDelivery(_ delivery: Delivery, in tx: Transaction) async throws {
        try await cancelDelivery(delivery, on: tx.db)
    }

    /// Deliveries scheduled per day over `dates` (all desks): what the courier's capacity counts.
    public func scheduledPerDay(_ dates: ClosedRange<LocalDate>) async throws -> [LocalDate: Int] {
        try await database.session { db in
            var result: [LocalDate: Int] = [:]
            for row in try await db.raw(
                """
                SELECT date, scheduled FROM courier_days
                WHERE date >= \(bind: dates.lowerBound.iso) AND date <= \(bind: dates.upperBound.iso)
                """
            ).all() {
                let day = try row.decode(model: CourierDayRow.self, keyDecodingStrategy: .convertFromSnakeCase)
                result[LocalDate(iso: day.date)!] = day.scheduled
            }
            return result
        }
    }

    /// Takes one of the courier's `perDay` places on `date`; false when the day is full.
    public static func takeCourierPlace(on date: LocalDate, perDay: Int, in tx: Transaction) async throws -> Bool {
        try await tx.db.raw(
            """
            INSERT INTO courier_days (date, scheduled) VALUES (\(bind: date.iso), 1)
            ON CONFLICT (date) DO UPDATE SET scheduled = courier_days.scheduled + 1
            WHERE courier_days.scheduled < \(bind: perDay)
            RETURNING scheduled
            """
        ).first() != nil
    }

    /// The deliveries scheduled on `date`, per time window: what the emptiest window is chosen from.
    public static func windowsTaken(on date: LocalDate, in tx: Transaction) async throws -> [TimeRange: Int] {
        var taken: [TimeRange: Int] = [:]
        for row in try await tx.db.raw(
            """
            SELECT window_from, window_to, COUNT(*) AS n FROM deliveries
            WHERE date = \(bind: date.iso) AND status = 'scheduled' GROUP BY window_from, window_to
            """
        ).all() {
            let w = try row.decode(model: WindowRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            taken[TimeRange(from: LocalTime(minutes: w.windowFrom), to: LocalTime(minutes: w.windowTo))] = w.n
        }
        return taken
    }

    /// Records `delivery` of document `id`.
    public static func insert(_ delivery: Delivery, document id: String, now: Date, in tx: Transaction) async throws {
        let address = delivery.address
        try await tx.db.raw(
            """
            INSERT INTO deliveries (id, document_id, date, window_from, window_to, street, house_number, postcode, city,
                status, created_at)
            VALUES (\(bind: delivery.id), \(bind: id), \(bind: delivery.date.iso), \(bind: delivery.window.from.minutes),
                \(bind: delivery.window.to.minutes), \(bind: address.street), \(bind: address.houseNumber),
                \(bind: address.postcode), \(bind: address.city), 'scheduled', \(bind: now.millis))
            """
        ).run()
    }

    /// A new delivery's id.
    public static func newDeliveryID() -> String { Identifiers.make() }

    /// Documents that reached their holder on or after `since` (handed over or delivered).
    public func collected(since: LocalDate) async throws -> [CollectionWait.Collected] {
        let from = DeskTime(date: since, time: LocalTime(minutes: 0)).instant(in: DeskTime.amsterdam)
        return try await database.session { db in
            try await db.raw(
                """
                SELECT d.desk, d.ready_on, e.at FROM document_events e JOIN documents d ON d.id = e.document_id
                WHERE e.event IN ('handOver', 'deliver') AND e.at >= \(bind: from.millis)
                """
            ).all().map { row in
                let r = try row.decode(model: CollectedRow.self, keyDecodingStrategy: .convertFromSnakeCase)
                return CollectionWait.Collected(
                    desk: r.desk, readyOn: LocalDate(iso: r.readyOn)!,
                    collectedOn: DeskTime(Date(millis: r.at), timeZone: DeskTime.amsterdam).date)
            }
        }
    }
}

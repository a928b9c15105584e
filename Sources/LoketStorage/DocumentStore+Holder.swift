import Foundation
import Logging
import LoketDomain
import SQLKit

/// What the document holder does: open the document and choose delivery (a pickup is booked by
/// the application, `Loket+Documents`, on these tables).
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
    /// in (refused with `documentChanged`), and records `event` in its history.
    public static func write(
        _ document: Document, readIn stored: Stored, event: Document.Event, now: Date, in tx: Transaction
    ) async throws {
        try await write(document, readIn: stored, on: tx.db)
        try await Self.event(event.rawValue, document: document.id, by: nil, now: now, on: tx.db)
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

    /// Schedules delivery of the document on `date` to `address` (or moves it there), taking one
    /// of the day's places (refused when the day is full), in the emptiest window. The holder
    /// is told the day and window `rules.notice` working days before.
    public func scheduleDelivery(
        id: String, token: String?, address: DutchAddress, date: LocalDate, rules: CourierRules,
        workingDays: WorkingDays, now: Date
    ) async throws -> Delivery {
        let deliveryID = Identifiers.make()
        let outbox = self.outbox
        let delivery = try await database.transaction { db -> Delivery in
            let stored = try await authorised(id: id, token: token, now: now, on: db)
            guard
                try await db.raw(
                    """
                    INSERT INTO courier_days (date, scheduled) VALUES (\(bind: date.iso), 1)
                    ON CONFLICT (date) DO UPDATE SET scheduled = courier_days.scheduled + 1
                    WHERE courier_days.scheduled < \(bind: rules.perDay)
                    RETURNING scheduled
                    """
                ).first() != nil
            else {
                throw Refusal.courierDayFull(date)
            }
            // Moving: the old day's place goes back.
            if stored.document.status == .deliveryScheduled, let old = stored.document.delivery {
                try await Self.cancelDelivery(old, on: db)
            }
            var taken: [TimeRange: Int] = [:]
            for row in try await db.raw(
                """
                SELECT window_from, window_to, COUNT(*) AS n FROM deliveries
                WHERE date = \(bind: date.iso) AND status = 'scheduled' GROUP BY window_from, window_to
                """
            ).all() {
                let w = try row.decode(model: WindowRow.self, keyDecodingStrategy: .convertFromSnakeCase)
                taken[TimeRange(from: LocalTime(minutes: w.windowFrom), to: LocalTime(minutes: w.windowTo))] = w.n
            }
            let delivery = Delivery(
                id: deliveryID, date: date, window: rules.window(taken: taken), address: address, status: .scheduled,
                reason: nil)
            var document = stored.document
            try decided { () throws(TransitionError<Document.Status, Document.Event>) in
                try document.scheduleDelivery(delivery)
            }
            try await db.raw(
                """
                INSERT INTO deliveries (id, document_id, date, window_from, window_to, street, house_number, postcode, city,
                    status, created_at)
                VALUES (\(bind: deliveryID), \(bind: id), \(bind: date.iso), \(bind: delivery.window.from.minutes),
                    \(bind: delivery.window.to.minutes), \(bind: address.street), \(bind: address.houseNumber),
                    \(bind: address.postcode), \(bind: address.city), 'scheduled', \(bind: now.millis))
                """
            ).run()
            try await Self.write(document, readIn: stored, on: db)
            try await Self.event("scheduleDelivery", document: id, by: nil, now: now, on: db)
            // The advance notice, on its day (at once if that has come); a moved delivery gets a new one.
            let noticeDay = rules.noticeDay(for: date, workingDays: workingDays)
            let sendAt = max(
                now, DeskTime(date: noticeDay, time: LocalTime(minutes: 8 * 60)).instant(in: DeskTime.amsterdam))
            try await OutboxStore.enqueue(
                .deliveryNotice, appointment: deliveryID, revision: 0, start: nil, now: now, settings: outbox,
                sendAfter: sendAt, on: db)
            // And one at once: whoever set or changed the address, the holder hears of it now.
            if sendAt > now {
                try await OutboxStore.enqueue(
                    .deliveryNotice, appointment: deliveryID, revision: 0, start: nil, now: now, settings: outbox,
                    on: db)
            }
            return delivery
        }
        logger.info("document delivery scheduled", metadata: ["document": "\(id)", "delivery": "\(deliveryID)"])
        return delivery
    }

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

import Foundation
import Logging
import LoketDomain
import SQLKit

/// Documents from production to their holder: announced by a case system, ready at a desk,
/// collected at a `DOC` appointment or delivered by the courier. Every change is one event of
/// the document's lifecycle, written on condition of the revision it was read in, and logged in
/// `document_events` (what, when, by whom). Messages to the holder go through the outbox.
public struct DocumentStore: Sendable {
    let database: Database
    let logger: Logger
    let outbox: OutboxSettings?
    let capacityChanges: CapacityChanges
    let links: ManageLinkKeys

    public init(
        database: Database, logger: Logger, outbox: OutboxSettings? = nil, capacityChanges: CapacityChanges,
        links: ManageLinkKeys
    ) {
        self.database = database
        self.logger = logger
        self.outbox = outbox
        self.capacityChanges = capacityChanges
        self.links = links
    }

    /// A checked announcement of a document by a case system.
    public struct Registration: Sendable {
        public let kind: String
        public let vNumber: String
        public let holder: Document.Holder
        public let desk: String
        public let readyOn: LocalDate
        public let caseSystem: String

        public init(
            kind: String, vNumber: String, holder: Document.Holder, desk: String, readyOn: LocalDate,
            caseSystem: String
        ) {
            self.kind = kind
            self.vNumber = vNumber
            self.holder = holder
            self.desk = desk
            self.readyOn = readyOn
            self.caseSystem = caseSystem
        }
    }

    /// A document with who it is for (absent once purged).
    public struct Stored: Sendable {
        public let document: Document
        public let holder: Document.Holder?
        public let vNumber: String?
        let revision: Int
    }

    static let unknownDocument = BookingError(
        .notFound, field: "id", code: "unknown_document", "There is no such document, or this token does not open it.")

    // MARK: The case system

    /// Records the document; ready at once if its day has come (the holder then hears so).
    public func register(_ r: Registration, now: Date) async throws -> (Stored, token: String) {
        let id = Identifiers.make()
        let token = Identifiers.token()
        let today = DeskTime(now, timeZone: DeskTime.amsterdam).date
        let outbox = self.outbox
        let stored = try await database.transaction { db -> Stored in
            try await db.raw(
                """
                INSERT INTO documents (id, kind, case_system_id, v_number, holder_name, holder_email, language, date_of_birth,
                    desk, ready_on, status, token_hash, created_at)
                VALUES (\(bind: id), \(bind: r.kind), \(bind: r.caseSystem), \(bind: r.vNumber), \(bind: r.holder.name),
                    \(bind: r.holder.email), \(bind: r.holder.language.rawValue), \(bind: r.holder.dateOfBirth.iso),
                    \(bind: r.desk), \(bind: r.readyOn.iso), 'in_production', \(bind: Identifiers.hash(token)), \(bind: now.millis))
                """
            ).run()
            try await Self.event("register", document: id, by: r.caseSystem, now: now, on: db)
            var stored = try await Self.read(id: id, on: db)!
            if r.readyOn <= today {
                stored = try await Self.change(stored, .arrive, by: nil, now: now, outbox: outbox, on: db) {
                    (d) throws(TransitionError<Document.Status, Document.Event>) in try d.arrive(today: today)
                }
            }
            return stored
        }
        logger.info("document registered", metadata: ["document": "\(id)", "desk": "\(r.desk)"])
        return (stored, token)
    }

    /// Documents whose ready day has come: ready now, and their holders told.
    @discardableResult
    public func arriveDue(now: Date) async throws -> Int {
        let today = DeskTime(now, timeZone: DeskTime.amsterdam).date
        let ids = try await database.session { db in
            try await db.raw(
                "SELECT id FROM documents WHERE status = 'in_production' AND ready_on <= \(bind: today.iso) LIMIT 500"
            ).all().map { try $0.decode(column: "id", as: String.self) }
        }
        var count = 0
        for id in ids {
            if try await apply(
                id: id, .arrive, by: nil, now: now,
                { (d) throws(TransitionError<Document.Status, Document.Event>) in try d.arrive(today: today) }) != nil
            {
                count += 1
            }
        }
        return count
    }

    /// Ready documents nobody claimed in `afterWorkingDays`: returned.
    @discardableResult
    public func returnUnclaimed(now: Date, afterWorkingDays: Int, workingDays: WorkingDays) async throws -> Int {
        let today = DeskTime(now, timeZone: DeskTime.amsterdam).date
        let ids = try await database.session { db in
            try await db.raw(
                "SELECT id FROM documents WHERE status = 'ready' AND ready_on < \(bind: today.iso) LIMIT 500"
            ).all().map { try $0.decode(column: "id", as: String.self) }
        }
        var count = 0
        for id in ids {
            let returned = try? await apply(id: id, .returnUnclaimed, by: nil, now: now) {
                (d) throws(TransitionError<Document.Status, Document.Event>) in
                try d.returnUnclaimed(today: today, afterWorkingDays: afterWorkingDays, workingDays: workingDays)
            }
            if returned != nil { count += 1 }
        }
        return count
    }

    // MARK: The holder

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

    /// Books the pickup appointment `plan` for the holder and marks the document, in one transaction.
    /// `people` are the V-numbers the appointment claims (one live booking per person and product).
    public func bookPickup(
        id: String, token: String?, plan: HoldPlan, people: [String], now: Date
    ) async throws -> ConfirmedBooking {
        let holdID = Identifiers.make()
        let appointmentID = Identifiers.make()
        let manageToken = Identifiers.token()
        let outbox = self.outbox
        let booking = try await database.transaction { db -> ConfirmedBooking in
            let stored = try await authorised(id: id, token: token, now: now, on: db)
            guard let holder = stored.holder else { throw Self.unknownDocument }
            var document = stored.document
            try decided { () throws(TransitionError<Document.Status, Document.Event>) in
                try document.bookPickup(appointment: appointmentID)
            }
            try await CapacityStore.take(plan.units, desk: plan.desk, capacity: plan.capacity, on: db)
            try await AppointmentStore.insertHold(id: holdID, plan: plan, tokenHash: nil, now: now, on: db)
            let (_, placement) = try await AppointmentStore.consume(hold: holdID, access: .draw, now: now, on: db)
            let customer = Customer(
                name: holder.name, email: holder.email, phone: nil, vNumber: stored.vNumber, language: holder.language)
            let appointment = try await AppointmentStore.insertAppointment(
                id: appointmentID, holdID: holdID, at: placement, customer: customer, people: people,
                tokenHash: Identifiers.hash(manageToken), now: now, outbox: outbox, on: db)
            try await Self.write(document, readIn: stored, on: db)
            try await Self.event("bookPickup", document: id, by: nil, now: now, on: db)
            return ConfirmedBooking(appointment: appointment, manageToken: manageToken)
        }
        capacityChanges.announce(plan.desk)
        logger.info(
            "document pickup booked", metadata: ["document": "\(id)", "appointment": "\(booking.appointment.id)"])
        return booking
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
                throw BookingError(
                    .conflict, field: "date", code: "day_full",
                    "The courier has no room left on \(date); choose another day.")
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

    // MARK: The courier

    /// Fixes every manifest whose cutoff has passed: the deliveries on it go out.
    @discardableResult
    public func dispatchDue(now: Date, rules: CourierRules, workingDays: WorkingDays) async throws -> Int {
        let dates = try await database.session { db in
            try await db.raw("SELECT DISTINCT date FROM deliveries WHERE status = 'scheduled' ORDER BY date").all()
                .map { try $0.decode(column: "date", as: String.self) }
        }
        var count = 0
        for text in dates {
            guard let date = LocalDate(iso: text), rules.manifestFixed(for: date, now: now, workingDays: workingDays)
            else { continue }
            let ids = try await database.session { db in
                try await db.raw(
                    "SELECT document_id FROM deliveries WHERE date = \(bind: text) AND status = 'scheduled'"
                ).all().map { try $0.decode(column: "document_id", as: String.self) }
            }
            for id in ids {
                if try await apply(
                    id: id, .dispatch, by: nil, now: now,
                    { (d) throws(TransitionError<Document.Status, Document.Event>) in try d.dispatch() }) != nil
                {
                    count += 1
                }
            }
        }
        return count
    }

    /// The manifest of `date`: deliveries out on it (fixed) or still scheduled, by postcode.
    public func manifest(date: LocalDate) async throws -> [ManifestLine] {
        try await database.session { db in
            try await db.raw(
                """
                SELECT l.*, d.desk, d.holder_name FROM deliveries l JOIN documents d ON d.id = l.document_id
                WHERE l.date = \(bind: date.iso) AND l.status IN ('scheduled', 'out_for_delivery', 'delivered', 'failed')
                ORDER BY l.postcode, l.house_number, l.id
                """
            ).all().map { row in
                let line = try row.decode(model: ManifestRow.self, keyDecodingStrategy: .convertFromSnakeCase)
                return ManifestLine(
                    delivery: try DeliveryRow(decoding: row).delivery, document: line.documentId, desk: line.desk,
                    holderName: line.holderName ?? "")
            }
        }
    }

    /// The courier's report on a delivery that is out: delivered, or failed (the document goes
    /// back to its desk, ready again, and the holder is asked to choose again).
    public func report(
        delivery id: String, delivered: Bool, reason: String?, by courier: String, now: Date
    )
        async throws -> Document
    {
        let outbox = self.outbox
        return try await database.transaction { db -> Document in
            guard
                let documentID = try await db.raw("SELECT document_id FROM deliveries WHERE id = \(bind: id)").first()?
                    .decode(column: "document_id", as: String.self),
                let stored = try await Self.read(id: documentID, on: db), stored.document.delivery?.id == id
            else {
                throw BookingError(
                    .notFound, field: "id", code: "unknown_delivery", "There is no delivery \(id) out now.")
            }
            var document = stored.document
            try decided { () throws(TransitionError<Document.Status, Document.Event>) in
                if delivered { try document.deliver() } else { try document.fail(reason: reason) }
            }
            try await db.raw(
                "UPDATE deliveries SET status = \(bind: delivered ? "delivered" : "failed"), reason = \(bind: reason) WHERE id = \(bind: id)"
            ).run()
            try await Self.write(document, readIn: stored, on: db)
            try await Self.event(delivered ? "deliver" : "fail", document: documentID, by: courier, now: now, on: db)
            if !delivered {
                try await OutboxStore.enqueue(
                    .deliveryFailed, appointment: documentID, revision: 0, start: nil, now: now, settings: outbox,
                    on: db)
            }
            return document
        }
    }

    // MARK: Inside a transaction

    /// The pickup appointment `appointment` was cancelled: its document waits again for its
    /// holder's choice.
    static func pickupCancelled(appointment: String, now: Date, on db: any SQLDatabase) async throws {
        guard
            let id = try await db.raw(
                "SELECT id FROM documents WHERE pickup_appointment_id = \(bind: appointment) AND status = 'pickup_booked'"
            ).first()?.decode(column: "id", as: String.self),
            let stored = try await read(id: id, on: db)
        else { return }
        _ = try await change(stored, .cancelPickup, by: nil, now: now, outbox: nil, on: db) {
            (d) throws(TransitionError<Document.Status, Document.Event>) in try d.cancelPickup()
        }
    }

    /// Reads, applies one event and writes, in its own transaction; nil when the event was
    /// refused or another writer came first.
    func apply(
        id: String, _ event: Document.Event, by: String?, now: Date,
        _ change: @Sendable @escaping (inout Document) throws(TransitionError<Document.Status, Document.Event>) -> Void
    ) async throws -> Stored? {
        let outbox = self.outbox
        return try await database.transaction { db -> Stored? in
            guard let stored = try await Self.read(id: id, on: db) else { return nil }
            do {
                return try await Self.change(stored, event, by: by, now: now, outbox: outbox, on: db, change)
            } catch is BookingError {
                return nil
            }
        }
    }

    static func change(
        _ stored: Stored, _ event: Document.Event, by: String?, now: Date, outbox: OutboxSettings?,
        on db: any SQLDatabase,
        _ change: (inout Document) throws(TransitionError<Document.Status, Document.Event>) -> Void
    ) async throws -> Stored {
        var document = stored.document
        try decided { () throws(TransitionError<Document.Status, Document.Event>) in try change(&document) }
        try await write(document, readIn: stored, on: db)
        if event == .dispatch, let delivery = document.delivery {
            try await db.raw("UPDATE deliveries SET status = 'out_for_delivery' WHERE id = \(bind: delivery.id)").run()
        }
        try await Self.event(event.rawValue, document: document.id, by: by, now: now, on: db)
        if event == .arrive {
            try await OutboxStore.enqueue(
                .documentReady, appointment: document.id, revision: 0, start: nil, now: now, settings: outbox, on: db)
        }
        return Stored(document: document, holder: stored.holder, vNumber: stored.vNumber, revision: stored.revision + 1)
    }

    /// Writes the decided state on condition of the revision it was read in.
    static func write(_ document: Document, readIn stored: Stored, on db: any SQLDatabase) async throws {
        guard
            try await db.raw(
                """
                UPDATE documents SET status = \(bind: document.status.rawValue),
                    pickup_appointment_id = \(bind: document.pickupAppointment), delivery_id = \(bind: document.delivery?.id),
                    handed_over_at = \(bind: document.handedOverAt?.millis), revision = revision + 1
                WHERE id = \(bind: document.id) AND revision = \(bind: stored.revision) RETURNING id
                """
            ).first() != nil
        else {
            throw BookingError(
                .conflict, field: "id", code: "document_changed", "The document changed meanwhile; look again.")
        }
    }

    static func cancelDelivery(_ delivery: Delivery, on db: any SQLDatabase) async throws {
        try await db.raw("UPDATE deliveries SET status = 'cancelled' WHERE id = \(bind: delivery.id)").run()
        try await db.raw(
            "UPDATE courier_days SET scheduled = scheduled - 1 WHERE date = \(bind: delivery.date.iso) AND scheduled > 0"
        ).run()
    }

    static func event(_ event: String, document: String, by: String?, now: Date, on db: any SQLDatabase) async throws {
        let next =
            try await db.raw(
                "SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM document_events WHERE document_id = \(bind: document)"
            ).first()?.decode(column: "next", as: Int.self) ?? 1
        try await db.raw(
            """
            INSERT INTO document_events (document_id, at, event, by, seq)
            VALUES (\(bind: document), \(bind: now.millis), \(bind: event), \(bind: by), \(bind: next))
            """
        ).run()
    }

    func authorised(id: String, token: String?, now: Date, on db: any SQLDatabase) async throws -> Stored {
        guard let token, !token.isEmpty else {
            throw BookingError(
                .unauthorized, field: "Authorization", code: "token_required",
                "Send the document's customerToken as Authorization: Bearer <token>.")
        }
        guard let row = try await db.raw("SELECT token_hash, created_at FROM documents WHERE id = \(bind: id)").first()
        else { throw Self.unknownDocument }
        let byToken = try row.decode(column: "token_hash", as: String.self) == Identifiers.hash(token)
        guard byToken || links.opens(token, document: id), let stored = try await Self.read(id: id, on: db) else {
            throw Self.unknownDocument
        }
        if !byToken {
            let changed = try await db.raw(
                "SELECT MAX(at) AS at FROM document_events WHERE document_id = \(bind: id)"
            ).first()?.decode(column: "at", as: Int64?.self)
            let created = try row.decode(column: "created_at", as: Int64.self)
            let lastChange = Date(millis: Int(changed ?? created))
            guard stored.document.linkOpens(lastChange: lastChange, now: now) else {
                throw BookingError(
                    .gone, field: "Authorization", code: "link_expired",
                    "This link has lapsed: the card has reached you, or a month has passed. Use the latest email.")
            }
        }
        return stored
    }

    static func read(id: String, on db: any SQLDatabase) async throws -> Stored? {
        guard let row = try await db.raw("SELECT * FROM documents WHERE id = \(bind: id)").first() else { return nil }
        let fields = try row.decode(model: DocumentRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        var delivery: Delivery?
        if let deliveryId = fields.deliveryId,
            let deliveryRow = try await db.raw("SELECT * FROM deliveries WHERE id = \(bind: deliveryId)").first()
        {
            delivery = try DeliveryRow(decoding: deliveryRow).delivery
        }
        return fields.stored(delivery: delivery)
    }

    // MARK: Rows

    struct DocumentRow: Decodable {
        let id: String, kind: String, vNumber: String?, holderName: String?, holderEmail: String?, language: String
        let dateOfBirth: String?, desk: String, readyOn: String, status: String, pickupAppointmentId: String?
        let deliveryId: String?, handedOverAt: Int?, revision: Int

        /// The document with its holder (absent once purged), and `delivery` read apart.
        func stored(delivery: Delivery?) -> Stored {
            let holder: Document.Holder? =
                if let name = holderName, let email = holderEmail, let born = dateOfBirth.flatMap(LocalDate.init(iso:))
                {
                    Document.Holder(
                        name: name, email: email, language: Customer.Language(rawValue: language) ?? .en,
                        dateOfBirth: born)
                } else { nil }
            return Stored(
                document: Document(
                    id: id, kind: kind, desk: desk, readyOn: LocalDate(iso: readyOn)!,
                    status: Document.Status(rawValue: status) ?? .returned, pickupAppointment: pickupAppointmentId,
                    delivery: delivery, handedOverAt: handedOverAt.map(Date.init(millis:))),
                holder: holder, vNumber: vNumber, revision: revision)
        }
    }

    struct DeliveryRow: Decodable {
        let id: String, date: String, windowFrom: Int, windowTo: Int, street: String?, houseNumber: String?
        let postcode: String?, city: String?, status: String, reason: String?

        init(decoding row: any SQLRow) throws {
            self = try row.decode(model: DeliveryRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        }

        var delivery: Delivery {
            Delivery(
                id: id, date: LocalDate(iso: date)!,
                window: TimeRange(from: LocalTime(minutes: windowFrom), to: LocalTime(minutes: windowTo)),
                address: DutchAddress(
                    street: street ?? "", houseNumber: houseNumber ?? "", postcode: postcode ?? "", city: city ?? ""),
                status: Delivery.Status(rawValue: status) ?? .cancelled, reason: reason)
        }
    }

    struct ManifestRow: Decodable {
        let documentId: String, desk: String, holderName: String?
    }

    struct WindowRow: Decodable {
        let windowFrom: Int, windowTo: Int, n: Int
    }

    struct CollectedRow: Decodable {
        let desk: String, readyOn: String, at: Int
    }

    struct CourierDayRow: Decodable {
        let date: String, scheduled: Int
    }
}

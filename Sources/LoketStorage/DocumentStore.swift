import Foundation
import Logging
import LoketDomain
import SQLKit

/// Documents from production to their holder: announced by a case system, ready at a desk,
/// collected at a `DOC` appointment or delivered by the courier. Every change is one event of
/// the document's lifecycle, written on condition of the revision it was read in, and logged in
/// `document_events` (what, when, by whom). The changes the holder is told of, with their
/// messages, are written by the application (`Documents+Changes`).
public struct DocumentStore: Sendable {
    let database: Database
    let logger: Logger
    let links: ManageLinkKeys

    public init(database: Database, logger: Logger, links: ManageLinkKeys) {
        self.database = database
        self.logger = logger
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

    // MARK: The case system

    /// Records the document announced by its case system, with a new customer token, inside the
    /// use case's transaction (in production until its ready day).
    public static func insert(
        _ r: Registration, now: Date, in tx: Transaction
    ) async throws -> (
        stored: Stored, token: String
    ) {
        let id = Identifiers.make()
        let token = Identifiers.token()
        try await tx.db.raw(
            """
            INSERT INTO documents (id, kind, case_system_id, v_number, holder_name, holder_email, language, date_of_birth,
                desk, ready_on, status, token_hash, created_at)
            VALUES (\(bind: id), \(bind: r.kind), \(bind: r.caseSystem), \(bind: r.vNumber), \(bind: r.holder.name),
                \(bind: r.holder.email), \(bind: r.holder.language.rawValue), \(bind: r.holder.dateOfBirth.iso),
                \(bind: r.desk), \(bind: r.readyOn.iso), 'in_production', \(bind: Identifiers.hash(token)), \(bind: now.millis))
            """
        ).run()
        try await Self.event("register", document: id, by: r.caseSystem, now: now, on: tx.db)
        return (try await Self.read(id: id, on: tx.db)!, token)
    }

    /// Documents whose ready day has come by `today` and are not ready yet (at most 500).
    public func dueToArrive(today: LocalDate) async throws -> [String] {
        try await database.session { db in
            try await db.raw(
                "SELECT id FROM documents WHERE status = 'in_production' AND ready_on <= \(bind: today.iso) LIMIT 500"
            ).all().map { try $0.decode(column: "id", as: String.self) }
        }
    }

    /// The document `id`, inside the use case's transaction.
    public static func read(id: String, in tx: Transaction) async throws -> Stored? {
        try await read(id: id, on: tx.db)
    }

    /// The documents ready since before `today` (at most 500 at a time): those that may have
    /// waited too long for their holder.
    public func readyBefore(_ today: LocalDate) async throws -> [String] {
        try await database.session { db in
            try await db.raw(
                "SELECT id FROM documents WHERE status = 'ready' AND ready_on < \(bind: today.iso) LIMIT 500"
            ).all().map { try $0.decode(column: "id", as: String.self) }
        }
    }

    // MARK: Inside a transaction

    /// The document to be collected at pickup appointment `appointment`, if it still waits for it.
    public static func pickupDocument(appointment: String, in tx: Transaction) async throws -> Stored? {
        guard
            let id = try await tx.db.raw(
                "SELECT id FROM documents WHERE pickup_appointment_id = \(bind: appointment) AND status = 'pickup_booked'"
            ).first()?.decode(column: "id", as: String.self)
        else { return nil }
        return try await read(id: id, on: tx.db)
    }

    static func change(
        _ stored: Stored, _ event: Document.Event, by: String?, now: Date, on db: any SQLDatabase,
        _ change: (inout Document) throws(TransitionError<Document.Status, Document.Event>) -> Void
    ) async throws -> Stored {
        var document = stored.document
        try decided { () throws(TransitionError<Document.Status, Document.Event>) in try change(&document) }
        try await write(document, readIn: stored, on: db)
        if event == .dispatch, let delivery = document.delivery {
            try await db.raw("UPDATE deliveries SET status = 'out_for_delivery' WHERE id = \(bind: delivery.id)").run()
        }
        try await Self.event(event.rawValue, document: document.id, by: by, now: now, on: db)
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
            throw Refusal.documentChanged
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
            throw Refusal.documentTokenMissing
        }
        guard let row = try await db.raw("SELECT token_hash, created_at FROM documents WHERE id = \(bind: id)").first()
        else { throw Refusal.unknownDocument }
        let byToken = try row.decode(column: "token_hash", as: String.self) == Identifiers.hash(token)
        guard byToken || links.opens(token, document: id), let stored = try await Self.read(id: id, on: db) else {
            throw Refusal.unknownDocument
        }
        if !byToken {
            let changed = try await db.raw(
                "SELECT MAX(at) AS at FROM document_events WHERE document_id = \(bind: id)"
            ).first()?.decode(column: "at", as: Int64?.self)
            let created = try row.decode(column: "created_at", as: Int64.self)
            let lastChange = Date(millis: Int(changed ?? created))
            guard stored.document.linkOpens(lastChange: lastChange, now: now) else {
                throw Refusal.documentLinkExpired
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
}

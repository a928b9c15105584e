import Foundation
import Logging
import LoketDomain
import SQLKit

/// The courier's side: the day's dispatch, the manifest, and what each delivery came to.
extension DocumentStore {
    /// The days that have deliveries still scheduled, earliest first.
    public func scheduledDeliveryDays() async throws -> [LocalDate] {
        try await database.session { db in
            try await db.raw("SELECT DISTINCT date FROM deliveries WHERE status = 'scheduled' ORDER BY date").all()
                .compactMap { LocalDate(iso: try $0.decode(column: "date", as: String.self)) }
        }
    }

    /// The documents whose delivery on `date` is still scheduled.
    public func scheduledDeliveries(on date: LocalDate) async throws -> [String] {
        try await database.session { db in
            try await db.raw(
                "SELECT document_id FROM deliveries WHERE date = \(bind: date.iso) AND status = 'scheduled'"
            ).all().map { try $0.decode(column: "document_id", as: String.self) }
        }
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

    /// The document whose current delivery is `id`, inside the use case's transaction.
    public static func document(delivery id: String, in tx: Transaction) async throws -> Stored? {
        guard
            let documentID = try await tx.db.raw("SELECT document_id FROM deliveries WHERE id = \(bind: id)").first()?
                .decode(column: "document_id", as: String.self),
            let stored = try await Self.read(id: documentID, on: tx.db), stored.document.delivery?.id == id
        else { return nil }
        return stored
    }

    /// Writes the courier's report on delivery `id`.
    public static func reported(delivery id: String, delivered: Bool, reason: String?, in tx: Transaction) async throws
    {
        try await tx.db.raw(
            "UPDATE deliveries SET status = \(bind: delivered ? "delivered" : "failed"), reason = \(bind: reason) WHERE id = \(bind: id)"
        ).run()
    }
}

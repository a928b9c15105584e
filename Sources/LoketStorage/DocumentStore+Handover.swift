import Foundation
import LoketDomain
import SQLKit

/// Documents at the desk: which of a day's pickup appointments have their card, the card a
/// clerk looks up by appointment code or document id (the handover is `Documents.handOverDocument`).
extension DocumentStore {
    /// The documents to be collected at `desk`'s appointments on `date`, by appointment id, in
    /// one query (without their deliveries, which a pickup does not need).
    public func pickupDocuments(desk: String, date: LocalDate) async throws -> [String: Document] {
        try await database.read { db in
            var result: [String: Document] = [:]
            for row in try await db.raw(
                """
                SELECT d.* FROM documents d JOIN appointments a ON a.id = d.pickup_appointment_id
                WHERE a.desk = \(bind: desk) AND a.date = \(bind: date.iso)
                """
            ).all() {
                let fields = try row.decode(model: DocumentRow.self, keyDecodingStrategy: .convertFromSnakeCase)
                if let appointment = fields.pickupAppointmentId {
                    result[appointment] = fields.stored(delivery: nil).document
                }
            }
            return result
        }
    }

    /// The document a clerk at `desk` means by `reference`: the one to be collected at the
    /// appointment with that code (this desk's first, the latest day first, as codes are unique
    /// only per desk and day), or the document with that id. Nil when there is none.
    public func handoverCandidate(reference: String, desk: String) async throws -> Stored? {
        try await database.session { db in
            if let code = AppointmentCode.normalised(reference) {
                guard
                    let id = try await db.raw(
                        """
                        SELECT d.id FROM documents d JOIN appointments a ON a.id = d.pickup_appointment_id
                        WHERE a.code = \(bind: code)
                        ORDER BY CASE WHEN a.desk = \(bind: desk) THEN 0 ELSE 1 END, a.date DESC LIMIT 1
                        """
                    ).first()?.decode(column: "id", as: String.self)
                else { return nil }
                return try await Self.read(id: id, on: db)
            }
            return try await Self.read(id: reference, on: db)
        }
    }
}

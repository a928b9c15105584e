import Foundation
import LoketDomain
import SQLKit

/// Documents at the desk: which of a day's pickup appointments have their card, the card a
/// clerk looks up by appointment code or document id, and the handover itself.
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

    /// Hands document `id` over at the clerk's desk if `check` matches its record: the event
    /// (by `staff`) and the audit entry in the transaction that reads it, the state written on
    /// condition of its revision. A refusal records nothing. `overriding` (a desk manager's
    /// decision) hands over despite a V-number or date of birth that is not the holder's, and
    /// the audit log names which.
    public func handOver(
        id: String, check: HandoverCheck, staff: String, overriding: Bool = false, now: Date
    ) async throws -> Document {
        let document = try await database.transaction { db -> Document in
            guard let stored = try await Self.read(id: id, on: db) else { throw Refusal.unknownDocument }
            let recorded = (vNumber: stored.vNumber, dateOfBirth: stored.holder?.dateOfBirth)
            let mismatched = check.mismatches(
                recordedVNumber: recorded.vNumber, recordedDateOfBirth: recorded.dateOfBirth)
            if overriding, stored.document.desk == check.desk, !mismatched.isEmpty {
                try await AuditLog.append(
                    AuditEntry(
                        at: now, staff: staff, action: .documentHandoverOverride, target: id, desk: check.desk,
                        detail: mismatched.joined(separator: ",")), on: db)
            } else {
                try check.verify(
                    stored.document, recordedVNumber: recorded.vNumber, recordedDateOfBirth: recorded.dateOfBirth)
            }
            let handed = try await Self.change(stored, .handOver, by: staff, now: now, on: db) {
                (d) throws(TransitionError<Document.Status, Document.Event>) in try d.handOver(at: now)
            }
            try await AuditLog.append(
                AuditEntry(at: now, staff: staff, action: .documentHandover, target: id, desk: check.desk), on: db)
            return handed.document
        }
        logger.info("document handed over", metadata: ["document": "\(id)", "desk": "\(check.desk)"])
        return document
    }
}

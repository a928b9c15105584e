import Foundation
import LoketDomain
import LoketStorage

/// Documents at the desk: the clerk's day shows whether each pickup's card is there; the clerk
/// finds a card by appointment code or document id and hands it over after checking the
/// V-number and date of birth on the collector's ID. Personal data is never logged.
extension Documents {
    /// A card a clerk found to hand over: whom it is for and its pickup appointment, if any.
    public struct HandoverCard: Sendable {
        public let document: Document
        /// The name to call out; empty once the record was erased.
        public let holderName: String
        public let pickup: Appointment?
    }

    /// The products whose appointments are document pickups (`DOC` unless a kind says otherwise).
    public var documentPickupProducts: Set<String> {
        Set(rules.network.documentSettings.documentKinds.map(\.product))
    }

    /// The documents to be collected at today's appointments at `desk`, by appointment id.
    public func pickupDocuments(desk: String) async throws -> [String: Document] {
        try await documentStore.pickupDocuments(desk: desk, date: today)
    }

    /// The card a clerk at `desk` means by `reference` (an appointment code or a document id),
    /// refused unless it lies at this desk and may be handed over now.
    public func findDocumentForHandover(reference: String?, desk: String) async throws -> HandoverCard {
        let reference = (reference ?? "").trimmingCharacters(in: .whitespaces)
        guard !reference.isEmpty, reference.count <= 64 else {
            throw Refusal.invalid(
                "reference", reference.isEmpty ? "required" : "invalid",
                "Type the appointment code or the document id.")
        }
        guard let stored = try await documentStore.handoverCandidate(reference: reference, desk: desk) else {
            throw Refusal(
                .notFound, field: "reference", code: "unknown_reference",
                "No document with this appointment code or id.")
        }
        guard stored.document.desk == desk else {
            throw HandoverCheck.otherDesk(stored.document.desk, field: "reference")
        }
        // Refused as the lifecycle would refuse the handover, before anyone checks an ID.
        var probe = stored.document
        do {
            try probe.handOver(at: now())
        } catch {
            throw error.asRefusal
        }
        let pickup = try await stored.document.pickupAppointment.asyncMap {
            try await appointmentStore.appointmentAuthorisedElsewhere(id: $0)
        }
        return HandoverCard(document: stored.document, holderName: stored.holder?.name ?? "", pickup: pickup ?? nil)
    }

    /// `staff` hands document `id` over at `desk` to the person whose ID shows `vNumber` and
    /// `dateOfBirth`; recorded (with the audit entry) only when both are the document's.
    /// A refused check is audited (the field, never the value), and after `checksRefusedAllowed`
    /// in a day the card is handed over by nobody until a day has passed: a card with a bought
    /// appointment code cannot be tried against many IDs.
    /// With `override`, a desk manager (`staffRole`) hands the card over to the collector whose ID
    /// they checked although it is not the holder's (a parent for a child), or after the day's
    /// refused checks; audited as an override naming what did not match.
    public func handOverDocument(
        id: String, desk: String, vNumber: String?, dateOfBirth: String?, staff: String,
        staffRole: StaffRole = .clerk, override: Bool = false
    ) async throws -> Document {
        try await useCase("documents.hand-over") {
            let check = try HandoverCheck.checked(desk: desk, vNumber: vNumber, dateOfBirth: dateOfBirth)
            if override {
                try requireDeskManager(staffRole)
            } else {
                try await refuseAfterFailedChecks(.documentHandoverRefused, target: id, field: "reference")
            }
            do {
                return try await handOver(id: id, check: check, staff: staff, overriding: override)
            } catch let error as Refusal where ["vNumber", "dateOfBirth"].contains(error.field) {
                try await audit(.documentHandoverRefused, by: staff, target: id, desk: desk, detail: error.field)
                throw error
            }
        }
    }

    /// Hands document `id` over if `check` matches its record: the event (by `staff`) and the
    /// audit entry in the transaction that reads it, the state written on condition of its
    /// revision. A refusal records nothing. `overriding` (a desk manager's decision) hands over
    /// despite a V-number or date of birth that is not the holder's, and the audit log names which.
    private func handOver(id: String, check: HandoverCheck, staff: String, overriding: Bool) async throws -> Document {
        let now = now()
        let document = try await database.write { tx -> Document in
            guard let stored = try await DocumentStore.read(id: id, in: tx) else { throw Refusal.unknownDocument }
            let recorded = (vNumber: stored.vNumber, dateOfBirth: stored.holder?.dateOfBirth)
            let mismatched = check.mismatches(
                recordedVNumber: recorded.vNumber, recordedDateOfBirth: recorded.dateOfBirth)
            if overriding, stored.document.desk == check.desk, !mismatched.isEmpty {
                try await AuditLog.append(
                    AuditEntry(
                        at: now, staff: staff, action: .documentHandoverOverride, target: id, desk: check.desk,
                        detail: mismatched.joined(separator: ",")), in: tx)
            } else {
                try check.verify(
                    stored.document, recordedVNumber: recorded.vNumber, recordedDateOfBirth: recorded.dateOfBirth)
            }
            var document = stored.document
            try decided { () throws(TransitionError<Document.Status, Document.Event>) in
                try document.handOver(at: now)
            }
            try await DocumentStore.write(document, readIn: stored, event: .handOver, by: staff, now: now, in: tx)
            try await AuditLog.append(
                AuditEntry(at: now, staff: staff, action: .documentHandover, target: id, desk: check.desk), in: tx)
            return document
        }
        logger.info("document handed over", metadata: ["document": "\(id)", "desk": "\(check.desk)"])
        return document
    }
}

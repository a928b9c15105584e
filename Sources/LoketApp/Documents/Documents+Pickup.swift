import Foundation
import LoketDomain
import LoketStorage

/// A document holder's pickup appointment, written in one transaction.
extension Documents {
    /// Books the pickup `plan` for the holder and marks the document, all or nothing: a delivery
    /// it replaces gives its courier place back, the units are taken under a hold only this
    /// booking takes, and the appointment is written with its confirmation email. `people` are
    /// the V-numbers it claims. `deliveryFixed`: whether the manifest of the document's scheduled
    /// delivery is fixed (a delivery can only move to days whose manifest is open, so a move
    /// meanwhile does not make it wrong).
    func bookPickup(
        id: String, token: String?, plan: HoldPlan, customer: Customer, people: [String], deliveryFixed: Bool, now: Date
    ) async throws -> ConfirmedBooking {
        let (documents, outbox) = (documentStore, context.outbox)
        return try await database.write { tx in
            let stored = try await documents.authorised(id: id, token: token, now: now, in: tx)
            guard stored.holder != nil else { throw Refusal.unknownDocument }
            // The lifecycle decides before anything is taken: a fixed delivery refuses first.
            var probe = stored.document
            try decided { () throws(DocumentError) in
                try probe.bookPickup(appointment: "", deliveryFixed: deliveryFixed)
            }
            if stored.document.status == .deliveryScheduled, let replaced = stored.document.delivery {
                try await DocumentStore.cancelDelivery(replaced, in: tx)
            }
            let hold = Holds.newID()
            try await Holds.takeWithoutSecret(id: hold, plan: plan, now: now, in: tx)
            let placement = try await Booking.take(hold, by: .carrier, now: now, in: tx).placement
            let booking = try await Appointments.insert(
                holdID: hold, at: placement, customer: customer, people: people, now: now, outbox: outbox, in: tx)
            var document = stored.document
            try decided { () throws(DocumentError) in
                try document.bookPickup(appointment: booking.appointment.id, deliveryFixed: deliveryFixed)
            }
            try await DocumentStore.write(document, readIn: stored, event: .bookPickup, now: now, in: tx)
            return booking
        }
    }

    typealias DocumentError = TransitionError<Document.Status, Document.Event>
}

import Foundation
import LoketDomain
import LoketStorage

/// What a customer does with an appointment after booking it, with its manage token or the
/// signed link from its email: look it up, cancel it, move it to another held slot.
extension Booking {
    /// The appointment `id`, if `token` is its manage token (or the signed link from its email).
    public func appointment(id: String, token: String?) async throws -> Appointment {
        try await store.appointment(id: id, token: token, today: context.today)
    }

    /// Cancels the appointment if it is still confirmed (a second time changes nothing). Its
    /// slot goes to the waitlist first (`FreedSlots`), a document pickup it was waits again,
    /// and the customer and a partner who booked it hear of it.
    public func cancel(id: String, token: String?) async throws -> Appointment {
        try await useCase("booking.cancel") {
            let context = self.context
            let now = context.now()
            let today = context.today
            let result = try await context.database.write { tx -> (appointment: Appointment, cancelled: Bool) in
                let current = try await Appointments.authorised(
                    id: id, token: token, today: today, links: context.links, in: tx)
                var cancelled = current.appointment
                do throws(TransitionError<Appointment.State, Appointment.Event>) {
                    try cancelled.cancel()
                } catch {
                    // Cancelling is idempotent for the customer: a second time has nothing to do.
                    guard error.code == "already_cancelled" else { throw error.asRefusal }
                    return (current.appointment, false)
                }
                // Of two cancellations at once, one gives the capacity back.
                guard let stored = try await Appointments.cancel(current.appointment, as: cancelled, now: now, in: tx)
                else {
                    // Changed meanwhile: cancelled by another request (nothing to do) or moved.
                    let latest = try await Appointments.authorised(
                        id: id, token: token, today: today, links: context.links, in: tx)
                    guard latest.appointment.state == .cancelled else { throw Refusal.changedMeanwhile }
                    return (latest.appointment, false)
                }
                try await FreedSlots.free(stored.placement, now: now, in: tx)
                // A pickup's document waits again for its holder's choice.
                if let pickup = try await DocumentStore.pickupDocument(appointment: id, in: tx) {
                    var document = pickup.document
                    try decided { () throws(DocumentTransitionError) in try document.cancelPickup() }
                    try await DocumentStore.write(document, readIn: pickup, event: .cancelPickup, now: now, in: tx)
                }
                try await OutboxStore.enqueue(
                    .cancellation, appointment: id, revision: stored.appointment.revision, start: nil, now: now,
                    settings: context.outbox, in: tx)
                if let partner = stored.partner {
                    try await OutboxStore.enqueueWebhook(
                        partner: partner, event: "booking.cancelled", appointment: stored.appointment, now: now, in: tx)
                }
                return (stored.appointment, true)
            }
            if result.cancelled {
                context.capacityChanges.announce(result.appointment.desk)
                context.metrics.cancellations.increment()
                context.logger.info("appointment cancelled", metadata: ["appointment": "\(id)"])
                // The freed slot is kept for the waitlist; the matcher offers it on.
                context.matcherWakeUp.signal()
            }
            return result.appointment
        }
    }

    /// Moves the appointment (opened by its manage `token`) to the held slot, with the hold's
    /// secret, as the appointment lifecycle decides (a limited number of moves; same product and
    /// party size). Its old slot goes to the waitlist first.
    public func reschedule(
        id: String, token: String?, hold: String?, holdToken: String?, idempotency: IdempotencyKey?
    ) async throws -> Appointment {
        try await useCase("booking.reschedule") {
            guard let hold, !hold.isEmpty else {
                throw Refusal.invalid("hold", "required", "Name the hold to move the appointment to.")
            }
            let context = self.context
            let now = context.now()
            let today = context.today
            let movesAllowed = context.rules.network.fairness.movesAllowed
            let result = try await context.idempotency.once(idempotency, now: now) { tx in
                let current = try await Appointments.authorised(
                    id: id, token: token, today: today, links: context.links, in: tx)
                let (taken, placement) = try await Self.take(hold, by: .token(holdToken), now: now, in: tx)
                let moved = try await Self.move(
                    current, to: taken, at: placement, movesAllowed: movesAllowed, now: now, outbox: context.outbox,
                    in: tx)
                return Moved(appointment: moved, fromDesk: current.appointment.desk)
            }
            context.capacityChanges.announce(result.fromDesk)
            context.capacityChanges.announce(result.appointment.desk)
            context.limiter.used(hold)
            context.metrics.reschedules.increment()
            context.logger.info("appointment rescheduled", metadata: ["appointment": "\(id)"])
            // The slot it left goes to the waitlist first.
            context.matcherWakeUp.signal()
            return result.appointment
        }
    }

    /// Moves `appointment` to `slot` in one step, as its page does: holds the slot for `client`
    /// (giving its oldest hold back if need be), then moves the appointment there with `token`.
    /// A move refused (no changes left, the appointment cancelled in another tab) gives the held
    /// slot back at once, where it would have been kept from everyone until the hold lapsed.
    public func move(
        _ appointment: Appointment, token: String, to slot: String?, client: String?
    ) async throws
        -> Appointment
    {
        let receipt = try await hold(
            desk: appointment.desk, product: appointment.product, persons: appointment.persons, slot: slot,
            assistance: appointment.assistance, client: client, replacingOldest: true, idempotency: nil)
        do {
            return try await reschedule(
                id: appointment.id, token: token, hold: receipt.hold.id, holdToken: receipt.token, idempotency: nil)
        } catch {
            do {
                try await release(hold: receipt.hold.id)
                context.limiter.used(receipt.hold.id)
            } catch {
                // It lapses in its own time, and counts among the client's holds until then.
                context.logger.warning(
                    "could not give back the hold of a refused move", metadata: ["hold": "\(receipt.hold.id)"])
            }
            throw error
        }
    }

    /// Moves `current` to the taken `hold` at `placement` as the appointment lifecycle decides (a
    /// limited number of moves; same product and party size), conditional on the revision it was
    /// read in: its old slot goes to the waitlist first, and the customer (and a partner who
    /// booked it) hear of the move.
    static func move(
        _ current: StoredAppointment, to hold: Hold, at placement: Placement, movesAllowed: Int, now: Date,
        outbox: OutboxSettings?, in tx: Transaction
    ) async throws -> Appointment {
        var moved = current.appointment
        try decided { () throws(TransitionError<Appointment.State, Appointment.Event>) in
            try moved.move(to: hold, allowed: movesAllowed)
        }
        // A cancellation or another move in between wins.
        guard
            let stored = try await Appointments.move(
                current.appointment, as: moved, to: hold, at: placement, now: now, in: tx)
        else { throw Refusal.changedMeanwhile }
        try await FreedSlots.free(current.placement, now: now, in: tx)
        try await OutboxStore.enqueue(
            .reschedule, appointment: moved.id, revision: stored.appointment.revision,
            start: stored.appointment.startInstant, now: now, settings: outbox, in: tx)
        if let partner = stored.partner {
            try await OutboxStore.enqueueWebhook(
                partner: partner, event: "booking.rescheduled", appointment: stored.appointment, now: now, in: tx)
        }
        return stored.appointment
    }

    /// A move's answer; it carries no secret, so a retry gets it as it was.
    struct Moved: Replayable {
        let appointment: Appointment
        let fromDesk: String

        var withoutSecrets: Moved { self }
        func renewed(in tx: Transaction) async throws -> Moved { self }
    }
}

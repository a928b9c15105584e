import Foundation
import LoketDomain
import LoketStorage

/// Placing each entry of a draw once it is allocated: a drawn entry is booked, one that got no
/// place joins the waitlist. Each in one transaction with its messages.
extension Draws {
    /// Books `plan` for a drawn entry, all or nothing: the units, under a hold only the draw
    /// takes, the appointment with its confirmation email (the customer manages it with the
    /// signed link in it), and the entry's decision. Refused with `slotFull` when the capacity
    /// went meanwhile and `alreadyBooked` when a person booked elsewhere.
    func placeDrawn(_ stored: DrawStore.StoredEntry, plan: HoldPlan, now: Date) async throws {
        let outbox = context.outbox
        try await database.write { tx in
            // The lifecycle decides before anything is taken.
            var probe = stored.entry
            try decided { () throws(TransitionError<DrawEntry.Status, DrawEntry.Event>) in
                try probe.drawn(appointment: "")
            }
            let hold = Holds.newID()
            try await Holds.takeWithoutSecret(id: hold, plan: plan, now: now, in: tx)
            let placement = try await Booking.take(hold, by: .carrier, now: now, in: tx).placement
            let booking = try await Appointments.insert(
                holdID: hold, at: placement, customer: stored.customer, people: stored.people, now: now, outbox: outbox,
                in: tx)
            var entry = stored.entry
            try decided { () throws(TransitionError<DrawEntry.Status, DrawEntry.Event>) in
                try entry.drawn(appointment: booking.appointment.id)
            }
            try await DrawStore.decide(entry, in: tx)
        }
        context.capacityChanges.announce(plan.desk)
    }

    /// Decides an entry that got no place: it joins the waitlist (`waitlist`, with the entry's
    /// own token, and an email saying so) unless `waitlist` is nil or a person already waits or
    /// has an appointment.
    func placeNotDrawn(
        _ stored: DrawStore.StoredEntry, waitlist: WaitlistRequest?, now: Date
    ) async throws -> DrawEntry {
        let outbox = context.outbox
        return try await database.write { tx in
            var entry = stored.entry
            var waiting: WaitlistEntry?
            if let waitlist, try await !DrawStore.waitsOrHasAppointment(waitlist, now: now, in: tx) {
                waiting = try await WaitlistEntries.insert(waitlist, tokenHash: stored.tokenHash, now: now, in: tx)
                try await OutboxStore.enqueue(
                    .notDrawn, appointment: waiting!.id, revision: 0, start: nil, now: now, settings: outbox, in: tx)
            }
            try decided { () throws(TransitionError<DrawEntry.Status, DrawEntry.Event>) in
                try entry.notDrawn(waitlistEntry: waiting?.id)
            }
            try await DrawStore.decide(entry, in: tx)
            return entry
        }
    }
}

import Foundation
import LoketDomain
import SQLKit

/// An appointment booked or moved by a use case that still runs in storage (waitlist offers,
/// draws, documents, partner and urgent bookings), with the messages it causes. The booking
/// area's own use cases write these steps in the application (`Booking`).
extension AppointmentStore {
    /// Records a confirmed appointment at `placement` and writes its confirmation message.
    /// `people` are the V-numbers the booking claims (one live booking per person and product).
    static func insertAppointment(
        id: String, holdID: String, at p: Placement, customer: Customer, people: [String], tokenHash: String, now: Date,
        outbox: OutboxSettings?, partner: String? = nil, urgent: (reason: UrgentReserve.Reason, note: String?)? = nil,
        on db: any SQLDatabase
    ) async throws -> Appointment {
        let appointment = try await Appointments.insert(
            id: id, holdID: holdID, at: p, customer: customer, people: people, tokenHash: tokenHash, now: now,
            partner: partner, urgent: urgent, on: db)
        try await OutboxStore.enqueue(
            .confirmation, appointment: id, revision: 0, start: appointment.startInstant, now: now,
            settings: outbox, on: db)
        return appointment
    }

    /// Moves `appointment` to the consumed `hold` at `placement`, as the appointment lifecycle
    /// decides (still confirmed; same product and party size): its old units go back, its revision
    /// rises, and the customer (and a partner who booked it) hear of the move.
    static func moveAppointment(
        _ appointment: Appointment, to hold: Hold, at p: Placement, movesAllowed: Int, now: Date,
        outbox: OutboxSettings?, on db: any SQLDatabase
    ) async throws -> Appointment {
        var moved = appointment
        try decided { () throws(TransitionError<Appointment.State, Appointment.Event>) in
            try moved.move(to: hold, allowed: movesAllowed)
        }
        guard
            let old = try await db.raw("SELECT * FROM appointments WHERE id = \(bind: appointment.id)").first()
                .map({ try AppointmentRow(decoding: $0).stored.placement }),
            let stored = try await Appointments.move(appointment, as: moved, to: hold, at: p, now: now, on: db)
        else { throw Refusal.changedMeanwhile }
        try await FreedSlots.free(old, now: now, on: db)
        try await OutboxStore.enqueue(
            .reschedule, appointment: moved.id, revision: stored.appointment.revision,
            start: stored.appointment.startInstant, now: now, settings: outbox, on: db)
        if let partner = stored.partner {
            try await OutboxStore.enqueueWebhook(
                partner: partner, event: "booking.rescheduled", appointment: stored.appointment, now: now, on: db)
        }
        return stored.appointment
    }
}

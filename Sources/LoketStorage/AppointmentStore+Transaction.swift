import Foundation
import LoketDomain
import SQLKit

/// An appointment booked by a use case that still runs in storage (draws, documents, urgent
/// bookings), with its confirmation message. The booking, partners and waitlist areas write these
/// steps in the application (`Booking`, `Partners`, `Waitlist`).
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
}

import Foundation
import LoketDomain
import LoketStorage

/// A booking staff make from the urgent reserve for a customer at the desk (spoedafspraak).
extension Booking {
    /// `staff` books from the urgent reserve for a customer, with the reason: the units, the
    /// appointment with its confirmation email and the audit entry (the reason, not the note: the
    /// note is free text about the person) in one transaction; the capacity change is announced
    /// after it.
    public func bookUrgent(
        desk: String, product: String?, persons: Int?, slot: String?, customer: Customer,
        reason: UrgentReserve.Reason, note: String?, staff: String
    ) async throws -> ConfirmedBooking {
        try await useCase("booking.urgent") {
            let now = context.now()
            let plan = try context.rules.planHold(
                desk: desk, product: product, persons: persons, slot: slot, now: now, urgent: true)
            let people = try context.rules.people(of: customer, product: plan.product, persons: plan.persons)
            let outbox = context.outbox
            let booking = try await context.database.write { tx in
                try await CapacityStore.take(plan.units, desk: plan.desk, capacity: plan.capacity, in: tx)
                let booking = try await Appointments.insert(
                    holdID: nil, at: Placement(plan), customer: customer, people: people, urgent: (reason, note),
                    now: now, outbox: outbox, in: tx)
                try await AuditLog.append(
                    AuditEntry(
                        at: now, staff: staff, action: .urgentBooking, target: booking.appointment.id, desk: plan.desk,
                        detail: reason.rawValue),
                    in: tx)
                return booking
            }
            context.capacityChanges.announce(plan.desk)
            context.metrics.bookings.increment()
            return booking
        }
    }
}

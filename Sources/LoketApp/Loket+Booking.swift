import Foundation
import LoketDomain

/// Holding a slot, confirming it, looking an appointment up, cancelling and moving it.
extension Loket {
    public func hold(
        desk: String?, product: String?, persons: Int?, slot: String?, assistance: Bool = false,
        idempotency: IdempotencyKey?
    ) async throws -> Hold {
        let now = now()
        let plan = try rules.planHold(
            desk: desk, product: product, persons: persons, slot: slot, now: now, assistance: assistance)
        do {
            let hold = try await appointmentStore.hold(plan, now: now, idempotency: idempotency)
            metrics.holds.increment()
            return hold
        } catch let error as BookingError where error.code == "slot_full" {
            metrics.holdsRefused.increment()
            throw error
        }
    }

    /// The hold `id`, whatever its state.
    public func hold(id: String) async throws -> Hold {
        guard let hold = try await appointmentStore.hold(id: id) else {
            throw BookingError(.notFound, field: "id", code: "unknown_hold", "There is no hold \(id).")
        }
        return hold
    }

    /// The hold `id` if it still keeps its slot, nil when it is unknown, taken or lapsed.
    public func activeHold(id: String) async throws -> Hold? {
        guard let hold = try await appointmentStore.hold(id: id), hold.state == .active, hold.expiresAt > now() else {
            return nil
        }
        return hold
    }

    public func confirm(
        hold: String?, customer: Customer, idempotency: IdempotencyKey?
    ) async throws -> ConfirmedBooking {
        guard let hold, !hold.isEmpty else {
            throw BookingError.invalid("hold", "required", "Name the hold to confirm.")
        }
        let booking = try await appointmentStore.confirm(
            hold: hold, customer: customer, now: now(), idempotency: idempotency)
        metrics.bookings.increment()
        return booking
    }

    /// The appointment `id`, if `token` is its manage token (or the signed link from its email).
    public func appointment(id: String, token: String?) async throws -> Appointment {
        try await appointmentStore.appointment(id: id, token: token, today: today)
    }

    public func cancel(id: String, token: String?) async throws -> Appointment {
        let result = try await appointmentStore.cancelIfConfirmed(id: id, token: token, now: now(), today: today)
        if result.cancelled {
            metrics.cancellations.increment()
            // The freed slot goes to the waitlist at once, before anyone polling can take it.
            try await offerFreedCapacity()
        }
        return result.appointment
    }

    public func reschedule(
        id: String, token: String?, hold: String?, idempotency: IdempotencyKey?
    ) async throws -> Appointment {
        guard let hold, !hold.isEmpty else {
            throw BookingError.invalid("hold", "required", "Name the hold to move the appointment to.")
        }
        let appointment = try await appointmentStore.reschedule(
            id: id, token: token, toHold: hold, now: now(), today: today, idempotency: idempotency)
        metrics.reschedules.increment()
        // The slot it left is free again.
        try await offerFreedCapacity()
        return appointment
    }
}

import Foundation

/// A document's life: in production until its ready day; ready at the desk; then either a
/// pickup booked and the document handed over, or a delivery scheduled (movable, or swapped
/// for a pickup, until the manifest is fixed), out for delivery, and delivered — or failed, back at the desk and ready
/// again. Left unclaimed too long, it is returned. One event per change; a refusal names it.
extension Document {
    public enum Event: String, Sendable, Hashable, Codable {
        case arrive, bookPickup, cancelPickup, handOver, scheduleDelivery, dispatch, deliver, fail
        case returnUnclaimed
    }

    /// It has reached the desk: ready from `readyOn`.
    public mutating func arrive(today: LocalDate) throws(TransitionError<Status, Event>) {
        try expect([.inProduction], .arrive)
        guard today >= readyOn else {
            throw refusal(.arrive, field: "readyOn", code: "not_ready_yet", "The document is not at the desk yet.")
        }
        status = .ready
    }

    /// A pickup appointment was booked for it: while it is ready, or instead of a scheduled
    /// delivery, which is then dropped, unless the courier's list for its day is fixed
    /// (`deliveryFixed`): from then on the courier has the card.
    public mutating func bookPickup(
        appointment: String, deliveryFixed: Bool = false
    ) throws(TransitionError<Status, Event>) {
        try expect([.ready, .deliveryScheduled], .bookPickup)
        if status == .deliveryScheduled && deliveryFixed {
            throw refusal(
                .bookPickup, field: "slot", code: "delivery_fixed",
                "The courier's list for the delivery day is fixed; the card can no longer be collected instead.")
        }
        status = .pickupBooked
        pickupAppointment = appointment
        delivery = nil
    }

    /// The pickup appointment was cancelled: the document waits again.
    public mutating func cancelPickup() throws(TransitionError<Status, Event>) {
        try expect([.pickupBooked], .cancelPickup)
        status = .ready
        pickupAppointment = nil
    }

    /// The clerk handed it over, having checked who collects it.
    public mutating func handOver(at instant: Date) throws(TransitionError<Status, Event>) {
        try expect([.ready, .pickupBooked], .handOver)
        status = .handedOver
        handedOverAt = instant
    }

    /// A delivery was scheduled, or moved to another day while the manifest is not yet fixed.
    public mutating func scheduleDelivery(_ delivery: Delivery) throws(TransitionError<Status, Event>) {
        try expect([.ready, .deliveryScheduled], .scheduleDelivery)
        status = .deliveryScheduled
        self.delivery = delivery
    }

    /// The day's manifest was fixed with it: the courier has it.
    public mutating func dispatch() throws(TransitionError<Status, Event>) {
        try expect([.deliveryScheduled], .dispatch)
        status = .outForDelivery
        delivery?.status = .outForDelivery
    }

    /// The courier handed it to its holder.
    public mutating func deliver() throws(TransitionError<Status, Event>) {
        try expect([.outForDelivery], .deliver)
        status = .delivered
        delivery?.status = .delivered
    }

    /// The courier could not deliver it: it goes back to its desk and is ready again.
    public mutating func fail(reason: String?) throws(TransitionError<Status, Event>) {
        try expect([.outForDelivery], .fail)
        status = .ready
        delivery?.status = .failed
        delivery?.reason = reason
    }

    /// Nobody claimed it `afterWorkingDays` working days from `readyOn`: it is returned.
    public mutating func returnUnclaimed(
        today: LocalDate, afterWorkingDays: Int, workingDays: WorkingDays
    ) throws(TransitionError<Status, Event>) {
        try expect([.ready], .returnUnclaimed)
        guard workingDays.count(from: readyOn, to: today) >= afterWorkingDays else {
            throw refusal(
                .returnUnclaimed, field: "readyOn", code: "not_unclaimed_yet", "The document may still be collected.")
        }
        status = .returned
    }

    private func expect(_ allowed: Set<Status>, _ event: Event) throws(TransitionError<Status, Event>) {
        guard allowed.contains(status) else {
            throw refusal(
                event, field: "status", code: "document_\(status.rawValue)",
                "This cannot be done while the document is \(status.rawValue.replacingOccurrences(of: "_", with: " "))."
            )
        }
    }

    private func refusal(
        _ event: Event, field: String, code: String, _ message: String
    ) -> TransitionError<Status, Event> {
        TransitionError(from: status, event: event, field: field, code: code, message)
    }
}

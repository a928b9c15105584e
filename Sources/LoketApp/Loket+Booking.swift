import Foundation
import LoketDomain

/// Holding a slot, confirming it, looking an appointment up, cancelling and moving it.
extension Loket {
    /// Holds a slot for a while; only the receipt's token confirms it. `client` may keep only a
    /// few holds at once and make them at a limited rate; `replacingOldest` gives its oldest back
    /// instead of refusing (the pages: the visitor went back and chose another time).
    public func hold(
        desk: String?, product: String?, persons: Int?, slot: String?, assistance: Bool = false,
        client: String?, replacingOldest: Bool = false, idempotency: IdempotencyKey?
    ) async throws -> HoldReceipt {
        try await useCase("booking.hold") {
            let reservation = try await admitHold(client: client, replacingOldest: replacingOldest)
            do {
                let withheld = try await withholding(desk: desk, product: product)
                let now = now()
                let plan = try rules.planHold(
                    desk: desk, product: product, persons: persons, slot: slot, now: now, assistance: assistance,
                    withheld: withheld)
                let receipt = try await appointmentStore.hold(plan, now: now, idempotency: idempotency)
                metrics.holds.increment()
                if let reservation { limiter.held(reservation, as: receipt.hold.id, until: receipt.hold.expiresAt) }
                return receipt
            } catch {
                if let reservation { limiter.cancel(reservation) }
                if (error as? Refusal)?.code == "slot_full" { metrics.holdsRefused.increment() }
                throw error
            }
        }
    }

    /// The hold `id`, whatever its state.
    public func hold(id: String) async throws -> Hold {
        guard let hold = try await appointmentStore.hold(id: id) else {
            throw Refusal(.notFound, field: "id", code: "unknown_hold", "There is no hold \(id).")
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

    /// Books the held slot for `customer`; `holdToken` must be the secret the hold's maker got.
    public func confirm(
        hold: String?, holdToken: String?, customer: Customer, client: String?, idempotency: IdempotencyKey?
    ) async throws -> ConfirmedBooking {
        try await useCase("booking.confirm") {
            try admit(.confirmations, client: client)
            guard let hold, !hold.isEmpty else {
                throw Refusal.invalid("hold", "required", "Name the hold to confirm.")
            }
            let rules = self.rules
            // The hold names the product, inside the transaction; what the invitations say of the
            // people named is read before it, and a refusal is counted after it has rolled back.
            let people = InvitationCheck.people(of: customer)
            let invited =
                invitationsRequired ? try await invitationFacts(about: people) : nil
            // Only a confirmation of a product that needs an invitation meets the client's misses.
            let missesWait = invitationsRequired ? invitationMissesWait(client: client) : nil
            let booking: ConfirmedBooking
            do {
                booking = try await appointmentStore.confirm(
                    hold: hold, holdToken: holdToken, customer: customer,
                    people: { product, persons in
                        let named = try rules.people(of: customer, product: product, persons: persons)
                        if rules.network.product(product)?.requiresInvitation == true {
                            if let missesWait {
                                throw refusal(ClientLimits.Rule.invitationMisses.rawValue, wait: missesWait)
                            }
                            if let refusal = invited?.refusal(of: people, product: product) { throw refusal }
                        }
                        return named
                    },
                    now: now(), idempotency: idempotency)
            } catch let refusal as NotInvited {
                try await counted(refusal, client: client)
                throw refusal.asRefusal
            }
            limiter.used(hold)
            metrics.bookings.increment()
            return booking
        }
    }

    /// Books a slot in one step, without a hold first (the planner's booking of a slot it did not
    /// reserve): checked like a hold and a confirmation, and all or nothing.
    public func book(
        desk: String?, product: String?, persons: Int?, slot: String?, customer: Customer, client: String?,
        idempotency: IdempotencyKey?
    ) async throws -> ConfirmedBooking {
        try await useCase("booking.book") {
            // A hold and a confirmation at once: both of the client's limits count.
            try admit(.holds, client: client)
            try admit(.confirmations, client: client)
            let withheld = try await withholding(desk: desk, product: product)
            let now = now()
            let plan = try rules.planHold(
                desk: desk, product: product, persons: persons, slot: slot, now: now, withheld: withheld)
            let people = try rules.people(of: customer, product: plan.product, persons: plan.persons)
            try await requireInvited(customer, product: plan.product, client: client)
            do {
                let booking = try await appointmentStore.book(
                    plan, customer: customer, people: people, now: now, idempotency: idempotency)
                metrics.holds.increment()
                metrics.bookings.increment()
                return booking
            } catch let error as Refusal where error.code == "slot_full" {
                metrics.holdsRefused.increment()
                throw error
            }
        }
    }

    /// The appointment `id`, if `token` is its manage token (or the signed link from its email).
    public func appointment(id: String, token: String?) async throws -> Appointment {
        try await appointmentStore.appointment(id: id, token: token, today: today)
    }

    public func cancel(id: String, token: String?) async throws -> Appointment {
        try await useCase("booking.cancel") {
            let result = try await appointmentStore.cancelIfConfirmed(id: id, token: token, now: now(), today: today)
            if result.cancelled {
                metrics.cancellations.increment()
                // The freed slot is kept for the waitlist (FreedSlots); the matcher offers it on.
                matcherWakeUp.signal()
            }
            return result.appointment
        }
    }

    /// Moves the appointment (opened by its manage `token`) to the held slot, with the hold's secret.
    public func reschedule(
        id: String, token: String?, hold: String?, holdToken: String?, idempotency: IdempotencyKey?
    ) async throws -> Appointment {
        try await useCase("booking.reschedule") {
            guard let hold, !hold.isEmpty else {
                throw Refusal.invalid("hold", "required", "Name the hold to move the appointment to.")
            }
            let appointment = try await appointmentStore.reschedule(
                id: id, token: token, toHold: hold, holdToken: holdToken,
                movesAllowed: rules.network.fairness.movesAllowed, now: now(), today: today, idempotency: idempotency)
            limiter.used(hold)
            metrics.reschedules.increment()
            // The slot it left goes to the waitlist first.
            matcherWakeUp.signal()
            return appointment
        }
    }
}

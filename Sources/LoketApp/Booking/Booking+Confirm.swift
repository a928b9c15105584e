import Foundation
import LoketDomain
import LoketStorage

/// Turning a hold into an appointment: the confirmation, and the booking without a hold first.
extension Booking {
    /// Books the held slot for `customer`; `holdToken` must be the secret the hold's maker got.
    ///
    /// Before the write: the client's limit, what the invitations say of the people named, the
    /// hold read and decided, the people it claims checked against its product. Then the hold
    /// taken, the appointment and its confirmation message written at once. After it: a refusal
    /// of uninvited people is counted (nothing was written), or the booking is measured.
    public func confirm(
        hold: String?, holdToken: String?, customer: Customer, client: String?, idempotency: IdempotencyKey?
    ) async throws -> ConfirmedBooking {
        try await useCase("booking.confirm") {
            try context.admit(.confirmations, client: client)
            guard let hold, !hold.isEmpty else {
                throw Refusal.invalid("hold", "required", "Name the hold to confirm.")
            }
            let context = self.context
            let rules = context.rules
            let people = InvitationCheck.people(of: customer)
            let invited = context.invitationsRequired ? try await context.invitationFacts(about: people) : nil
            // Only a confirmation of a product that needs an invitation meets the client's misses.
            let missesWait = context.invitationsRequired ? context.invitationMissesWait(client: client) : nil
            let now = context.now()
            let booking: ConfirmedBooking
            do {
                // The hold's read, then one write that is all or nothing by itself: no
                // transaction is needed around them.
                booking = try await context.idempotency.once(idempotency, now: now, alone: true) { tx in
                    let (stored, confirmed) = try await Self.decide(hold, by: .token(holdToken), now: now, in: tx)
                    let placement = stored.placement
                    // Who the appointment is for depends on the hold's product and size, known
                    // only now; nothing is written before the checks below.
                    let named = try rules.people(of: customer, product: placement.product, persons: placement.persons)
                    if rules.network.product(placement.product)?.requiresInvitation == true {
                        if let missesWait {
                            throw context.refusal(ClientLimits.Rule.invitationMisses.rawValue, wait: missesWait)
                        }
                        if let refusal = invited?.refusal(of: people, product: placement.product) { throw refusal }
                    }
                    // The hold's confirmation, the appointment and its message in one write.
                    guard
                        let booking = try await Appointments.confirm(
                            confirmed, readIn: stored.hold.state, at: placement, customer: customer, people: named,
                            now: now, outbox: context.outbox, in: tx)
                    else { throw Refusal.holdUsed }
                    return booking
                }
            } catch let refusal as NotInvited {
                try await context.counted(refusal, client: client)
                throw refusal.asRefusal
            }
            context.limiter.used(hold)
            context.metrics.bookings.increment()
            context.logger.info(
                "appointment confirmed",
                metadata: ["appointment": "\(booking.appointment.id)", "desk": "\(booking.appointment.desk)"])
            return booking
        }
    }

    /// Books a slot in one step, without a hold first (the planner's booking of a slot it did not
    /// reserve): checked like a hold and a confirmation, and all or nothing: a refusal leaves no
    /// hold behind.
    public func book(
        desk: String?, product: String?, persons: Int?, slot: String?, customer: Customer, client: String?,
        idempotency: IdempotencyKey?
    ) async throws -> ConfirmedBooking {
        try await useCase("booking.book") {
            // A hold and a confirmation at once: both of the client's limits count.
            try context.admit(.holds, client: client)
            try context.admit(.confirmations, client: client)
            let withheld = try await context.withholding(desk: desk, product: product)
            let now = context.now()
            let plan = try context.rules.planHold(
                desk: desk, product: product, persons: persons, slot: slot, now: now, withheld: withheld)
            let people = try context.rules.people(of: customer, product: plan.product, persons: plan.persons)
            try await context.requireInvited(customer, product: plan.product, client: client)
            let outbox = context.outbox
            do {
                let booking = try await context.idempotency.once(idempotency, now: now) { tx in
                    let held = try await Holds.take(plan, now: now, in: tx)
                    let placement = try await Self.take(held.hold.id, by: .token(held.token), now: now, in: tx)
                        .placement
                    return try await Appointments.insert(
                        holdID: held.hold.id, at: placement, customer: customer, people: people, now: now,
                        outbox: outbox, in: tx)
                }
                context.capacityChanges.announce(plan.desk)
                context.metrics.holds.increment()
                context.metrics.bookings.increment()
                context.logger.info(
                    "appointment booked",
                    metadata: ["appointment": "\(booking.appointment.id)", "desk": "\(plan.desk)"])
                return booking
            } catch let error as Refusal where error == .slotFull {
                context.metrics.holdsRefused.increment()
                throw error
            }
        }
    }

    /// What entitles a use case to take a hold.
    enum HoldAccess {
        /// The secret its maker got with it, as the client sent it.
        case token(String?)
        /// The use case that made it without a secret and carries it (a waitlist offer, a draw, a
        /// document's pickup), having authorised the caller.
        case carrier
    }

    /// Confirms hold `id` for whoever may take it, as the hold lifecycle decides: the capacity it
    /// took now belongs to the appointment made of it.
    static func take(
        _ id: String, by access: HoldAccess, now: Date, in tx: Transaction
    ) async throws -> (hold: Hold, placement: Placement) {
        let (stored, hold) = try await decide(id, by: access, now: now, in: tx)
        // Conditional on the state it was read in: of two confirmations at once, one gets the hold.
        guard try await Holds.write(hold, readIn: stored.hold.state, in: tx) else { throw Refusal.holdUsed }
        return (hold, stored.placement)
    }

    /// Reads hold `id` for whoever may take it and decides its confirmation, writing nothing:
    /// the hold as read, and as confirmed.
    static func decide(
        _ id: String, by access: HoldAccess, now: Date, in tx: Transaction
    ) async throws -> (stored: StoredHold, confirmed: Hold) {
        guard let stored = try await Holds.read(id: id, in: tx) else { throw Refusal.unknownHold(id) }
        // The secret first, so that someone without it learns nothing about the hold's state.
        if case .token(let token) = access {
            guard stored.hasSecret else { throw Refusal.offeredHold }
            guard let token, !token.isEmpty else { throw Refusal.holdTokenMissing }
            guard stored.opens(token) else { throw Refusal.wrongHoldToken }
        }
        var hold = stored.hold
        try decided { () throws(TransitionError<Hold.State, Hold.Event>) in try hold.confirm(now: now) }
        return (stored, hold)
    }
}

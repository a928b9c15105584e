import Foundation
import LoketDomain
import LoketStorage

/// The booking area (afspraak maken): holding a slot, confirming it for a customer or booking it
/// in one step (`Booking+Confirm`), looking an appointment up, cancelling and moving it
/// (`Booking+Changes`).
///
/// Each use case reads, asks the domain, writes its steps on the tables in one transaction (its
/// outbox messages included; on PostgreSQL a hold of one unit and a confirmation write in one
/// statement, which needs none) and, after the commit, measures, announces the capacity change
/// and wakes the waitlist matcher.
public struct Booking: UseCaseArea {
    let context: UseCaseContext
    /// Reads of holds and appointments outside a use case's transaction.
    let store: AppointmentStore

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
                let withheld = try await context.withholding(desk: desk, product: product)
                let now = context.now()
                let plan = try context.rules.planHold(
                    desk: desk, product: product, persons: persons, slot: slot, now: now, assistance: assistance,
                    withheld: withheld)
                // One unit is one statement, which needs no transaction around it.
                let receipt = try await context.idempotency.once(
                    idempotency, now: now, alone: Holds.isOneStatement(plan)
                ) { tx in try await Holds.take(plan, now: now, in: tx) }
                context.capacityChanges.announce(plan.desk)
                context.metrics.holds.increment()
                if let reservation {
                    context.limiter.held(reservation, as: receipt.hold.id, until: receipt.hold.expiresAt)
                }
                return receipt
            } catch {
                if let reservation { context.limiter.cancel(reservation) }
                if (error as? Refusal) == .slotFull { context.metrics.holdsRefused.increment() }
                throw error
            }
        }
    }

    /// The hold `id`, whatever its state.
    public func hold(id: String) async throws -> Hold {
        guard let hold = try await store.hold(id: id) else { throw Refusal.unknownHold(id, field: "id") }
        return hold
    }

    /// The hold `id` if it still keeps its slot, nil when it is unknown, taken or lapsed.
    public func activeHold(id: String) async throws -> Hold? {
        guard let hold = try await store.hold(id: id), hold.state == .active, hold.expiresAt > context.now() else {
            return nil
        }
        return hold
    }

    /// Gives an active hold's capacity back before it lapses (to the waitlist first).
    func release(hold id: String) async throws {
        let now = context.now()
        let desk = try await context.database.write { tx in
            try await Holds.release(id: id, toWaitlist: true, now: now, in: tx)
        }
        if let desk { context.capacityChanges.announce(desk) }
        context.matcherWakeUp.signal()
    }

    /// Takes one of `client`'s few places for active holds for a hold about to be written, or
    /// refuses while all are kept; with `replacingOldest` (a browser, whose visitor went back to
    /// choose another time) gives the oldest hold back first (never a waitlist offer, which
    /// counts among them too). The place is taken under the limiter's lock, so holds asked for
    /// at once cannot all pass; give it back with `cancel` if the hold fails.
    func admitHold(client: String?, replacingOldest: Bool) async throws -> ClientLimiter.Reservation? {
        let limits = context.limits
        guard let client, limits.isEnabled else { return nil }
        try context.admit(.holds, client: client)
        let now = context.now()
        if replacingOldest {
            let active = context.limiter.activeHolds(client: client, now: now)
            for old in active.replaceable.prefix(max(0, active.count - limits.activeHoldsAllowed + 1)) {
                try await release(hold: old)
                context.limiter.used(old)
            }
        }
        let until = now.addingTimeInterval(context.rules.holdDuration)
        switch context.limiter.reserveHold(client: client, allowed: limits.activeHoldsAllowed, until: until, now: now) {
        case .success(let reservation): return reservation
        case .failure(let lapse): throw context.refusal("activeHolds", wait: lapse.at.timeIntervalSince(now))
        }
    }
}

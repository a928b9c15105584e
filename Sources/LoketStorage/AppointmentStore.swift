import Foundation
import Logging
import LoketDomain
import SQLKit

/// Holds and appointments: taking a slot for a while, turning the hold into an appointment,
/// reading, cancelling and moving it with its manage token, and sweeping expired holds.
/// Capacity is taken and given back through `CapacityStore` in the same transaction.
public struct AppointmentStore: Sendable {
    let database: Database
    let logger: Logger
    /// Whether and when to write customer messages to the outbox; nil writes none.
    let outbox: OutboxSettings?
    let capacityChanges: CapacityChanges
    /// The keys that sign and open the manage links in customer email.
    let links: ManageLinkKeys
    var idempotency: Idempotency { Idempotency(database: database) }

    public init(
        database: Database, logger: Logger, outbox: OutboxSettings? = nil, capacityChanges: CapacityChanges,
        links: ManageLinkKeys = try! ManageLinkKeys([ManageLinkKeys.randomSecret()])
    ) {
        self.database = database
        self.logger = logger
        self.outbox = outbox
        self.capacityChanges = capacityChanges
        self.links = links
    }

    // MARK: Holds

    /// Takes the units of `plan` for a new hold, or throws `conflict` when any is full. The
    /// receipt's token is the only way to confirm it; a retry with the same key gets the same one.
    public func hold(
        _ plan: HoldPlan, now: Date, idempotency key: IdempotencyKey? = nil
    ) async throws -> HoldReceipt {
        let id = Identifiers.make()
        let token = Identifiers.token()
        let hold = Hold(
            id: id, desk: plan.desk, product: plan.product, persons: plan.persons, slot: plan.slot.description,
            date: plan.slot.date, startTime: plan.slot.start, endTime: plan.end, expiresAt: plan.expiresAt,
            state: .active)
        let receipt: HoldReceipt
        if key == nil, plan.units.count == 1, database.engine == .postgres {
            // Every statement is a round trip to PostgreSQL: the usual hold, one unit without an
            // idempotency key, is one statement that commits by itself, not four (BEGIN, the
            // unit, the hold, COMMIT).
            let tokenHash = Identifiers.hash(token)
            let held = try await database.session { db in
                // Both rows or, when the unit is full, neither.
                try await db.raw(
                    """
                    WITH unit AS (\(CapacityStore.takeUnit(plan.units[0], desk: plan.desk, capacity: plan.capacity)))
                    INSERT INTO holds (\(Self.holdColumns))
                    SELECT \(Self.holdValues(id: id, plan: plan, tokenHash: tokenHash, now: now)) FROM unit
                    RETURNING id
                    """
                ).first() != nil
            }
            guard held else { throw CapacityStore.slotFull }
            receipt = HoldReceipt(hold: hold, token: token)
        } else {
            receipt = try await idempotency.once(key, now: now) { db in
                try await CapacityStore.take(plan.units, desk: plan.desk, capacity: plan.capacity, on: db)
                try await Self.insertHold(id: id, plan: plan, tokenHash: Identifiers.hash(token), now: now, on: db)
                return HoldReceipt(hold: hold, token: token)
            }
        }
        capacityChanges.announce(plan.desk)
        return receipt
    }

    public func hold(id: String) async throws -> Hold? {
        try await database.read { db in
            try await db.raw("SELECT * FROM holds WHERE id = \(bind: id)").first()
                .map { try HoldRow(decoding: $0).hold }
        }
    }

    /// Gives an active hold's capacity back before it lapses (to the waitlist first), as the
    /// hold lifecycle decides; nothing happens to a hold that is no longer active.
    public func release(hold id: String, now: Date) async throws {
        let desk = try await database.transaction { db in
            try await Self.release(hold: id, toWaitlist: true, now: now, on: db)
        }
        if let desk { capacityChanges.announce(desk) }
    }

    /// Gives back the capacity of every hold that expired by `now`; returns the desks affected.
    @discardableResult
    public func releaseExpiredHolds(now: Date) async throws -> Set<String> {
        let expired = try await database.session { db in
            try await db.raw("SELECT id FROM holds WHERE state = 'active' AND expires_at <= \(bind: now.millis)").all()
                .map { try $0.decode(column: "id", as: String.self) }
        }
        var desks = Set<String>()
        for id in expired {
            // One transaction per hold, claimed by a conditional update, so that two servers
            // sweeping at once release each hold exactly once.
            let desk: String? = try await database.transaction { db in
                guard let (row, stored) = try await Self.readHold(id: id, on: db) else { return nil }
                var hold = stored.hold
                // The lifecycle decides; a hold confirmed or swept by another server meanwhile is
                // left alone, and the write is conditional on the state it was read in.
                guard (try? hold.expire(now: now)) != nil, try await Self.write(hold, readIn: stored.hold.state, on: db)
                else { return nil }
                // A client's lapsed hold goes to the waitlist first, so letting holds lapse and
                // re-taking them gains nothing; parked and offer holds just give their units back.
                guard stored.tokenHash != nil else { return try await CapacityStore.release(row: row, on: db) }
                return try await FreedSlots.free(row: row, now: now, on: db) ?? stored.desk
            }
            if let desk {
                desks.insert(desk)
                capacityChanges.announce(desk)
            }
        }
        if !desks.isEmpty { logger.info("released expired holds", metadata: ["count": "\(expired.count)"]) }
        return desks
    }

    // MARK: Appointments

    /// Turns an active hold into an appointment for `customer`, if `holdToken` is the hold's secret.
    /// `people` gives, for the hold's product and number of persons, the V-numbers it claims,
    /// each at most one live booking per product.
    public func confirm(
        hold holdID: String, holdToken: String?, customer: Customer,
        people: @escaping @Sendable (_ product: String, _ persons: Int) throws -> [String] = { _, _ in [] },
        now: Date, idempotency key: IdempotencyKey? = nil
    ) async throws -> ConfirmedBooking {
        let id = Identifiers.make()
        let token = Identifiers.token()
        let tokenHash = Identifiers.hash(token)
        let outbox = self.outbox
        let booking = try await idempotency.once(key, now: now) { db in
            let (_, placement) = try await Self.consume(hold: holdID, access: .token(holdToken), now: now, on: db)
            // Who the appointment is for depends on the hold's product and size, known only now;
            // a refusal rolls the hold's confirmation back with everything else.
            let people = try people(placement.product, placement.persons)
            let appointment = try await Self.insertAppointment(
                id: id, holdID: holdID, at: placement, customer: customer, people: people, tokenHash: tokenHash,
                now: now, outbox: outbox, on: db)
            return ConfirmedBooking(appointment: appointment, manageToken: token)
        }
        logger.info(
            "appointment confirmed",
            metadata: ["appointment": "\(booking.appointment.id)", "desk": "\(booking.appointment.desk)"])
        return booking
    }

    /// Holds `plan` and confirms it for `customer` in one transaction, all or nothing: a booking
    /// without a reservation first (the planner's), which leaves no hold behind when refused.
    public func book(
        _ plan: HoldPlan, customer: Customer, people: [String], now: Date, idempotency key: IdempotencyKey? = nil
    ) async throws -> ConfirmedBooking {
        let holdID = Identifiers.make()
        let holdToken = Identifiers.token()
        let id = Identifiers.make()
        let token = Identifiers.token()
        let outbox = self.outbox
        let booking = try await idempotency.once(key, now: now) { db in
            try await CapacityStore.take(plan.units, desk: plan.desk, capacity: plan.capacity, on: db)
            try await Self.insertHold(
                id: holdID, plan: plan, tokenHash: Identifiers.hash(holdToken), now: now, on: db)
            let (_, placement) = try await Self.consume(hold: holdID, access: .token(holdToken), now: now, on: db)
            let appointment = try await Self.insertAppointment(
                id: id, holdID: holdID, at: placement, customer: customer, people: people,
                tokenHash: Identifiers.hash(token), now: now, outbox: outbox, on: db)
            return ConfirmedBooking(appointment: appointment, manageToken: token)
        }
        capacityChanges.announce(plan.desk)
        logger.info(
            "appointment booked", metadata: ["appointment": "\(booking.appointment.id)", "desk": "\(plan.desk)"])
        return booking
    }

    /// The appointment `id`, if `token` opens it on `today`.
    public func appointment(id: String, token: String?, today: LocalDate) async throws -> Appointment {
        try await database.session { db in
            try await authorised(id: id, token: token, today: today, on: db)
        }
    }

    /// The appointment `id` without its token, for a caller that holds another key to it: the
    /// waitlist entry that improves on it, the draw entry or the document that booked it.
    public func appointmentAuthorisedElsewhere(id: String) async throws -> Appointment? {
        try await database.session { db in
            try await db.raw("SELECT * FROM appointments WHERE id = \(bind: id)").first().map {
                try AppointmentRow(decoding: $0).appointment
            }
        }
    }

    /// Cancels the appointment; its capacity goes to the waitlist first (`FreedSlots`).
    public func cancel(id: String, token: String?, now: Date, today: LocalDate) async throws -> Appointment {
        try await cancelIfConfirmed(id: id, token: token, now: now, today: today).appointment
    }

    /// Cancels the appointment if it is still confirmed; `cancelled` says whether this call did
    /// (false when it was cancelled already), so callers need not read it first.
    public func cancelIfConfirmed(
        id: String, token: String?, now: Date, today: LocalDate
    ) async throws -> (appointment: Appointment, cancelled: Bool) {
        let outbox = self.outbox
        let result = try await database.transaction { db -> (appointment: Appointment, cancelled: Bool) in
            let current = try await self.authorised(id: id, token: token, today: today, on: db)
            var cancelled = current
            do throws(TransitionError<Appointment.State, Appointment.Event>) {
                try cancelled.cancel()
            } catch {
                // Cancelling is idempotent for the customer: a second time has nothing to do.
                guard error.code == "already_cancelled" else { throw error.asRefusal }
                return (current, false)
            }
            // What the lifecycle decided, conditional on the revision it was read in: of two
            // cancellations at once, one gives the capacity back.
            guard
                let row = try await db.raw(
                    """
                    UPDATE appointments SET state = \(bind: cancelled.state.rawValue), cancelled_at = \(bind: now.millis),
                        revision = \(bind: cancelled.revision)
                    WHERE id = \(bind: id) AND state = \(bind: current.state.rawValue) AND revision = \(bind: current.revision)
                    RETURNING *
                    """
                ).first()
            else {
                // Changed meanwhile: cancelled by another request (nothing to do) or moved.
                let latest = try await self.authorised(id: id, token: token, today: today, on: db)
                guard latest.state == .cancelled else { throw Refusal.changedMeanwhile }
                return (latest, false)
            }
            try await FreedSlots.free(row: row, now: now, on: db)
            try await LiveBookings.release(appointment: id, on: db)
            try await DocumentStore.pickupCancelled(appointment: id, now: now, on: db)
            let stored = try AppointmentRow(decoding: row)
            cancelled = stored.appointment
            try await OutboxStore.enqueue(
                .cancellation, appointment: id, revision: stored.revision, start: nil,
                now: now, settings: outbox, on: db)
            if let partner = stored.partnerId {
                try await OutboxStore.enqueueWebhook(
                    partner: partner, event: "booking.cancelled", appointment: cancelled, now: now, on: db)
            }
            return (cancelled, true)
        }
        if result.cancelled {
            capacityChanges.announce(result.appointment.desk)
            logger.info("appointment cancelled", metadata: ["appointment": "\(id)"])
        }
        return result
    }

    /// Moves the appointment to the slot of another active hold (with that hold's secret); its old
    /// capacity goes back.
    public func reschedule(
        id: String, token: String?, toHold holdID: String, holdToken: String?, movesAllowed: Int, now: Date,
        today: LocalDate,
        idempotency key: IdempotencyKey? = nil
    ) async throws -> Appointment {
        let outbox = self.outbox
        let result = try await idempotency.once(key, now: now) { db in
            let current = try await self.authorised(id: id, token: token, today: today, on: db)
            let (hold, placement) = try await Self.consume(hold: holdID, access: .token(holdToken), now: now, on: db)
            let moved = try await Self.moveAppointment(
                current, to: hold, at: placement, movesAllowed: movesAllowed, now: now, outbox: outbox, on: db)
            return RescheduleResult(appointment: moved, fromDesk: current.desk)
        }
        capacityChanges.announce(result.fromDesk)
        capacityChanges.announce(result.appointment.desk)
        logger.info("appointment rescheduled", metadata: ["appointment": "\(id)"])
        return result.appointment
    }

    /// A move's answer; it carries no secret, so a retry gets it as it was.
    struct RescheduleResult: Replayable {
        let appointment: Appointment
        let fromDesk: String

        var withoutSecrets: RescheduleResult { self }
        func renewed(on db: any SQLDatabase) async throws -> RescheduleResult { self }
    }
}

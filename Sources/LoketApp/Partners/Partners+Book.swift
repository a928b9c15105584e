import Foundation
import LoketDomain
import LoketStorage

/// A partner's batch: up to 50 bookings, all or none, within its weekly quotas.
extension Partners {
    /// Books up to 50 people at once, all or nothing, within the partner's quotas.
    ///
    /// Before the transaction: each request is checked and planned (errors named
    /// `bookings[i].field`). In it: the partner's quota rows are locked and counted, then each
    /// booking takes its units (in one order across the batch, so batches cannot deadlock) and
    /// is written with its confirmation email and the partner's webhook event. After it: the
    /// capacity change is announced for each desk, and the bookings are counted.
    public func book(
        _ partner: Partner, _ requests: [BookingRequest], idempotency: IdempotencyKey?
    ) async throws -> [ConfirmedBooking] {
        try await useCase("partners.book") {
            let plans = try await plan(requests)
            let now = context.now()
            let outbox = context.outbox
            let booked = try await context.idempotency.once(idempotency, now: now) { tx in
                try await Self.withinQuotas(plans, of: partner, in: tx)
                var booked: [String: ConfirmedBooking] = [:]
                for item in Self.inLockOrder(plans) {
                    booked[item.field] = try await Self.book(item, for: partner, now: now, outbox: outbox, in: tx)
                }
                // Answered in the order asked.
                return plans.map { booked[$0.field]! }
            }
            for desk in Set(booked.map(\.appointment.desk)) { context.capacityChanges.announce(desk) }
            context.metrics.bookings.increment(by: Int64(booked.count))
            context.logger.info("partner booked", metadata: ["partner": "\(partner.id)", "count": "\(booked.count)"])
            return booked
        }
    }

    /// Each request checked and planned; a refusal names its field under `bookings[i]`.
    func plan(_ requests: [BookingRequest]) async throws -> [PartnerBookingPlan] {
        guard !requests.isEmpty else {
            throw Refusal.invalid("bookings", "required", "List at least one booking.")
        }
        guard requests.count <= 50 else {
            throw Refusal.invalid("bookings", "too_many", "At most 50 bookings per request.")
        }
        let now = context.now()
        let rules = context.rules
        // Only urgent bookings pass what draws withhold: the reserve is theirs.
        var withheld: [DrawWithholding] = []
        for request in requests {
            withheld.append(
                request.urgent == nil
                    ? try await context.withholding(desk: request.desk, product: request.product) : .none)
        }
        var plans: [PartnerBookingPlan] = []
        for (index, request) in requests.enumerated() {
            let field = "bookings[\(index)]"
            do {
                let urgent = try request.urgent.map { (given) throws(Refusal) in
                    try UrgentReserve.Reason.checked(reason: given.reason, note: given.note)
                }
                let plan = try rules.planHold(
                    desk: request.desk, product: request.product, persons: request.persons, slot: request.slot,
                    now: now, urgent: urgent != nil, withheld: withheld[index])
                let customer = try request.customer.get()
                plans.append(
                    PartnerBookingPlan(
                        plan: plan, customer: customer, field: field, urgent: urgent,
                        people: try rules.people(of: customer, product: plan.product, persons: plan.persons)))
            } catch {
                throw Refusal(error.kind, field: "\(field).\(error.field)", code: error.code, error.message)
            }
        }
        return plans
    }

    /// Refuses the batch unless the partner has a quota at each of its desks with room for its
    /// bookings in each week (Monday to Sunday). The quota rows are locked by desk code first.
    static func withinQuotas(_ plans: [PartnerBookingPlan], of partner: Partner, in tx: Transaction) async throws {
        var quotas: [String: Int] = [:]
        for desk in Set(plans.map(\.plan.desk)).sorted() {
            guard let weekly = try await PartnerQuotas.lock(partner: partner.id, desk: desk, in: tx) else {
                let field = plans.first { $0.plan.desk == desk }!.field
                throw Refusal(
                    .conflict, field: "\(field).desk", code: "no_quota",
                    "Your organisation has no quota at desk \(desk).")
            }
            quotas[desk] = weekly
        }
        var perWeek: [String: Int] = [:]
        for item in plans {
            let (desk, monday) = (item.plan.desk, item.plan.slot.date.weekStart)
            let key = "\(desk)/\(monday.iso)"
            if perWeek[key] == nil {
                perWeek[key] = try await PartnerQuotas.used(partner: partner.id, desk: desk, week: monday, in: tx)
            }
            perWeek[key]! += 1
            guard perWeek[key]! <= quotas[desk]! else {
                throw Refusal(
                    .conflict, field: "\(item.field).slot", code: "quota_exceeded",
                    "Your weekly quota of \(quotas[desk]!) at desk \(desk) for the week of \(monday.iso) is used up.")
            }
        }
    }

    /// The plans in the order their units are taken: by desk, pool, day and time, the same order
    /// in every batch.
    static func inLockOrder(_ plans: [PartnerBookingPlan]) -> [PartnerBookingPlan] {
        plans.sorted {
            let (a, b) = ($0.plan, $1.plan)
            return (a.desk, a.units.first!.pool, a.slot.date, a.slot.start)
                < (b.desk, b.units.first!.pool, b.slot.date, b.slot.start)
        }
    }

    /// One booking of the batch: its units, the appointment with its confirmation email, and
    /// the partner's webhook event; a refusal says nothing was booked.
    static func book(
        _ item: PartnerBookingPlan, for partner: Partner, now: Date, outbox: OutboxSettings?, in tx: Transaction
    ) async throws -> ConfirmedBooking {
        let plan = item.plan
        do {
            try await CapacityStore.take(plan.units, desk: plan.desk, capacity: plan.capacity, in: tx)
        } catch let error as Refusal where error == .slotFull {
            throw Refusal(
                .conflict, field: "\(item.field).slot", code: "slot_full",
                "Slot \(plan.slot) is full; nothing was booked.")
        }
        let booking: ConfirmedBooking
        do {
            booking = try await Appointments.insert(
                holdID: nil, at: Placement(plan), customer: item.customer, people: item.people, partner: partner.id,
                urgent: item.urgent, now: now, outbox: outbox, in: tx)
        } catch let error as Refusal where error == .alreadyBooked {
            throw Refusal(
                .conflict, field: "\(item.field).customer.vNumber", code: error.code,
                "A person in this booking already has an appointment for this; nothing was booked.")
        }
        try await OutboxStore.enqueueWebhook(
            partner: partner.id, event: "booking.confirmed", appointment: booking.appointment, now: now, in: tx)
        return booking
    }
}

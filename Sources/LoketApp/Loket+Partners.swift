import Foundation
import LoketDomain

/// The partner channel: organisations that book for the people they support, within a weekly
/// quota per desk, and see their own bookings only.
extension Loket {
    /// One booking of a partner's batch as the partner asked for it.
    public struct PartnerBookingRequest: Sendable {
        public var desk: String?
        public var product: String?
        public var persons: Int?
        public var slot: String?
        /// The person's details as the channel read them, or why they are wrong (fields relative
        /// to the booking): checked after the slot, so errors come in the order of the booking.
        public var customer: Result<Customer, Refusal>
        /// Present to book from the urgent reserve.
        public var urgent: (reason: String?, note: String?)?

        public init(
            desk: String?, product: String?, persons: Int?, slot: String?, customer: Result<Customer, Refusal>,
            urgent: (reason: String?, note: String?)?
        ) {
            self.desk = desk
            self.product = product
            self.persons = persons
            self.slot = slot
            self.customer = customer
            self.urgent = urgent
        }
    }

    /// Registers a partner with weekly quotas per desk; returns it with its API key and webhook
    /// secret, shown once.
    public func addPartner(
        name: String, quotas: [String: Int], webhookURL: String?
    ) async throws
        -> (partner: Partner, apiKey: String, webhookSecret: String?)
    {
        try await partnerStore.addPartner(name: name, quotas: quotas, webhookURL: webhookURL, now: now())
    }

    /// The partner whose API key this is.
    public func partner(apiKey: String?) async throws -> Partner {
        try await partnerStore.partner(apiKey: apiKey)
    }

    /// Books up to 50 people at once, all or nothing, within the partner's quotas.
    public func bookForPartner(
        _ partner: Partner, _ requests: [PartnerBookingRequest],
        idempotency: IdempotencyKey?
    ) async throws -> [ConfirmedBooking] {
        try await useCase("partners.book") {
            guard !requests.isEmpty else {
                throw Refusal.invalid("bookings", "required", "List at least one booking.")
            }
            guard requests.count <= 50 else {
                throw Refusal.invalid("bookings", "too_many", "At most 50 bookings per request.")
            }
            let now = now()
            let rules = self.rules
            var plans: [PartnerBookingPlan] = []
            // Only urgent bookings pass what draws withhold: the reserve is theirs.
            var withheld: [DrawWithholding] = []
            for request in requests {
                withheld.append(
                    request.urgent == nil
                        ? try await context.withholding(desk: request.desk, product: request.product) : .none)
            }
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
                } catch let error as Refusal {
                    throw Refusal(error.kind, field: "\(field).\(error.field)", code: error.code, error.message)
                }
            }
            let booked = try await partnerStore.bookForPartner(partner, plans, now: now, idempotency: idempotency)
            metrics.bookings.increment(by: Int64(booked.count))
            return booked
        }
    }

    /// The partner's own bookings on `dates` (from today to the horizon when nil).
    public func partnerBookings(_ partner: Partner, from: LocalDate?, to: LocalDate?) async throws -> [PartnerBooking] {
        let today = self.today
        let from = from ?? today
        let to = to ?? rules.horizon(from: today)
        guard from <= to else {
            throw Refusal.invalid("to", "before_from", "The end date is before the start date.")
        }
        return try await partnerStore.partnerBookings(partner, dates: from...to)
    }

    /// The partner's quota use per desk in the week of `date`.
    public func partnerQuotas(_ partner: Partner, week date: LocalDate) async throws -> [QuotaUse] {
        try await partnerStore.partnerQuotas(partner, week: date)
    }
}

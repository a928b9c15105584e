import Foundation
import LoketDomain
import LoketStorage

/// The partners area: organisations that book for the people they support, within a weekly
/// quota per desk (`Partners+Book`), and see their own bookings only.
public struct Partners: UseCaseArea {
    let context: UseCaseContext
    let store: PartnerStore

    /// One booking of a partner's batch as the partner asked for it.
    public struct BookingRequest: Sendable {
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
    public func add(
        name: String, quotas: [String: Int], webhookURL: String?
    ) async throws
        -> (partner: Partner, apiKey: String, webhookSecret: String?)
    {
        try await store.addPartner(name: name, quotas: quotas, webhookURL: webhookURL, now: context.now())
    }

    /// The partner whose API key this is.
    public func partner(apiKey: String?) async throws -> Partner {
        try await store.partner(apiKey: apiKey)
    }

    /// The partner's own bookings on `dates` (from today to the horizon when nil).
    public func bookings(_ partner: Partner, from: LocalDate?, to: LocalDate?) async throws -> [PartnerBooking] {
        let today = context.today
        let from = from ?? today
        let to = to ?? context.rules.horizon(from: today)
        guard from <= to else {
            throw Refusal.invalid("to", "before_from", "The end date is before the start date.")
        }
        return try await store.partnerBookings(partner, dates: from...to)
    }

    /// The partner's quota use per desk in the week of `date`.
    public func quotas(_ partner: Partner, week date: LocalDate) async throws -> [QuotaUse] {
        try await store.partnerQuotas(partner, week: date)
    }
}

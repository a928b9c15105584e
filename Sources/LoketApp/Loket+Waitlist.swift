import Foundation
import LoketDomain

/// The waitlist: joining, looking, leaving, and accepting or declining an offer. Every change
/// that frees capacity keeps it for the line and wakes the matcher, which offers it on.
extension Loket {
    /// Who enters a waitlist entry: the person themselves, or a partner who vouches for its
    /// urgency and document expiry. Only a trusted channel's word moves an entry up the line.
    public enum WaitlistChannel: Sendable {
        /// The public API or the pages: ordered by time on the list alone.
        case anonymous
        /// A partner (`Authorization: Bearer <API key>`), with its reason when the case is urgent.
        case partner(Partner, urgent: (reason: String?, note: String?)?)
    }

    /// Puts a customer on the waitlist for `desks` (the product must be offered at each, at most
    /// `WaitlistEntry.maxDesks`, duplicates counted once) between `from` and `to`, optionally to
    /// improve the appointment `appointment` opened by `appointmentToken`. `documentExpiresOn` is
    /// checked on every channel but counts only on a partner's. `customer` is the details as the
    /// channel read them, or why they are wrong; they are checked after the dates, in the order of
    /// the request. A person waits in one entry per product. Only a partner's entry is offered
    /// capacity free now; any other waits for the matcher, and its offers count among the holds
    /// of the client that joined.
    public func joinWaitlist(
        desks codes: [String]?, product: String?, persons: Int?, from fromText: String?, to toText: String?,
        documentExpiresOn: String?, customer: Result<Customer, Refusal>,
        appointment: String?, appointmentToken: String?, channel: WaitlistChannel = .anonymous, client: String?
    ) async throws -> (entry: WaitlistEntry, token: String) {
        try await useCase("waitlist.join") {
            try context.admit(.waitlistJoins, client: client)
            let rules = self.rules
            guard let codes, !codes.isEmpty else {
                throw Refusal.invalid("desks", "required", "Choose at least one desk.")
            }
            guard codes.count <= WaitlistEntry.maxDesks else {
                throw Refusal.invalid("desks", "too_many", "Choose at most \(WaitlistEntry.maxDesks) desks.")
            }
            guard let firstDesk = rules.network.desk(codes[0]) else {
                throw Refusal(.notFound, field: "desks[0]", code: "unknown_desk", "There is no desk \(codes[0]).")
            }
            let product = try rules.product(product, at: firstDesk)
            for (index, code) in codes.enumerated() {
                _ = try rules.product(
                    product.key, at: try rules.desk(code, field: "desks[\(index)]"), field: "desks[\(index)]")
            }
            var seen = Set<String>()
            let desks = codes.filter { seen.insert($0).inserted }
            let persons = try rules.persons(persons)
            let today = DeskTime(now(), timeZone: rules.timeZone).date
            guard let fromText else {
                throw Refusal.invalid("from", "required", "Give the first day you could come, YYYY-MM-DD.")
            }
            guard let toText else {
                throw Refusal.invalid("to", "required", "Give the last day you could come, YYYY-MM-DD.")
            }
            let from = try rules.bookableDate(fromText, field: "from", today: today)
            let to = try rules.bookableDate(toText, field: "to", today: today)
            guard from <= to else {
                throw Refusal.invalid("to", "before_from", "The end date is before the start date.")
            }
            let expiresOn = try LocalDate.parse(documentExpiresOn, field: "documentExpiresOn")
            var partner: Partner?
            var urgent: (reason: UrgentReserve.Reason, note: String?)?
            if case .partner(let vouching, let given) = channel {
                partner = vouching
                urgent = try given.map { (given) throws(Refusal) in
                    try UrgentReserve.Reason.checked(reason: given.reason, note: given.note)
                }
            }
            let customer = try customer.get()
            // Improving an appointment moves it, so its people are claimed already.
            let people =
                appointment == nil ? try rules.people(of: customer, product: product.key, persons: persons) : []
            // A partner vouches for the people it names; anyone else must have been invited.
            if partner == nil, appointment == nil {
                try await context.requireInvited(customer, product: product.key, client: client)
            }
            if let appointment {
                let current = try await appointmentStore.appointment(
                    id: appointment, token: appointmentToken, today: today)
                guard current.state == .confirmed, current.product == product.key, current.persons == persons else {
                    throw Refusal.invalid(
                        "appointment", "mismatch",
                        "The appointment to improve must be confirmed, for the same product and persons.")
                }
                // An accepted improvement is a move: one that can no longer move waits for nothing.
                guard current.revision < rules.network.fairness.movesAllowed else {
                    throw Refusal(
                        .conflict, field: "appointment", code: "move_limit",
                        "This appointment has been moved as often as allowed; it cannot be improved.")
                }
            }
            let joined = try await waitlistStore.joinWaitlist(
                WaitlistRequest(
                    product: product.key, persons: persons, desks: desks, from: from, to: to, urgent: urgent != nil,
                    expiresOn: partner == nil ? nil : expiresOn, customer: customer, appointment: appointment,
                    people: people, partner: partner?.id, urgentReason: urgent,
                    client: partner == nil && context.limits.isEnabled ? client : nil),
                now: now())
            // An anonymous join is offered nothing at once: free capacity is for booking, within the
            // client's holds; the waitlist offers what frees up later (the matcher). A partner's entry
            // is offered what is free now.
            if partner != nil { try await offerFreeCapacity(to: joined.entry) }
            return (try await waitlistStore.waitlistEntry(id: joined.entry.id, token: joined.token), joined.token)
        }
    }

    /// The entry, if `token` is its own token or the token of its current offer.
    public func waitlistEntry(id: String, token: String?) async throws -> WaitlistEntry {
        try await waitlistStore.waitlistEntry(id: id, token: token)
    }

    /// 1 for the first in line for this product; nil once no longer waiting.
    public func waitlistPosition(of entry: WaitlistEntry) async throws -> Int? {
        guard entry.state == .waiting || entry.state == .offered else { return nil }
        return try await waitlistStore.position(of: entry)
    }

    /// Leaves the waitlist; an open offer goes to the next in line.
    public func leaveWaitlist(id: String, token: String?) async throws {
        try await useCase("waitlist.leave") {
            try await waitlistStore.leaveWaitlist(id: id, token: token, now: now())
            limiter.used(id)
            matcherWakeUp.signal()
        }
    }

    /// Books the offered slot (or moves the appointment being improved to it, one of its moves):
    /// a confirmation like any other, so it counts against `client`'s confirmations. The offer
    /// no longer counts among the holds of the client that joined (nor after declining or leaving).
    public func acceptOffer(entry id: String, token: String?, client: String?) async throws -> AcceptedOffer {
        try await useCase("waitlist.accept-offer") {
            try context.admit(.confirmations, client: client)
            let accepted = try await waitlistStore.acceptOffer(
                entry: id, token: token, movesAllowed: network.fairness.movesAllowed, now: now())
            limiter.used(id)
            metrics.bookings.increment()
            matcherWakeUp.signal() // an improved appointment freed its old slot
            return accepted
        }
    }

    /// Declines the offer: the slot goes to the next in line and this entry waits on.
    public func declineOffer(entry id: String, token: String?) async throws -> WaitlistEntry {
        try await useCase("waitlist.decline-offer") {
            let entry = try await waitlistStore.declineOffer(entry: id, token: token, now: now())
            limiter.used(id)
            matcherWakeUp.signal()
            return entry
        }
    }
}

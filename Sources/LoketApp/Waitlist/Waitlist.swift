import Foundation
import LoketDomain
import LoketStorage

/// The waitlist area (wachtlijst): joining and looking (here), leaving and answering an offer
/// (`Waitlist+Answers`), and the matcher that offers freed capacity (`Waitlist+Matching`). Every
/// change that frees capacity keeps it for the line and wakes the matcher, which offers it on.
public struct Waitlist: UseCaseArea {
    let context: UseCaseContext
    let store: WaitlistStore
    /// Reads of the appointment an entry would improve.
    let appointments: AppointmentStore
    /// How long an offer lasts.
    let offerDuration: TimeInterval

    /// Who enters a waitlist entry: the person themselves, or a partner who vouches for its
    /// urgency and document expiry. Only a trusted channel's word moves an entry up the line.
    public enum Channel: Sendable {
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
    public func join(
        desks codes: [String]?, product: String?, persons: Int?, from fromText: String?, to toText: String?,
        documentExpiresOn: String?, customer: Result<Customer, Refusal>,
        appointment: String?, appointmentToken: String?, channel: Channel = .anonymous, client: String?
    ) async throws -> (entry: WaitlistEntry, token: String) {
        try await useCase("waitlist.join") {
            try context.admit(.waitlistJoins, client: client)
            let rules = context.rules
            let (product, desks) = try Self.desks(codes, product: product, rules: rules)
            let persons = try rules.persons(persons)
            let today = DeskTime(context.now(), timeZone: rules.timeZone).date
            let (from, to) = try Self.window(from: fromText, to: toText, today: today, rules: rules)
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
                try await improvable(appointment, token: appointmentToken, product: product.key, persons: persons)
            }
            let request = WaitlistRequest(
                product: product.key, persons: persons, desks: desks, from: from, to: to, urgent: urgent != nil,
                expiresOn: partner == nil ? nil : expiresOn, customer: customer, appointment: appointment,
                people: people, partner: partner?.id, urgentReason: urgent,
                client: partner == nil && context.limits.isEnabled ? client : nil)
            let now = context.now()
            let outbox = context.outbox
            let joined = try await context.database.write { tx in
                let joined = try await WaitlistEntries.insert(request, now: now, in: tx)
                // The receipt with the entry's link, which opens in any browser.
                try await OutboxStore.enqueue(
                    .waitlistJoined, appointment: joined.entry.id, revision: 0, start: nil, now: now, settings: outbox,
                    secret: joined.token, in: tx)
                return joined
            }
            context.logger.info(
                "joined waitlist", metadata: ["waitlist": "\(joined.entry.id)", "product": "\(product.key)"])
            // An anonymous join is offered nothing at once: free capacity is for booking, within the
            // client's holds; the waitlist offers what frees up later (the matcher). A partner's entry
            // is offered what is free now.
            if partner != nil { try await offerFreeCapacity(to: joined.entry) }
            return (try await store.waitlistEntry(id: joined.entry.id, token: joined.token), joined.token)
        }
    }

    /// The product and the desks asked for (each must offer it; duplicates counted once).
    static func desks(_ codes: [String]?, product: String?, rules: BookingRules) throws -> (Product, [String]) {
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
        return (product, codes.filter { seen.insert($0).inserted })
    }

    /// The days the customer could come, both bookable and in order.
    static func window(
        from fromText: String?, to toText: String?, today: LocalDate, rules: BookingRules
    ) throws -> (from: LocalDate, to: LocalDate) {
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
        return (from, to)
    }

    /// Refuses unless the appointment `id` (opened by `token`) may wait for an earlier time: it is
    /// confirmed, for the same product and persons, and may still be moved.
    func improvable(_ id: String, token: String?, product: String, persons: Int) async throws {
        let current = try await appointments.appointment(id: id, token: token, today: context.today)
        guard current.state == .confirmed, current.product == product, current.persons == persons else {
            throw Refusal.invalid(
                "appointment", "mismatch",
                "The appointment to improve must be confirmed, for the same product and persons.")
        }
        // An accepted improvement is a move: one that can no longer move waits for nothing.
        guard current.revision < context.network.fairness.movesAllowed else {
            throw Refusal(
                .conflict, field: "appointment", code: "move_limit",
                "This appointment has been moved as often as allowed; it cannot be improved.")
        }
    }

    /// The entry, if `token` is its own token or the token of its current offer.
    public func entry(id: String, token: String?) async throws -> WaitlistEntry {
        try await store.waitlistEntry(id: id, token: token)
    }

    /// 1 for the first in line for this product; nil once no longer waiting.
    public func position(of entry: WaitlistEntry) async throws -> Int? {
        guard entry.state == .waiting || entry.state == .offered else { return nil }
        return try await store.position(of: entry)
    }
}

import Foundation
import LoketDomain

/// The waitlist: joining, looking, leaving, and accepting or declining an offer. Every change
/// that frees capacity is followed by the matcher, so freed slots go to the line first.
extension Loket {
    /// Puts a customer on the waitlist for `desks` (the product must be offered at each) between
    /// `from` and `to`, optionally to improve the appointment `appointment` opened by
    /// `appointmentToken`. `customer` is the details as the channel read them, or why they are wrong;
    /// they are checked after the dates, in the order of the request. Capacity free now is offered at once.
    public func joinWaitlist(
        desks codes: [String]?, product: String?, persons: Int?, from fromText: String?, to toText: String?,
        urgent: Bool, documentExpiresOn: String?, customer: Result<Customer, BookingError>,
        appointment: String?, appointmentToken: String?, client: String?
    ) async throws -> (entry: WaitlistEntry, token: String) {
        try admit(.waitlistJoins, client: client)
        let rules = self.rules
        guard let codes, !codes.isEmpty else {
            throw BookingError.invalid("desks", "required", "Choose at least one desk.")
        }
        guard let firstDesk = rules.network.desk(codes[0]) else {
            throw BookingError(.notFound, field: "desks[0]", code: "unknown_desk", "There is no desk \(codes[0]).")
        }
        let product = try rules.product(product, at: firstDesk)
        for (index, code) in codes.enumerated() {
            _ = try rules.product(
                product.key, at: try rules.desk(code, field: "desks[\(index)]"), field: "desks[\(index)]")
        }
        let persons = try rules.persons(persons)
        let today = DeskTime(now(), timeZone: rules.timeZone).date
        guard let fromText else {
            throw BookingError.invalid("from", "required", "Give the first day you could come, YYYY-MM-DD.")
        }
        guard let toText else {
            throw BookingError.invalid("to", "required", "Give the last day you could come, YYYY-MM-DD.")
        }
        let from = try rules.bookableDate(fromText, field: "from", today: today)
        let to = try rules.bookableDate(toText, field: "to", today: today)
        guard from <= to else {
            throw BookingError.invalid("to", "before_from", "The end date is before the start date.")
        }
        let expiresOn = try LocalDate.parse(documentExpiresOn, field: "documentExpiresOn")
        let customer = try customer.get()
        // Improving an appointment moves it, so its people are claimed already.
        let people = appointment == nil ? try rules.people(of: customer, product: product.key, persons: persons) : []
        if let appointment {
            let current = try await appointmentStore.appointment(id: appointment, token: appointmentToken, today: today)
            guard current.state == .confirmed, current.product == product.key, current.persons == persons else {
                throw BookingError.invalid(
                    "appointment", "mismatch",
                    "The appointment to improve must be confirmed, for the same product and persons.")
            }
        }
        let joined = try await waitlistStore.joinWaitlist(
            WaitlistRequest(
                product: product.key, persons: persons, desks: codes, from: from, to: to, urgent: urgent,
                expiresOn: expiresOn, customer: customer, appointment: appointment, people: people), now: now())
        try await offerFreedCapacity()
        return (try await waitlistStore.waitlistEntry(id: joined.entry.id, token: joined.token), joined.token)
    }

    /// The entry, if `token` is its own token or the token of its current offer.
    public func waitlistEntry(id: String, token: String?) async throws -> WaitlistEntry {
        try await waitlistStore.waitlistEntry(id: id, token: token)
    }

    /// 1 for the first in line for this product; nil once no longer waiting.
    public func waitlistPosition(of entry: WaitlistEntry) async throws -> Int? {
        guard entry.state == .waiting || entry.state == .offered else { return nil }
        let line = try await waitlistStore.activeWaitlist().filter { $0.product == entry.product }.sorted(
            by: WaitlistEntry.fairOrder)
        return line.firstIndex { $0.id == entry.id }.map { $0 + 1 }
    }

    /// Leaves the waitlist; an open offer goes to the next in line.
    public func leaveWaitlist(id: String, token: String?) async throws {
        try await waitlistStore.leaveWaitlist(id: id, token: token, now: now())
        try await offerFreedCapacity()
    }

    /// Books the offered slot (or moves the appointment being improved to it).
    public func acceptOffer(entry id: String, token: String?) async throws -> AcceptedOffer {
        let accepted = try await waitlistStore.acceptOffer(entry: id, token: token, now: now())
        metrics.bookings.increment()
        try await offerFreedCapacity() // an improved appointment freed its old slot
        return accepted
    }

    /// Declines the offer: the slot goes to the next in line and this entry waits on.
    public func declineOffer(entry id: String, token: String?) async throws -> WaitlistEntry {
        let entry = try await waitlistStore.declineOffer(entry: id, token: token, now: now())
        try await offerFreedCapacity()
        return entry
    }
}

import Foundation
import LoketDomain
import LoketStorage

/// The check that everyone on a booking, draw entry or waitlist entry for a product that
/// requires one was invited (`InvitationCheck`), with the count of a client's misses.
extension UseCaseContext {
    /// Whether any product in the network requires an invitation: when none does, bookings skip
    /// the check and its reads.
    var invitationsRequired: Bool { network.products.contains(where: \.requiresInvitation) }

    /// Refuses, unless everyone `customer` names was invited to `product` (when it requires it).
    func requireInvited(_ customer: Customer, product: String, client: String?) async throws {
        guard network.product(product)?.requiresInvitation == true else { return }
        let check = try await invitationCheck(for: customer, client: client)
        try await enforce(check.refusal(of: InvitationCheck.people(of: customer), product: product), client: client)
    }

    /// What the check needs to know about the people `customer` names, read before a
    /// transaction that learns the product inside (a confirmation: the hold names it). Refuses a
    /// client that has named too many people who were not invited, before it learns anything.
    func invitationCheck(for customer: Customer, client: String?) async throws -> InvitationCheck {
        if let wait = invitationMissesWait(client: client) {
            throw refusal(ClientLimits.Rule.invitationMisses.rawValue, wait: wait)
        }
        return try await invitationFacts(about: InvitationCheck.people(of: customer))
    }

    /// The open invitations of `people` and their wrong dates of birth so far today.
    func invitationFacts(about people: [InvitationCheck.Person]) async throws -> InvitationCheck {
        let vNumbers = people.map(\.vNumber)
        return InvitationCheck(
            invitations: try await invitationStore.open(vNumbers: vNumbers, today: today),
            wrongBirthDatesToday: try await birthDateMisses.misses(vNumbers, today: today), today: today)
    }

    /// How long a client that has named too many people nobody invited must wait, if it has.
    func invitationMissesWait(client: String?) -> TimeInterval? {
        guard let client, limits.isEnabled else { return nil }
        return limiter.wait(.invitationMisses, client: client, limits: limits, now: now())
    }

    /// Counts a refusal (per client, and per V-number for a wrong date of birth) and throws it.
    func enforce(_ refusal: NotInvited?, client: String?) async throws {
        guard let refusal else { return }
        try await counted(refusal, client: client)
        throw refusal.asRefusal
    }

    /// Counts a refusal made inside a transaction, once it has rolled back.
    func counted(_ refusal: NotInvited, client: String?) async throws {
        metrics.notInvited.increment()
        if let client, limits.isEnabled {
            _ = limiter.take(.invitationMisses, client: client, limits: limits, now: now())
        }
        try await birthDateMisses.count(refusal.wrongBirthDates, today: today)
    }

    /// Of `people` (V-numbers), those with an open invitation to `product` today, read in batches.
    func invited(_ people: Set<String>, product: String) async throws -> Set<String> {
        var invited = Set<String>()
        let all = Array(people)
        for start in stride(from: 0, to: all.count, by: 500) {
            let batch = Array(all[start..<min(start + 500, all.count)])
            for invitation in try await invitationStore.open(vNumbers: batch, today: today)
            where invitation.product == product {
                invited.insert(invitation.vNumber)
            }
        }
        return invited
    }
}

import Foundation
import LoketDomain
import LoketStorage

/// Invitations from the case system, and the check that everyone on a booking, draw entry or
/// waitlist entry for a product that requires one was invited (`InvitationCheck`).
extension Loket {
    /// An invitation as a channel received it, unchecked.
    public struct InvitationInput: Sendable {
        public let product: String?
        public let vNumber: String?
        public let dateOfBirth: String?
        public let email: String?
        public let language: String?
        public let validUntil: String?

        public init(
            product: String?, vNumber: String?, dateOfBirth: String?, email: String?, language: String?,
            validUntil: String?
        ) {
            self.product = product
            self.vNumber = vNumber
            self.dateOfBirth = dateOfBirth
            self.email = email
            self.language = language
            self.validUntil = validUntil
        }
    }

    /// `caseSystem` invites people, all or none: each input is checked (problems name
    /// `<prefix>[i].field` when there are several) and each person gets an email.
    public func invite(
        _ inputs: [InvitationInput], caseSystem: String, prefix: String? = nil
    ) async throws -> [Invitation] {
        let network = self.network
        let today = self.today
        var requests: [InvitationRequest] = []
        for (index, input) in inputs.enumerated() {
            requests.append(
                try InvitationRequest.checked(
                    product: input.product, vNumber: input.vNumber, dateOfBirth: input.dateOfBirth,
                    email: input.email, language: input.language, validUntil: input.validUntil, network: network,
                    today: today, prefix: prefix.map { "\($0)[\(index)]." } ?? ""))
        }
        let made = try await invitationStore.add(requests, caseSystem: caseSystem, now: now())
        metrics.invitations.increment(by: Int64(made.count))
        return made
    }

    /// `caseSystem` takes its invitation `id` back: its person can no longer book with it.
    public func withdrawInvitation(id: String, caseSystem: String) async throws {
        guard try await invitationStore.withdraw(id: id, caseSystem: caseSystem, now: now()) else {
            throw BookingError(.notFound, field: "id", code: "unknown_invitation", "There is no open invitation \(id).")
        }
    }

    /// The open invitation `id` if `token` is the one from its email; nil otherwise, whichever was wrong.
    public func invitation(id: String, token: String?) async throws -> Invitation? {
        guard let token, invitationStore.opens(token, invitation: id),
            let invitation = try await invitationStore.invitation(id: id), invitation.isOpen(on: today)
        else { return nil }
        return invitation
    }

    /// The token of invitation `id`'s link, as its email carries it.
    public func invitationLinkToken(id: String) -> String { invitationStore.linkToken(invitation: id) }

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
        if let client, limits.isEnabled,
            let wait = limiter.wait(.invitationMisses, client: client, limits: limits, now: now())
        {
            throw refusal(ClientLimits.Rule.invitationMisses.rawValue, wait: wait)
        }
        return try await invitationStore.check(
            vNumbers: InvitationCheck.people(of: customer).map(\.vNumber), today: today)
    }

    /// Counts a refusal (per client, and per V-number for a wrong date of birth) and throws it.
    func enforce(_ refusal: NotInvited?, client: String?) async throws {
        guard let refusal else { return }
        try await counted(refusal, client: client)
        throw refusal.bookingError
    }

    /// Counts a refusal made inside a transaction, once it has rolled back.
    func counted(_ refusal: NotInvited, client: String?) async throws {
        metrics.notInvited.increment()
        if let client, limits.isEnabled {
            _ = limiter.take(.invitationMisses, client: client, limits: limits, now: now())
        }
        try await invitationStore.countWrongBirthDates(refusal.wrongBirthDates, today: today)
    }
}

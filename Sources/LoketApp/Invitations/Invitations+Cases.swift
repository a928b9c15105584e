import Foundation
import LoketDomain
import LoketStorage

/// Invitations from the case system (the check that everyone on a booking, draw entry or
/// waitlist entry for a product that requires one was invited is `UseCaseContext+Invitations`).
extension Invitations {
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
        try await useCase("invitations.invite") {
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
            let now = now()
            let checked = requests
            let made = try await database.write { tx in
                var made: [Invitation] = []
                for request in checked {
                    let invitation = try await InvitationStore.insert(request, caseSystem: caseSystem, now: now, in: tx)
                    // Due at once, by whichever clock the sending server keeps (`loket invite` may
                    // run beside it), and written whether or not this process sends mail.
                    try await OutboxStore.enqueue(
                        .invitation, appointment: invitation.id, revision: 0, start: nil, now: now,
                        settings: OutboxSettings(reminderLead: nil), sendAfter: Date(timeIntervalSince1970: 0), in: tx)
                    made.append(invitation)
                }
                return made
            }
            metrics.invitations.increment(by: Int64(made.count))
            return made
        }
    }

    /// `staff` at `desk` invites the person at the counter, whose ID they checked, to a product of
    /// this desk that needs an invitation; audited without personal data.
    public func inviteAtDesk(_ input: InvitationInput, desk: String, staff: String) async throws -> Invitation {
        try await useCase("invitations.invite-at-desk") {
            let product = input.product?.trimmingCharacters(in: .whitespaces) ?? ""
            guard network.desk(desk)?.offers(product) == true, network.product(product)?.requiresInvitation == true
            else {
                throw Refusal.invalid(
                    "product", product.isEmpty ? "required" : "not_offered_here",
                    "Choose a product of this desk that needs an invitation.")
            }
            guard let made = try await invite([input], caseSystem: Self.staffInvitations).first else {
                throw Refusal.invalid("product", "required", "Name the product.")
            }
            try await audit(.invitationCreated, by: staff, target: made.id, desk: desk)
            return made
        }
    }

    /// Who made an invitation at a desk, in its `caseSystem` column (the audit log says who exactly).
    static let staffInvitations = "staff"

    /// `caseSystem` takes its invitation `id` back (nil: the operator, any invitation): its
    /// person can no longer book with it, and the waitlist entry they wait in for the product
    /// ends (an open offer goes to the next).
    public func withdrawInvitation(id: String, caseSystem: String?) async throws {
        let invitation = try await invitationStore.invitation(id: id)
        guard try await invitationStore.withdraw(id: id, caseSystem: caseSystem, now: now()), let invitation else {
            throw Refusal(.notFound, field: "id", code: "unknown_invitation", "There is no open invitation \(id).")
        }
        _ = try await waitlist.leave(person: invitation.vNumber, product: invitation.product)
    }

    /// Takes off the waitlist everyone who waits on their own behalf for a product that requires
    /// an invitation and no longer has one open (it lapsed, or they joined before the product
    /// required one); an open offer goes to the next. Returns how many left.
    @discardableResult
    public func endUninvitedWaiting() async throws -> Int {
        let products = network.products.filter(\.requiresInvitation).map(\.key)
        var ended = 0
        for person in try await waitlistStore.waitingUninvited(products: products, today: today)
        where try await waitlist.leave(person: person.vNumber, product: person.product) {
            ended += 1
        }
        return ended
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
}

/// A third party's booking for invited people (the planner API, whose body has no date of birth):
/// held, and made an appointment only by the person, with the link sent to their invitation's
/// own address and their date of birth.
extension Invitations {
    /// Whether a booking of `product` from a channel without dates of birth waits for its person.
    public func awaitsPerson(product: String?) -> Bool {
        product.flatMap { network.product($0) }?.requiresInvitation == true
    }

    /// Holds the slot for `customer`'s people, every one of whom must have an open invitation to
    /// the product (by V-number: the third party knows no dates of birth; a refusal is the
    /// `not_invited` of a booking), and mails the first person's invitation address. `reserved`
    /// is the client's own reservation (hold and secret); without one the slot is held now.
    public func awaitPerson(
        desk: String?, product: String?, slot: String?, reserved: (hold: String, token: String)?,
        customer: Customer, client: String?
    ) async throws -> Hold {
        let persons = customer.companions.count + 1
        let productKey = try await reserved.asyncMap { try await booking.hold(id: $0.hold).product } ?? product ?? ""
        _ = try rules.people(of: customer, product: productKey, persons: persons)
        // Checked before anything is held, so that a refused script holds nothing either.
        let check = try await context.invitationCheck(for: customer, client: client)
        var first: Invitation?
        for person in InvitationCheck.people(of: customer) {
            let invited = check.invitations.first {
                $0.product == productKey && $0.vNumber == person.vNumber && $0.isOpen(on: today)
            }
            guard let invited else {
                try await context.enforce(
                    NotInvited(field: person.field + ".vNumber", wrongBirthDates: []), client: client)
                continue
            }
            if first == nil { first = invited }
        }
        guard let first else { throw Refusal.invalid("customer.vNumber", "required", "Name the person.") }
        // One booking waits for a person at a time; another is refused like anyone uninvited.
        if try await invitationStore.awaitsAlready(invitation: first.id) {
            try await context.enforce(NotInvited(field: "customer.vNumber", wrongBirthDates: []), client: client)
        }
        let made: (hold: String, token: String)
        if let reserved {
            made = reserved
        } else {
            let receipt = try await booking.hold(
                desk: desk, product: productKey, persons: persons, slot: slot, client: client, idempotency: nil)
            made = (receipt.hold.id, receipt.token)
        }
        let now = now()
        try await database.write { tx in
            guard
                let token = try await InvitationStore.awaitPerson(
                    hold: made.hold, holdToken: made.token, invitation: first.id, customer: customer, now: now, in: tx)
            else { throw Refusal.wrongHoldToken }
            // The link goes to the invitation's own address (the outbox keeps the secret until sent).
            try await OutboxStore.enqueue(
                .awaitingPerson, appointment: made.hold, revision: 0, start: nil, now: now,
                settings: OutboxSettings(reminderLead: nil), secret: token, in: tx)
        }
        return try await booking.hold(id: made.hold)
    }

    /// A booking waiting for its person, as the person's link opens it: the hold and who it names.
    /// The appointment's email is the invitation's, the person's own, not the third party's.
    public func awaitingBooking(hold id: String, token: String?) async throws -> (hold: Hold, customer: Customer)? {
        guard let token, !token.isEmpty, let awaiting = try await invitationStore.awaiting(hold: id, token: token),
            let hold = try await booking.activeHold(id: id),
            let invitation = try await invitationStore.invitation(id: awaiting.invitation)
        else { return nil }
        let named = awaiting.customer
        return (
            hold,
            Customer(
                name: named.name, email: invitation.email, phone: named.phone, vNumber: named.vNumber,
                language: invitation.language, companions: named.companions)
        )
    }

    /// The person confirms a booking made for them, with each person's date of birth (customer
    /// first, then companions, in the order the booking named them): checked like any confirmation.
    public func confirmAwaiting(
        hold id: String, token: String?, datesOfBirth: [LocalDate?], client: String?
    ) async throws -> ConfirmedBooking {
        try await useCase("booking.confirm-awaiting") {
            guard let (_, named) = try await awaitingBooking(hold: id, token: token) else {
                throw Refusal(
                    .gone, field: "hold", code: "hold_expired", "This booking has lapsed or was confirmed.")
            }
            let birth = { (index: Int) in index < datesOfBirth.count ? datesOfBirth[index] : nil }
            let customer = Customer(
                name: named.name, email: named.email, phone: named.phone, vNumber: named.vNumber, dateOfBirth: birth(0),
                language: named.language,
                companions: named.companions.enumerated().map { index, companion in
                    Companion(name: companion.name, vNumber: companion.vNumber, dateOfBirth: birth(index + 1))
                })
            let booking = try await booking.confirm(
                hold: id, holdToken: token, customer: customer, client: client, idempotency: nil)
            try await invitationStore.awaited(hold: id)
            return booking
        }
    }
}

import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// The case system invites the people who may book a product that requires an invitation, one
/// or many at once, and takes an invitation back. Each answer gives the invitation's id and last
/// day, never the personal data sent.
struct InvitationRoutes {
    let loket: Loket

    struct InvitationBody: Decodable {
        let product: String?
        let vNumber: String?
        let dateOfBirth: String?
        let email: String?
        let language: String?
        let validUntil: String?

        var input: Invitations.InvitationInput {
            .init(
                product: product, vNumber: vNumber, dateOfBirth: dateOfBirth, email: email, language: language,
                validUntil: validUntil)
        }
    }

    struct BatchBody: Decodable {
        let invitations: [InvitationBody]?
    }

    struct InvitationResponse: Encodable {
        let id: String
        let product: String
        let validUntil: String

        init(_ invitation: Invitation) {
            id = invitation.id
            product = invitation.product
            validUntil = invitation.validUntil.iso
        }
    }

    struct BatchResponse: Encodable {
        let invitations: [InvitationResponse]
    }

    /// Most invitations one batch may carry: a day's letters from a case system, in one transaction.
    static let batchLimit = 1_000

    func add(to router: Router<LoketRequestContext>) {
        router.post("/api/v1/invitations", use: invite)
        router.post("/api/v1/invitations/batch", use: inviteMany)
        router.delete("/api/v1/invitations/{id}", use: withdraw)
    }

    @Sendable func invite(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let caseSystem = try await loket.staff.serviceClient(apiKey: request.bearerToken, kind: .caseSystem)
        let body = try JSONBody.decode(InvitationBody.self, from: try await JSONBody.bytes(request))
        let made = try await loket.invitations.invite([body.input], caseSystem: caseSystem.id)[0]
        return try JSONBody.response(
            InvitationResponse(made), status: .created, headers: [.location: "/api/v1/invitations/\(made.id)"])
    }

    @Sendable func inviteMany(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let caseSystem = try await loket.staff.serviceClient(apiKey: request.bearerToken, kind: .caseSystem)
        let body = try JSONBody.decode(BatchBody.self, from: try await JSONBody.bytes(request, limit: 1024 * 1024))
        guard let invitations = body.invitations, !invitations.isEmpty else {
            throw Refusal.invalid("invitations", "required", "List at least one invitation.")
        }
        guard invitations.count <= Self.batchLimit else {
            throw Refusal.invalid(
                "invitations", "too_many", "Send at most \(Self.batchLimit) invitations in one batch.")
        }
        let made = try await loket.invitations.invite(
            invitations.map(\.input), caseSystem: caseSystem.id, prefix: "invitations")
        return try JSONBody.response(BatchResponse(invitations: made.map(InvitationResponse.init)), status: .created)
    }

    @Sendable func withdraw(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let caseSystem = try await loket.staff.serviceClient(apiKey: request.bearerToken, kind: .caseSystem)
        try await loket.invitations.withdrawInvitation(
            id: try context.parameters.require("id"), caseSystem: caseSystem.id)
        return Response(status: .noContent)
    }
}

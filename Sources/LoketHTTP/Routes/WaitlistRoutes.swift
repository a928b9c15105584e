import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// The waitlist: `POST /api/v1/waitlist`, `GET`/`DELETE /api/v1/waitlist/{id}`,
/// `POST /api/v1/waitlist/{id}/offer/accept` and `…/decline` (Bearer: the waitlist token or the
/// offer's token), and the page the offer email links to, `/waitlist/{id}/offer?token=…`,
/// where the offer is accepted or declined without any program. Partners enter entries with
/// `POST /api/v1/partner/waitlist` (Bearer: their API key): only there do urgency (with a reason)
/// and document expiry move an entry up the line; on the public join they are accepted and ignored.
struct WaitlistRoutes {
    let loket: Loket

    struct JoinRequest: Decodable {
        let desks: [String]?
        let product: String?
        let persons: Int?
        let from: String?
        let to: String?
        /// Accepted so that existing clients keep working; a claim nobody vouched for does not count.
        let urgent: Bool?
        let documentExpiresOn: String?
        let customer: CustomerRequest?
        let appointment: String?
    }

    /// A partner's entry: the same fields, with `urgent` as in partner bookings (a reason, and a
    /// note for `other`).
    struct PartnerJoinRequest: Decodable {
        let desks: [String]?
        let product: String?
        let persons: Int?
        let from: String?
        let to: String?
        let documentExpiresOn: String?
        let customer: CustomerRequest?
        let urgent: PartnerRoutes.BatchRequest.Urgent?
    }

    struct OfferResponse: Encodable {
        let desk: String
        let slot: String
        let date: LocalDate
        let startTime: LocalTime
        let endTime: LocalTime
        let expiresAt: Date
    }

    struct EntryResponse: Encodable {
        let id: String
        let token: String?
        let state: String
        let position: Int?
        let product: String
        let persons: Int
        let desks: [String]
        let from: LocalDate
        let to: LocalDate
        let offer: OfferResponse?

        private enum CodingKeys: String, CodingKey {
            case id, token, state, position, product, persons, desks, from, to, offer
        }

        /// `position` and `offer` are always present, null when there is none; `token` only on joining.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encodeIfPresent(token, forKey: .token)
            try c.encode(state, forKey: .state)
            try c.encode(position, forKey: .position)
            try c.encode(product, forKey: .product)
            try c.encode(persons, forKey: .persons)
            try c.encode(desks, forKey: .desks)
            try c.encode(from, forKey: .from)
            try c.encode(to, forKey: .to)
            try c.encode(offer, forKey: .offer)
        }
    }

    struct AcceptResponse: Encodable {
        let appointment: AppointmentResponse
    }

    func response(_ entry: WaitlistEntry, token: String? = nil) async throws -> EntryResponse {
        EntryResponse(
            id: entry.id, token: token, state: entry.state.rawValue,
            position: try await loket.waitlist.position(of: entry),
            product: entry.product,
            persons: entry.persons, desks: entry.desks, from: entry.from, to: entry.to,
            offer: entry.offer.map {
                OfferResponse(
                    desk: $0.desk, slot: $0.slot, date: $0.date, startTime: $0.startTime,
                    endTime: $0.endTime, expiresAt: $0.expiresAt)
            })
    }

    func add(to router: Router<LoketRequestContext>) {
        router.post("/api/v1/waitlist") { request, context in
            let body = try JSONBody.decode(JoinRequest.self, from: try await JSONBody.bytes(request))
            let joined = try await loket.waitlist.join(
                desks: body.desks, product: body.product, persons: body.persons, from: body.from, to: body.to,
                documentExpiresOn: body.documentExpiresOn,
                customer: body.customer.map { c in Result { () throws(Refusal) in try c.validated() } }
                    ?? .failure(.invalid("customer", "required", "Give your details.")),
                appointment: body.appointment,
                appointmentToken: request.bearerToken, client: context.client)
            return try JSONBody.response(
                try await response(joined.entry, token: joined.token), status: .created,
                headers: [.location: "/api/v1/waitlist/\(joined.entry.id)"])
        }
        router.post("/api/v1/partner/waitlist") { request, _ in
            let partner = try await loket.partners.partner(apiKey: request.bearerToken)
            let body = try JSONBody.decode(PartnerJoinRequest.self, from: try await JSONBody.bytes(request))
            let joined = try await loket.waitlist.join(
                desks: body.desks, product: body.product, persons: body.persons, from: body.from, to: body.to,
                documentExpiresOn: body.documentExpiresOn,
                customer: body.customer.map { c in Result { () throws(Refusal) in try c.validated() } }
                    ?? .failure(.invalid("customer", "required", "Give the person's details.")),
                appointment: nil, appointmentToken: nil,
                channel: .partner(partner, urgent: body.urgent.map { ($0.reason, $0.note) }), client: nil)
            return try JSONBody.response(
                try await response(joined.entry, token: joined.token), status: .created,
                headers: [.location: "/api/v1/waitlist/\(joined.entry.id)"])
        }
        router.get("/api/v1/waitlist/{id}") { request, context in
            let entry = try await loket.waitlist.entry(
                id: try context.parameters.require("id"), token: request.bearerToken)
            return try JSONBody.response(try await response(entry))
        }
        router.delete("/api/v1/waitlist/{id}") { request, context in
            try await loket.waitlist.leave(id: try context.parameters.require("id"), token: request.bearerToken)
            return Response(status: .noContent)
        }
        router.post("/api/v1/waitlist/{id}/offer/accept") { request, context in
            let accepted = try await loket.waitlist.accept(
                entry: try context.parameters.require("id"), token: request.bearerToken, client: context.client)
            return try JSONBody.response(
                AcceptResponse(
                    appointment: AppointmentResponse(accepted.appointment, manageToken: accepted.manageToken)))
        }
        router.post("/api/v1/waitlist/{id}/offer/decline") { request, context in
            let entry = try await loket.waitlist.decline(
                entry: try context.parameters.require("id"), token: request.bearerToken)
            return try JSONBody.response(try await response(entry))
        }
    }
}

import Foundation
import Hummingbird
import LoketDomain
import LoketStorage

/// The waitlist: `POST /api/v1/waitlist`, `GET`/`DELETE /api/v1/waitlist/{id}`,
/// `POST /api/v1/waitlist/{id}/offer/accept` and `…/decline` (Bearer: the waitlist token or the
/// offer's token), and the page the offer email links to, `/waitlist/{id}/offer?token=…`,
/// where the offer is accepted or declined without any program.
struct WaitlistRoutes {
    let service: BookingService

    struct JoinRequest: Decodable {
        let desks: [String]?
        let product: String?
        let persons: Int?
        let from: String?
        let to: String?
        let urgent: Bool?
        let documentExpiresOn: String?
        let customer: CustomerRequest?
        let appointment: String?
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

        private enum CodingKeys: String, CodingKey { case id, token, state, position, product, persons, desks, from, to, offer }

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
        EntryResponse(id: entry.id, token: token, state: entry.state.rawValue, position: try await position(of: entry), product: entry.product,
                      persons: entry.persons, desks: entry.desks, from: entry.from, to: entry.to,
                      offer: entry.offer.map { OfferResponse(desk: $0.desk, slot: $0.slot, date: $0.date, startTime: $0.startTime,
                                                             endTime: $0.endTime, expiresAt: $0.expiresAt) })
    }

    /// 1 for the first in line for this product; nil once no longer waiting.
    func position(of entry: WaitlistEntry) async throws -> Int? {
        guard entry.state == .waiting || entry.state == .offered else { return nil }
        let line = try await service.store.activeWaitlist().filter { $0.product == entry.product }.sorted(by: WaitlistEntry.fairOrder)
        return line.firstIndex { $0.id == entry.id }.map { $0 + 1 }
    }

    func add(to router: Router<BasicRequestContext>) {
        router.post("/api/v1/waitlist") { request, _ in
            let body = try JSONBody.decode(JoinRequest.self, from: try await JSONBody.bytes(request))
            let rules = service.rules
            guard let codes = body.desks, !codes.isEmpty else { throw BookingError.invalid("desks", "required", "Choose at least one desk.") }
            guard let firstDesk = codes.first.flatMap({ service.network.desk($0) }) else {
                throw BookingError(.notFound, field: "desks[0]", code: "unknown_desk", "There is no desk \(codes[0]).")
            }
            let product = try rules.product(body.product, at: firstDesk)
            for (index, code) in codes.enumerated() { _ = try rules.product(product.key, at: try rules.desk(code, field: "desks[\(index)]"), field: "desks[\(index)]") }
            let persons = try rules.persons(body.persons)
            let today = service.today
            guard let fromText = body.from else { throw BookingError.invalid("from", "required", "Give the first day you could come, YYYY-MM-DD.") }
            guard let toText = body.to else { throw BookingError.invalid("to", "required", "Give the last day you could come, YYYY-MM-DD.") }
            let from = try rules.bookableDate(fromText, field: "from", today: today)
            let to = try rules.bookableDate(toText, field: "to", today: today)
            guard from <= to else { throw BookingError.invalid("to", "before_from", "The end date is before the start date.") }
            let expiresOn = try LocalDate.parse(body.documentExpiresOn, field: "documentExpiresOn")
            guard let c = body.customer else { throw BookingError.invalid("customer", "required", "Give your details.") }
            let customer = try c.validated()
            if let appointment = body.appointment {
                let current = try await service.store.appointment(id: appointment, token: request.bearerToken)
                guard current.state == .confirmed, current.product == product.key, current.persons == persons else {
                    throw BookingError.invalid("appointment", "mismatch", "The appointment to improve must be confirmed, for the same product and persons.")
                }
            }
            let joined = try await service.store.joinWaitlist(
                WaitlistRequest(product: product.key, persons: persons, desks: codes, from: from, to: to, urgent: body.urgent ?? false,
                                expiresOn: expiresOn, customer: customer, appointment: body.appointment), now: service.now())
            // Capacity that is free now is offered at once.
            try await service.offerFreedCapacity()
            let entry = try await service.store.waitlistEntry(id: joined.entry.id, token: joined.token)
            return try JSONBody.response(try await response(entry, token: joined.token), status: .created,
                                         headers: [.location: "/api/v1/waitlist/\(entry.id)"])
        }
        router.get("/api/v1/waitlist/{id}") { request, context in
            let entry = try await service.store.waitlistEntry(id: try context.parameters.require("id"), token: request.bearerToken)
            return try JSONBody.response(try await response(entry))
        }
        router.delete("/api/v1/waitlist/{id}") { request, context in
            try await service.store.leaveWaitlist(id: try context.parameters.require("id"), token: request.bearerToken, now: service.now())
            try await service.offerFreedCapacity()
            return Response(status: .noContent)
        }
        router.post("/api/v1/waitlist/{id}/offer/accept") { request, context in
            let accepted = try await service.store.acceptOffer(entry: try context.parameters.require("id"), token: request.bearerToken, now: service.now())
            service.metrics.bookings.increment()
            try await service.offerFreedCapacity() // an improved appointment freed its old slot
            return try JSONBody.response(AcceptResponse(appointment: AppointmentResponse(accepted.appointment, manageToken: accepted.manageToken)))
        }
        router.post("/api/v1/waitlist/{id}/offer/decline") { request, context in
            let entry = try await service.store.declineOffer(entry: try context.parameters.require("id"), token: request.bearerToken, now: service.now())
            try await service.offerFreedCapacity()
            return try JSONBody.response(try await response(entry))
        }
    }
}

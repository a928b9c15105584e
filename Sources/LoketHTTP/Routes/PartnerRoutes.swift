import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// The partner channel: organisations book several people in one request, all or nothing,
/// within a weekly quota per desk, and see their own bookings and quota use — never anyone
/// else's. Authorised by `Authorization: Bearer <partner API key>` (`loket partner add`).
struct PartnerRoutes {
    let loket: Loket

    struct BatchRequest: Decodable {
        struct Item: Decodable {
            let desk: String?
            let product: String?
            let persons: Int?
            let slot: String?
            let customer: CustomerRequest?
            /// Present to book from the urgent reserve: why it cannot wait.
            let urgent: Urgent?
        }

        struct Urgent: Decodable {
            let reason: String?
            let note: String?
        }

        let bookings: [Item]?
    }

    struct BookingsResponse: Encodable {
        let partner: String
        let bookings: [Item]

        struct Item: Encodable {
            let appointment: AppointmentResponse
            let customerName: String
            let customerEmail: String
        }
    }

    struct QuotaResponse: Encodable {
        let partner: String
        let weekStarting: LocalDate
        let quotas: [QuotaUse]
    }

    func add(to router: Router<LoketRequestContext>) {
        router.post("/api/v1/partner/bookings") { request, _ in
            let partner = try await loket.partners.partner(apiKey: request.bearerToken)
            let bytes = try await JSONBody.bytes(request)
            let body = try JSONBody.decode(BatchRequest.self, from: bytes)
            let requests = (body.bookings ?? []).map { item in
                Partners.BookingRequest(
                    desk: item.desk, product: item.product, persons: item.persons, slot: item.slot,
                    customer: item.customer.map { c in Result { () throws(Refusal) in try c.validated() } }
                        ?? .failure(.invalid("customer", "required", "Give the person's details.")),
                    urgent: item.urgent.map { ($0.reason, $0.note) })
            }
            let booked = try await loket.partners.book(
                partner, requests,
                idempotency: request.idempotencyKey(
                    scope: "POST /api/v1/partner/bookings \(partner.id)", body: bytes, client: nil))
            return try JSONBody.response(
                ["bookings": booked.map { AppointmentResponse($0.appointment, manageToken: $0.manageToken) }],
                status: .created)
        }
        router.get("/api/v1/partner/bookings") { request, _ in
            let partner = try await loket.partners.partner(apiKey: request.bearerToken)
            let bookings = try await loket.partners.bookings(
                partner, from: try request.dateQuery("from"), to: try request.dateQuery("to"))
            return try JSONBody.response(
                BookingsResponse(
                    partner: partner.name,
                    bookings: bookings.map {
                        .init(
                            appointment: AppointmentResponse($0.appointment), customerName: $0.customerName,
                            customerEmail: $0.customerEmail)
                    }))
        }
        router.get("/api/v1/partner/quotas") { request, _ in
            let partner = try await loket.partners.partner(apiKey: request.bearerToken)
            let date = try request.dateQuery("week") ?? loket.today
            return try JSONBody.response(
                QuotaResponse(
                    partner: partner.name, weekStarting: date.weekStart,
                    quotas: try await loket.partners.quotas(partner, week: date)))
        }
    }
}

import Foundation
import Hummingbird
import LoketDomain
import LoketStorage

/// The partner channel: organisations book several people in one request, all or nothing,
/// within a weekly quota per desk, and see their own bookings and quota use — never anyone
/// else's. Authorised by `Authorization: Bearer <partner API key>` (`loket partner add`).
struct PartnerRoutes {
    let service: BookingService

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

    func add(to router: Router<BasicRequestContext>) {
        router.post("/api/v1/partner/bookings") { request, _ in
            let partner = try await service.store.partner(apiKey: request.bearerToken)
            let bytes = try await JSONBody.bytes(request)
            let body = try JSONBody.decode(BatchRequest.self, from: bytes)
            guard let items = body.bookings, !items.isEmpty else { throw BookingError.invalid("bookings", "required", "List at least one booking.") }
            guard items.count <= 50 else { throw BookingError.invalid("bookings", "too_many", "At most 50 bookings per request.") }
            let now = service.now()
            var plans: [PartnerBookingPlan] = []
            for (index, item) in items.enumerated() {
                let field = "bookings[\(index)]"
                do {
                    let urgent = try item.urgent.map { (given) throws(BookingError) in try UrgentReserve.Reason.checked(reason: given.reason, note: given.note) }
                    let plan = try service.rules.planHold(desk: item.desk, product: item.product, persons: item.persons, slot: item.slot,
                                                          now: now, urgent: urgent != nil)
                    guard let c = item.customer else { throw BookingError.invalid("customer", "required", "Give the person's details.") }
                    let customer = try c.validated()
                    plans.append(PartnerBookingPlan(plan: plan, customer: customer, field: field, urgent: urgent))
                } catch let error as BookingError {
                    throw BookingError(error.kind, field: "\(field).\(error.field)", code: error.code, error.message)
                }
            }
            let booked = try await service.store.bookForPartner(
                partner, plans, now: now,
                idempotency: request.idempotencyKey(scope: "POST /api/v1/partner/bookings \(partner.id)", body: bytes))
            service.metrics.bookings.increment(by: Int64(booked.count))
            return try JSONBody.response(["bookings": booked.map { AppointmentResponse($0.appointment, manageToken: $0.manageToken) }],
                                         status: .created)
        }
        router.get("/api/v1/partner/bookings") { request, _ in
            let partner = try await service.store.partner(apiKey: request.bearerToken)
            let today = service.today
            let from = try request.dateQuery("from") ?? today
            let to = try request.dateQuery("to") ?? service.rules.horizon(from: today)
            guard from <= to else { throw BookingError.invalid("to", "before_from", "The end date is before the start date.") }
            let bookings = try await service.store.partnerBookings(partner, dates: from...to)
            return try JSONBody.response(BookingsResponse(partner: partner.name, bookings: bookings.map {
                .init(appointment: AppointmentResponse($0.appointment), customerName: $0.customerName, customerEmail: $0.customerEmail)
            }))
        }
        router.get("/api/v1/partner/quotas") { request, _ in
            let partner = try await service.store.partner(apiKey: request.bearerToken)
            let date = try request.dateQuery("week") ?? service.today
            return try JSONBody.response(QuotaResponse(partner: partner.name, weekStarting: date.weekStart,
                                                       quotas: try await service.store.partnerQuotas(partner, week: date)))
        }
    }
}

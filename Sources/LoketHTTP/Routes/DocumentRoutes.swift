import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// Documents: a case system announces each with `POST /api/v1/documents` (Bearer: a case-system
/// key); the holder, with the `customerToken` or the link from the ready email, looks at it
/// (`GET /api/v1/documents/{id}`), books the pickup at the desk where it lies
/// (`POST …/pickup`) or schedules courier delivery (`POST …/delivery`).
struct DocumentRoutes {
    let loket: Loket

    struct RegisterRequest: Decodable {
        let kind: String?
        let vNumber: String?
        let holder: Holder?
        let desk: String?
        let readyOn: String?

        struct Holder: Decodable {
            let name: String?
            let email: String?
            let language: String?
            let dateOfBirth: String?
        }
    }

    struct PickupRequest: Decodable {
        let desk: String?
        let slot: String?
    }

    struct DeliveryRequest: Decodable {
        let address: Address?
        let date: String?
        /// The holder's, `YYYY-MM-DD`: a link alone does not redirect a card.
        let dateOfBirth: String?

        struct Address: Decodable {
            let street: String?
            let houseNumber: String?
            let postcode: String?
            let city: String?
        }
    }

    struct DeliveryResponse: Encodable {
        let id: String
        let date: LocalDate
        let window: Window
        let address: DutchAddress
        let status: String
        let reason: String?

        struct Window: Encodable {
            let from: LocalTime
            let to: LocalTime
        }

        init(_ delivery: Delivery) {
            id = delivery.id
            date = delivery.date
            window = Window(from: delivery.window.from, to: delivery.window.to)
            address = delivery.address
            status = delivery.status.rawValue
            reason = delivery.reason
        }
    }

    struct DocumentResponse: Encodable {
        let id: String
        let kind: String
        let status: String
        let desk: String
        let readyOn: LocalDate
        /// Only in the answer to the case system's announcement: the holder's key.
        let customerToken: String?
        let deliveryOffered: Bool
        let deliveryDays: [LocalDate]
        let pickup: AppointmentResponse?
        let delivery: DeliveryResponse?

        private enum CodingKeys: String, CodingKey {
            case id, kind, status, desk, readyOn, customerToken, deliveryOffered, deliveryDays, pickup, delivery
        }

        /// `pickup` and `delivery` are always present, null when there is none.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(kind, forKey: .kind)
            try c.encode(status, forKey: .status)
            try c.encode(desk, forKey: .desk)
            try c.encode(readyOn, forKey: .readyOn)
            try c.encodeIfPresent(customerToken, forKey: .customerToken)
            try c.encode(deliveryOffered, forKey: .deliveryOffered)
            try c.encode(deliveryDays, forKey: .deliveryDays)
            try c.encode(pickup, forKey: .pickup)
            try c.encode(delivery, forKey: .delivery)
        }

        init(_ view: Documents.DocumentView, customerToken: String? = nil) {
            let document = view.document
            id = document.id
            kind = document.kind
            status = document.status.rawValue
            desk = document.desk
            readyOn = document.readyOn
            self.customerToken = customerToken
            deliveryOffered = view.deliveryOffered
            deliveryDays = view.deliveryDays
            pickup = view.pickup.map { AppointmentResponse($0) }
            delivery = document.delivery.map(DeliveryResponse.init)
        }
    }

    func add(to router: Router<LoketRequestContext>) {
        router.post("/api/v1/documents") { request, _ in
            let caseSystem = try await loket.staff.serviceClient(apiKey: request.bearerToken, kind: .caseSystem)
            let body = try JSONBody.decode(RegisterRequest.self, from: try await JSONBody.bytes(request))
            let registered = try await loket.documents.registerDocument(
                kind: body.kind, vNumber: body.vNumber,
                holder: body.holder.map {
                    Documents.HolderInput(
                        name: $0.name, email: $0.email, language: $0.language, dateOfBirth: $0.dateOfBirth)
                }, desk: body.desk, readyOn: body.readyOn, caseSystem: caseSystem.id)
            let view = try await loket.documents.document(id: registered.document.id, token: registered.customerToken)
            return try JSONBody.response(
                DocumentResponse(view, customerToken: registered.customerToken), status: .created,
                headers: [.location: "/api/v1/documents/\(registered.document.id)"])
        }
        router.get("/api/v1/documents/{id}") { request, context in
            let view = try await loket.documents.document(
                id: try context.parameters.require("id"), token: request.bearerToken)
            return try JSONBody.response(DocumentResponse(view))
        }
        router.post("/api/v1/documents/{id}/pickup") { request, context in
            let id = try context.parameters.require("id")
            let body = try JSONBody.decode(PickupRequest.self, from: try await JSONBody.bytes(request))
            let booking = try await loket.documents.bookDocumentPickup(
                id: id, token: request.bearerToken, desk: body.desk, slot: body.slot, client: context.client)
            return try JSONBody.response(
                AppointmentResponse(booking.appointment, manageToken: booking.manageToken), status: .created,
                headers: [.location: "/api/v1/appointments/\(booking.appointment.id)"])
        }
        router.post("/api/v1/documents/{id}/delivery") { request, context in
            let id = try context.parameters.require("id")
            let body = try JSONBody.decode(DeliveryRequest.self, from: try await JSONBody.bytes(request))
            let delivery = try await loket.documents.scheduleDocumentDelivery(
                id: id, token: request.bearerToken, street: body.address?.street,
                houseNumber: body.address?.houseNumber, postcode: body.address?.postcode, city: body.address?.city,
                date: body.date, dateOfBirth: body.dateOfBirth)
            return try JSONBody.response(DeliveryResponse(delivery), status: .created)
        }
    }
}

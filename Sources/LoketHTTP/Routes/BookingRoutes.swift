import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// Holds and appointments: `POST /api/v1/holds`, `POST /api/v1/appointments`,
/// `GET`/`DELETE /api/v1/appointments/{id}` and `POST /api/v1/appointments/{id}/reschedule`.
/// POSTs honour `Idempotency-Key`; a hold confirms only with the `holdToken` its maker got;
/// appointments open with `Authorization: Bearer <manageToken>`.
struct BookingRoutes {
    let loket: Loket

    func add(to router: Router<LoketRequestContext>) {
        router.post("/api/v1/holds") { request, context in
            let bytes = try await JSONBody.bytes(request)
            let body = try JSONBody.decode(HoldRequest.self, from: bytes)
            let receipt = try await loket.booking.hold(
                desk: body.desk, product: body.product, persons: body.persons, slot: body.slot,
                assistance: body.assistance ?? false, client: context.client,
                idempotency: request.idempotencyKey(scope: "POST /api/v1/holds", body: bytes, client: context.client))
            return try JSONBody.response(
                HoldResponse(receipt), status: .created,
                headers: [.location: "/api/v1/holds/\(receipt.hold.id)"])
        }
        router.get("/api/v1/holds/{id}") { _, context in
            try JSONBody.response(HoldResponse(try await loket.booking.hold(id: context.parameters.require("id"))))
        }
        router.post("/api/v1/appointments") { request, context in
            let bytes = try await JSONBody.bytes(request)
            let body = try JSONBody.decode(AppointmentRequest.self, from: bytes)
            guard let hold = body.hold, !hold.isEmpty else {
                throw Refusal.invalid("hold", "required", "Name the hold to confirm.")
            }
            guard let c = body.customer else {
                throw Refusal.invalid("customer", "required", "Give the customer's details.")
            }
            let customer = try c.validated()
            let booking = try await loket.booking.confirm(
                hold: hold, holdToken: body.holdToken, customer: customer, client: context.client,
                idempotency: request.idempotencyKey(
                    scope: "POST /api/v1/appointments", body: bytes, client: context.client))
            return try JSONBody.response(
                AppointmentResponse(booking.appointment, manageToken: booking.manageToken), status: .created,
                headers: [.location: "/api/v1/appointments/\(booking.appointment.id)"])
        }
        router.get("/api/v1/appointments/{id}") { request, context in
            let appointment = try await loket.booking.appointment(
                id: context.parameters.require("id"), token: request.bearerToken)
            return try JSONBody.response(AppointmentResponse(appointment))
        }
        router.delete("/api/v1/appointments/{id}") { request, context in
            let appointment = try await loket.booking.cancel(
                id: context.parameters.require("id"), token: request.bearerToken)
            return try JSONBody.response(AppointmentResponse(appointment))
        }
        router.post("/api/v1/appointments/{id}/reschedule") { request, context in
            let id = try context.parameters.require("id")
            let bytes = try await JSONBody.bytes(request)
            let body = try JSONBody.decode(RescheduleRequest.self, from: bytes)
            let appointment = try await loket.booking.reschedule(
                id: id, token: request.bearerToken, hold: body.hold, holdToken: body.holdToken,
                idempotency: request.idempotencyKey(
                    scope: "POST /api/v1/appointments/\(id)/reschedule", body: bytes, client: context.client))
            return try JSONBody.response(AppointmentResponse(appointment))
        }
    }
}

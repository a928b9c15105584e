import Hummingbird
import LoketDomain

/// Holds and appointments: `POST /api/v1/holds`, `POST /api/v1/appointments`,
/// `GET`/`DELETE /api/v1/appointments/{id}` and `POST /api/v1/appointments/{id}/reschedule`.
/// POSTs honour `Idempotency-Key`; appointments open with `Authorization: Bearer <manageToken>`.
struct BookingRoutes {
    let service: BookingService

    func add(to router: Router<BasicRequestContext>) {
        router.post("/api/v1/holds") { request, _ in
            let bytes = try await JSONBody.bytes(request)
            let body = try JSONBody.decode(HoldRequest.self, from: bytes)
            let hold = try await service.hold(desk: body.desk, product: body.product, persons: body.persons, slot: body.slot,
                                              assistance: body.assistance ?? false,
                                              idempotency: request.idempotencyKey(scope: "POST /api/v1/holds", body: bytes))
            return try JSONBody.response(HoldResponse(hold), status: .created,
                                         headers: [.location: "/api/v1/holds/\(hold.id)"])
        }
        router.get("/api/v1/holds/{id}") { _, context in
            let id = try context.parameters.require("id")
            guard let hold = try await service.store.hold(id: id) else {
                throw BookingError(.notFound, field: "id", code: "unknown_hold", "There is no hold \(id).")
            }
            return try JSONBody.response(HoldResponse(hold))
        }
        router.post("/api/v1/appointments") { request, _ in
            let bytes = try await JSONBody.bytes(request)
            let body = try JSONBody.decode(AppointmentRequest.self, from: bytes)
            guard let hold = body.hold, !hold.isEmpty else { throw BookingError.invalid("hold", "required", "Name the hold to confirm.") }
            guard let c = body.customer else { throw BookingError.invalid("customer", "required", "Give the customer's details.") }
            let customer = try c.validated()
            let booking = try await service.confirm(hold: hold, customer: customer,
                                                    idempotency: request.idempotencyKey(scope: "POST /api/v1/appointments", body: bytes))
            return try JSONBody.response(AppointmentResponse(booking.appointment, manageToken: booking.manageToken), status: .created,
                                         headers: [.location: "/api/v1/appointments/\(booking.appointment.id)"])
        }
        router.get("/api/v1/appointments/{id}") { request, context in
            let appointment = try await service.store.appointment(id: context.parameters.require("id"), token: request.bearerToken)
            return try JSONBody.response(AppointmentResponse(appointment))
        }
        router.delete("/api/v1/appointments/{id}") { request, context in
            let appointment = try await service.cancel(id: context.parameters.require("id"), token: request.bearerToken)
            return try JSONBody.response(AppointmentResponse(appointment))
        }
        router.post("/api/v1/appointments/{id}/reschedule") { request, context in
            let id = try context.parameters.require("id")
            let bytes = try await JSONBody.bytes(request)
            let body = try JSONBody.decode(RescheduleRequest.self, from: bytes)
            let appointment = try await service.reschedule(
                id: id, token: request.bearerToken, hold: body.hold,
                idempotency: request.idempotencyKey(scope: "POST /api/v1/appointments/\(id)/reschedule", body: bytes))
            return try JSONBody.response(AppointmentResponse(appointment))
        }
    }
}

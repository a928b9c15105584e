import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// The online planner's public endpoints, so that the many existing scripts that poll them work
/// against Loket with only the base URL changed:
/// `GET /oap/api/desks/{desk}/slots/?productKey=BIO&persons=1`,
/// `POST /oap/api/desks/{desk}/slots/{key}` (a reserve, which is a hold in Loket) and
/// `POST /oap/api/desks/{desk}/appointments/` (a booking, of the reserved slot or afresh), under
/// the same rules as every other channel.
struct PlannerRoutes {
    let loket: Loket
    let slotCache: SlotCache
    let ready: ReadyAnswers

    /// What clients send to reserve: the slot as they saw it (`parts` gives the party size), or
    /// the product and persons; either may also come in the query.
    struct ReserveBody: Decodable {
        let productKey: String?
        let persons: Int?
        let key: String?
        let date: String?
        let startTime: String?
        let endTime: String?
        let parts: Int?
    }

    static let contentType = "application/json;charset=UTF-8"

    func add(to router: Router<LoketRequestContext>) {
        // Clients use both `…/slots/` and `…/slots`; Hummingbird's router matches either.
        router.get("/oap/api/desks/{desk}/slots") { request, context in
            try await Self.planner { try await slotList(request, context) }
        }
        router.post("/oap/api/desks/{desk}/slots/{key}") { request, context in
            try await Self.planner { try await reserve(request, context) }
        }
        router.post("/oap/api/desks/{desk}/appointments") { request, context in
            try await Self.planner { try await book(request, context) }
        }
    }

    private func slotList(_ request: Request, _ context: LoketRequestContext) async throws -> Response {
        try loket.admit(.slotReads, client: context.client)
        let rules = loket.rules
        let desk = try rules.desk(context.parameters.get("desk"))
        let product = try rules.product(request.query("productKey"), at: desk, field: "productKey")
        let persons = try rules.persons(request.integerQuery("persons"))
        let now = loket.now()
        let key = SlotListKey(
            format: "planner", desk: desk.code, product: product.key, persons: persons, from: nil, to: nil)
        let generation = loket.capacityGeneration(desk: desk.code)
        let made = try await slotCache.made(key, generation: generation, now: now) {
            let today = DeskTime(now, timeZone: rules.timeZone).date
            let slots = try await loket.availability.freeSlots(
                desk: desk, product: product, persons: persons, dates: today...rules.horizon(from: today))
            return ReadyBody(PlannerFormat.slotList(slots), contentType: Self.contentType)
        }
        return ready.send(
            slotList: made, of: slotCache, to: request, context: context,
            canonical: request.canonicalTarget(["productKey": product.key, "persons": String(persons)]),
            desk: desk.code,
            generation: generation, loket: loket)
    }

    private func reserve(_ request: Request, _ context: LoketRequestContext) async throws -> Response {
        let bytes = try await JSONBody.bytes(request)
        let body = bytes.isEmpty ? nil : try JSONBody.decode(ReserveBody.self, from: bytes)
        let rules = loket.rules
        let desk = try rules.desk(context.parameters.get("desk"))
        let key = context.parameters.get("key")
        // The planner's clients name no product: the slot key's pool tells it where it serves one.
        let product = try rules.product(
            request.query("productKey") ?? body?.productKey ?? rules.product(ofSlot: key, at: desk)?.key, at: desk,
            field: "productKey")
        let persons =
            try request.integerQuery("persons") ?? body?.persons
            ?? body?.parts.map { (parts) throws(Refusal) in try rules.persons(parts: parts, product: product) }
        let now = loket.now()
        let receipt = try await loket.booking.hold(
            desk: desk.code, product: product.key, persons: persons, slot: key, client: context.client,
            idempotency: request.idempotencyKey(
                scope: "POST /oap/api/desks/slots", body: Array("\(request.uri)".utf8) + bytes, client: context.client))
        let parts = product.parts(persons: receipt.hold.persons, slotMinutes: loket.network.slotMinutes)
        var response = Self.answer(PlannerFormat.reservation(receipt, parts: parts))
        response.setCookie(PlannerReservation.cookie(for: receipt, desk: receipt.hold.desk, now: now))
        return response
    }

    /// Books the slot this client reserved (see `PlannerReservation`), or, without a reservation,
    /// the slot afresh in one step; either way every person is checked (one live booking each).
    private func book(_ request: Request, _ context: LoketRequestContext) async throws -> Response {
        let bytes = try await JSONBody.bytes(request)
        let body = try JSONBody.decode(PlannerBookingRequest.self, from: bytes)
        let rules = loket.rules
        let desk = try rules.desk(context.parameters.get("desk"))
        guard let key = body.bookableSlot?.key, !key.isEmpty else {
            throw Refusal.invalid("bookableSlot.key", "required", "Send the slot you book as bookableSlot.")
        }
        let customer = try body.customer()
        let productKey = body.appointment?.productKey
        let idempotency = request.idempotencyKey(
            scope: "POST /oap/api/desks/appointments", body: bytes, client: context.client)
        let booking: ConfirmedBooking
        do {
            if let reserved = PlannerReservation.find(in: request, key: key, echoed: body.bookableSlot) {
                let hold = try await loket.booking.hold(id: reserved.hold)
                guard hold.desk == desk.code, hold.slot == key else {
                    throw Refusal.invalid(
                        "bookableSlot.key", "not_reserved", "This reservation is for another slot.")
                }
                if let productKey, productKey != hold.product {
                    throw Refusal.invalid(
                        "appointment.productKey", "mismatch", "The slot was reserved for \(hold.product).")
                }
                guard customer.companions.count + 1 == hold.persons else {
                    throw Refusal.invalid(
                        "appointment.customers", "count", "The slot was reserved for \(hold.persons) person(s).")
                }
                if loket.invitations.awaitsPerson(product: hold.product) {
                    return try await awaitPerson(
                        desk: desk.code, product: hold.product, slot: key,
                        reserved: (reserved.hold, reserved.token), customer: customer, context: context)
                }
                booking = try await loket.booking.confirm(
                    hold: hold.id, holdToken: reserved.token, customer: customer, client: context.client,
                    idempotency: idempotency)
            } else {
                let product = productKey ?? rules.product(ofSlot: key, at: desk)?.key
                if loket.invitations.awaitsPerson(product: product) {
                    return try await awaitPerson(
                        desk: desk.code, product: product, slot: key, reserved: nil, customer: customer,
                        context: context)
                }
                booking = try await loket.booking.book(
                    desk: desk.code, product: product, persons: customer.companions.count + 1, slot: key,
                    customer: customer, client: context.client, idempotency: idempotency)
            }
        } catch let error as Refusal {
            throw PlannerBookingRequest.plannerField(error)
        }
        let parts =
            loket.network.product(booking.appointment.product)?.parts(
                persons: booking.appointment.persons, slotMinutes: loket.network.slotMinutes) ?? 1
        var response = Self.answer(PlannerFormat.booking(booking, parts: parts))
        response.setCookie(PlannerReservation.clearing(key: key, desk: desk.code))
        return response
    }

    /// A product that requires an invitation: the planner's body has no date of birth, so the
    /// slot is held and the person confirms it (`Invitations.awaitPerson`); the answer says so.
    private func awaitPerson(
        desk: String, product: String?, slot: String, reserved: (hold: String, token: String)?, customer: Customer,
        context: LoketRequestContext
    ) async throws -> Response {
        let hold = try await loket.invitations.awaitPerson(
            desk: desk, product: product, slot: slot, reserved: reserved, customer: customer, client: context.client)
        let parts =
            loket.network.product(hold.product)?.parts(persons: hold.persons, slotMinutes: loket.network.slotMinutes)
            ?? 1
        var response = Self.answer(PlannerFormat.awaitingPerson(hold, parts: parts))
        response.setCookie(PlannerReservation.clearing(key: slot, desk: desk))
        return response
    }

    private static func answer(_ body: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: body))
    }

    /// Errors in the planner's own envelope, with the status code the JSON API would use.
    private static func planner(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as Refusal {
            var response = answer(
                PlannerFormat.error(error), status: ErrorMiddleware<LoketRequestContext>.status(for: error.kind))
            // A client told when to come back need not guess (and a polite script does not hammer).
            if let seconds = error.retryAfter { response.headers[.retryAfter] = String(seconds) }
            return response
        }
    }
}

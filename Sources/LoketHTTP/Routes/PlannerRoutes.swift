import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// The online planner's public endpoints, so that the many existing scripts that poll them work
/// against Loket with only the base URL changed:
/// `GET /oap/api/desks/{desk}/slots/?productKey=BIO&persons=1` and
/// `POST /oap/api/desks/{desk}/slots/{key}` (a reserve, which is a hold in Loket).
struct PlannerRoutes {
    let loket: Loket
    let slotCache: SlotCache

    struct ReserveBody: Decodable {
        let productKey: String?
        let persons: Int?
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
    }

    private func slotList(_ request: Request, _ context: LoketRequestContext) async throws -> Response {
        try loket.admit(.slotReads, client: context.client)
        let rules = loket.rules
        let desk = try rules.desk(context.parameters.get("desk"))
        let product = try rules.product(request.query("productKey"), at: desk, field: "productKey")
        let persons = try rules.persons(request.integerQuery("persons"))
        let now = loket.now()
        let key = SlotCache.Key(
            format: "planner", desk: desk.code, product: product.key, persons: persons, from: nil, to: nil)
        let generation = loket.capacityGeneration(desk: desk.code)
        if let cached = slotCache.lookup(key, generation: generation, now: now) {
            return Self.answer(cached)
        }
        let today = DeskTime(now, timeZone: rules.timeZone).date
        let slots = try await loket.freeSlots(
            desk: desk, product: product, persons: persons, dates: today...rules.horizon(from: today))
        let body = PlannerFormat.slotList(slots)
        slotCache.store(key, generation: generation, now: now, body: body)
        return Self.answer(body)
    }

    private func reserve(_ request: Request, _ context: LoketRequestContext) async throws -> Response {
        let bytes = try await JSONBody.bytes(request)
        let body =
            bytes.isEmpty
            ? ReserveBody(productKey: nil, persons: nil) : try JSONBody.decode(ReserveBody.self, from: bytes)
        let persons = try request.integerQuery("persons") ?? body.persons
        let hold = try await loket.hold(
            desk: context.parameters.get("desk"), product: request.query("productKey") ?? body.productKey,
            persons: persons,
            slot: context.parameters.get("key"),
            client: context.client,
            idempotency: request.idempotencyKey(
                scope: "POST /oap/api/desks/slots", body: Array("\(request.uri)".utf8) + bytes)
        ).hold
        let parts =
            loket.network.product(hold.product)?.parts(persons: hold.persons, slotMinutes: loket.network.slotMinutes)
            ?? 1
        return Self.answer(PlannerFormat.reservation(hold, parts: parts))
    }

    private static func answer(_ body: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: body))
    }

    /// Errors in the planner's own envelope, with the status code the JSON API would use.
    private static func planner(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as BookingError {
            return answer(
                PlannerFormat.error(error), status: ErrorMiddleware<LoketRequestContext>.status(for: error.kind))
        }
    }
}

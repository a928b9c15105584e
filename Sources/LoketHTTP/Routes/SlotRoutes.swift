import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// `GET /api/v1/desks/{desk}/slots`: free slots for a product and party size, served from memory
/// while capacity at the desk is unchanged.
struct SlotRoutes {
    let loket: Loket
    let slotCache: SlotCache

    func add(to router: Router<LoketRequestContext>) {
        router.get("/api/v1/desks/{desk}/slots") { request, context in
            try loket.admit(.slotReads, client: context.client)
            let rules = loket.rules
            let desk = try rules.desk(context.parameters.get("desk"))
            let product = try rules.product(request.query("product"), at: desk)
            let persons = try rules.persons(request.integerQuery("persons"))
            let now = loket.now()
            let dates = try rules.slotRange(from: request.query("from"), to: request.query("to"), now: now)
            let key = SlotCache.Key(
                format: "json", desk: desk.code, product: product.key, persons: persons,
                from: dates.lowerBound, to: dates.upperBound)
            let generation = loket.capacityGeneration(desk: desk.code)
            if let cached = slotCache.lookup(key, generation: generation, now: now) {
                return Response(
                    status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                    body: .init(byteBuffer: cached))
            }
            let slots = try await loket.freeSlots(desk: desk, product: product, persons: persons, dates: dates)
            let body = SlotListResponse(
                desk: desk.code, product: product.key, persons: persons, from: dates.lowerBound,
                to: dates.upperBound, slots: slots.map(SlotResponse.init))
            var buffer = ByteBuffer()
            buffer.writeBytes(try JSONBody.encoder.encode(body))
            slotCache.store(key, generation: generation, now: now, body: buffer)
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: buffer)
            )
        }
    }
}

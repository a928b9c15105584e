import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// `GET /api/v1/desks/{desk}/slots`: free slots for a product and party size, served from memory
/// while capacity at the desk is unchanged, gzip-compressed when the client accepts it, with an
/// `ETag` so that an unchanged list costs a poller a `304`.
struct SlotRoutes {
    let loket: Loket
    let slotCache: SlotCache
    let ready: ReadyAnswers

    func add(to router: Router<LoketRequestContext>) {
        router.get("/api/v1/desks/{desk}/slots") { request, context in
            try loket.admit(.slotReads, client: context.client)
            let rules = loket.rules
            let desk = try rules.desk(context.parameters.get("desk"))
            let product = try rules.product(request.query("product"), at: desk)
            let persons = try rules.persons(request.integerQuery("persons"))
            let now = loket.now()
            let dates = try rules.slotRange(from: request.query("from"), to: request.query("to"), now: now)
            let key = SlotListKey(
                format: "json", desk: desk.code, product: product.key, persons: persons,
                from: dates.lowerBound, to: dates.upperBound)
            let generation = loket.capacityGeneration(desk: desk.code)
            let made = try await slotCache.made(key, generation: generation, now: now) {
                let slots = try await loket.availability.freeSlots(
                    desk: desk, product: product, persons: persons, dates: dates)
                let list = SlotListResponse(
                    desk: desk.code, product: product.key, persons: persons, from: dates.lowerBound,
                    to: dates.upperBound, slots: slots.map(SlotResponse.init))
                return try JSONBody.ready(list)
            }
            // Pollers revalidate every time, and an unchanged list costs them a 304.
            return ready.send(
                slotList: made, of: slotCache, to: request, context: context,
                canonical: request.canonicalTarget([
                    "product": product.key, "persons": String(persons), "from": dates.lowerBound.iso,
                    "to": dates.upperBound.iso,
                ]), desk: desk.code,
                generation: generation, loket: loket)
        }
    }
}

import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// Which slot list an answer is: the JSON API's or the planner's format, for which desk,
/// product, party size and dates. One cache holds both formats, under one generation counter.
struct SlotListKey: Hashable, Sendable {
    let format: String
    let desk: String
    let product: String
    let persons: Int
    let from: LocalDate?
    let to: LocalDate?
}

/// Slot lists ready to send, for a second at most: the slot list is what thousands of clients
/// poll, so it is served without touching the database while nothing changed. At most 128 MB:
/// a client chooses the date range, and Den Haag's whole list is about 1 MB.
typealias SlotCache = ResponseCache<SlotListKey, ReadyBody>

extension SlotCache {
    static func slotLists() -> SlotCache {
        SlotCache(ttl: 1, maxWeight: 128 << 20, weight: \.byteCount, servesStale: ServiceUnavailable.caused)
    }
}

extension ReadyAnswers {
    /// Sends a slot list and publishes it while capacity at `desk` is still at the `generation`
    /// it was made for and the list is young, to clients within their slot-read limit. Pollers
    /// revalidate every time (`no-cache`), and an unchanged list costs them a `304`.
    func send(
        slotList made: SlotCache.Made, of cache: SlotCache, to request: Request, context: LoketRequestContext,
        canonical: String, desk: String, generation: UInt64, loket: Loket
    ) -> Response {
        send(
            made, of: cache, to: request, context: context, canonical: canonical, cacheControl: "no-cache",
            metrics: loket.metrics,
            now: loket.now, admit: { loket.admits(.slotReads, client: $0) },
            while: { loket.capacityGeneration(desk: desk) == generation })
    }
}

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
    static func slotLists() -> SlotCache { SlotCache(ttl: 1, maxWeight: 128 << 20, weight: \.byteCount) }
}

import Foundation
import LoketDomain
import NIOCore
import Synchronization

/// Slot-list answers kept in memory, ready to send: the slot list is what thousands of clients
/// poll, so it is served without touching the database while nothing changed.
///
/// An entry is valid while its desk's capacity generation is unchanged and for at most `ttl`,
/// so that slots that have started drop out even when nobody books.
final class SlotCache: Sendable {
    struct Key: Hashable, Sendable {
        let format: String
        let desk: String
        let product: String
        let persons: Int
        let from: LocalDate?
        let to: LocalDate?
    }

    private struct Entry {
        let generation: UInt64
        let computedAt: Date
        let body: ByteBuffer
    }

    private let entries = Mutex<[Key: Entry]>([:])
    let ttl: TimeInterval
    /// A bound on memory: arbitrary date ranges must not grow the cache without end.
    let maxEntries: Int

    init(ttl: TimeInterval = 1, maxEntries: Int = 20_000) {
        self.ttl = ttl
        self.maxEntries = maxEntries
    }

    func lookup(_ key: Key, generation: UInt64, now: Date) -> ByteBuffer? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.generation == generation,
                now.timeIntervalSince(entry.computedAt) < ttl, now >= entry.computedAt
            else { return nil }
            return entry.body
        }
    }

    func store(_ key: Key, generation: UInt64, now: Date, body: ByteBuffer) {
        entries.withLock { entries in
            if entries.count >= maxEntries { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(generation: generation, computedAt: now, body: body)
        }
    }
}

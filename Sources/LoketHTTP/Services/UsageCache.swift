import Foundation
import LoketDomain
import LoketStorage
import Synchronization

/// The units taken at each desk over the booking horizon, read once per capacity generation,
/// so that slot lists and wait times for every product and party size share one read.
final class UsageCache: Sendable {
    private struct Entry {
        let generation: UInt64
        let dates: ClosedRange<LocalDate>
        let usage: UnitUsage
    }

    private let entries = Mutex<[String: Entry]>([:])
    let store: BookingStore
    let generations: CapacityGenerations

    init(store: BookingStore, generations: CapacityGenerations) {
        self.store = store
        self.generations = generations
    }

    func usage(desk: String, dates: ClosedRange<LocalDate>) async throws -> UnitUsage {
        // Read the generation before the database: a change committed meanwhile moves it and
        // so invalidates what is stored here.
        let generation = generations.current(desk)
        if let entry = entries.withLock({ $0[desk] }), entry.generation == generation,
           entry.dates.lowerBound <= dates.lowerBound, entry.dates.upperBound >= dates.upperBound {
            return entry.usage
        }
        let usage = try await store.usage(desk: desk, dates: dates)
        entries.withLock { $0[desk] = Entry(generation: generation, dates: dates, usage: usage) }
        return usage
    }
}

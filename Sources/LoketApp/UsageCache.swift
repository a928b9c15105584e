import Foundation
import LoketDomain
import LoketStorage
import Synchronization

/// The units taken at each desk over the booking horizon, and what draws withhold there, read
/// once per capacity generation, so that slot lists and wait times for every product and party
/// size share one read.
///
/// An entry also lapses after `ttl`: should a change announced by another server be lost (its
/// process died between commit and notification), this server still sees it within a second.
final class UsageCache: Sendable {
    private struct Entry {
        let generation: UInt64
        let dates: ClosedRange<LocalDate>
        let readAt: Date
        let usage: UnitUsage
        let withholding: [String: DrawWithholding]
    }

    private let entries = Mutex<[String: Entry]>([:])
    let capacity: CapacityStore
    let draws: DrawStore
    let generations: CapacityGenerations
    let now: @Sendable () -> Date
    let ttl: TimeInterval

    init(
        capacity: CapacityStore, draws: DrawStore, generations: CapacityGenerations,
        now: @escaping @Sendable () -> Date, ttl: TimeInterval = 1
    ) {
        self.capacity = capacity
        self.draws = draws
        self.generations = generations
        self.now = now
        self.ttl = ttl
    }

    /// The units taken at `desk` on `dates`, and what draws withhold there per product.
    func read(
        desk: String, dates: ClosedRange<LocalDate>
    ) async throws -> (usage: UnitUsage, withholding: [String: DrawWithholding]) {
        // Read the generation before the database: a change committed meanwhile moves it and
        // so invalidates what is stored here.
        let generation = generations.current(desk)
        let now = now()
        if let entry = entries.withLock({ $0[desk] }), entry.generation == generation,
            entry.dates.lowerBound <= dates.lowerBound, entry.dates.upperBound >= dates.upperBound,
            now >= entry.readAt, now.timeIntervalSince(entry.readAt) < ttl
        {
            return (entry.usage, entry.withholding)
        }
        let usage = try await capacity.usage(desk: desk, dates: dates)
        let withholding = try await draws.withholding(desk: desk)
        entries.withLock {
            $0[desk] = Entry(generation: generation, dates: dates, readAt: now, usage: usage, withholding: withholding)
        }
        return (usage, withholding)
    }
}

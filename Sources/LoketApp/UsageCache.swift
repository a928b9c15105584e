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
        /// Being read while the task runs: every slot list that misses meanwhile (another
        /// product, party size or date range, which the response cache keeps apart) awaits this
        /// one read. Every booking moves the generation, and under load each of those lists read
        /// the units again, at once. The read belongs to the request that started it (its trace,
        /// its log lines), as the read of what draws withhold does.
        let usage: Task<UnitUsage, any Error>
    }

    /// What draws withhold, per desk, kept apart from the units: a hold needs only this. Its
    /// generation is the draws' (`CapacityGenerations.draws`).
    private struct Withheld {
        let generation: UInt64
        let readAt: Date
        /// Being read while the task runs: every hold that misses meanwhile awaits this one
        /// read. When each hold read its own, an entry that lapsed under load was read by every
        /// hold in flight at once, queueing behind each other for the read connections.
        let withholding: Task<[String: DrawWithholding], any Error>
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let withheld = Mutex<[String: Withheld]>([:])
    /// Reads the units taken at a desk on some dates (`CapacityStore.usage`).
    let readUsage: @Sendable (_ desk: String, _ dates: ClosedRange<LocalDate>) async throws -> UnitUsage
    let draws: DrawStore
    let generations: CapacityGenerations
    let now: @Sendable () -> Date
    let ttl: TimeInterval

    init(
        readUsage: @escaping @Sendable (_ desk: String, _ dates: ClosedRange<LocalDate>) async throws -> UnitUsage,
        draws: DrawStore, generations: CapacityGenerations, now: @escaping @Sendable () -> Date,
        ttl: TimeInterval = 1
    ) {
        self.readUsage = readUsage
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
        let withholding = try await self.withholding(desk: desk)
        let readUsage = self.readUsage
        let entry = entries.withLock { entries in
            // Generations only grow: an entry of a later one than this request saw began its read
            // after this request began, and is as current for it.
            if let entry = entries[desk], entry.generation >= generation,
                entry.dates.lowerBound <= dates.lowerBound, entry.dates.upperBound >= dates.upperBound,
                now >= entry.readAt, now.timeIntervalSince(entry.readAt) < ttl
            {
                return entry
            }
            let entry = Entry(
                generation: generation, dates: dates, readAt: now,
                usage: Task { try await readUsage(desk, dates) })
            // A request that saw the generation before a change does not replace what was read after it.
            if (entries[desk]?.generation ?? 0) <= generation { entries[desk] = entry }
            return entry
        }
        do {
            return (try await entry.usage.value, withholding)
        } catch {
            // A failed read is not kept: the next list reads again.
            entries.withLock { if $0[desk]?.usage == entry.usage { $0[desk] = nil } }
            throw error
        }
    }

    /// What draws withhold at `desk` per product, read without the units and kept while no
    /// draw there changes: every hold asks, and every booking moves the units' generation.
    func withholding(desk: String) async throws -> [String: DrawWithholding] {
        let generation = generations.draws(desk)
        let now = now()
        let draws = self.draws
        let entry = withheld.withLock { withheld in
            if let entry = withheld[desk], entry.generation == generation, now >= entry.readAt,
                now.timeIntervalSince(entry.readAt) < ttl
            {
                return entry
            }
            let entry = Withheld(
                generation: generation, readAt: now, withholding: Task { try await draws.withholding(desk: desk) })
            withheld[desk] = entry
            return entry
        }
        do {
            return try await entry.withholding.value
        } catch {
            // A failed read is not kept: the next hold reads again.
            withheld.withLock { if $0[desk]?.withholding == entry.withholding { $0[desk] = nil } }
            throw error
        }
    }
}

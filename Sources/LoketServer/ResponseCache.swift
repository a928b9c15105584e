import Foundation
import Synchronization

/// Answers kept in memory, ready to send, while what they were made from is unchanged: the
/// things thousands of clients poll (slot lists, wait times, open data, the public pages) are
/// made once per capacity generation and time-to-live, not once per request.
///
/// An answer is valid while its generation is unchanged and for at most `ttl` (so that slots
/// that have started drop out even when nobody books):
/// - When the generation has moved (a booking), the answer is made again before anyone gets
///   it, and every request arriving meanwhile waits for that one making instead of doing the
///   same work: a poll storm costs one computation, not one per poller.
/// - When only `ttl` has run out (by at most `stale` more), the old answer is sent while one new
///   one is made beside it, so that no poller waits for the refresh of an answer that is merely
///   a second old. Older than that (the refresh keeps failing), everyone waits for a new one.
/// - When making fails for a reason `servesStale` accepts (the database is away), the last answer
///   made for the key is sent instead, however old: a slot list that may be stale beats none.
///   Until a refresh works, it is sent at once and one refresh at a time is tried beside it.
public final class ResponseCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        let generation: UInt64
        let madeAt: Date
        let value: Value
        /// Its refresh failed for a reason `servesStale` accepts: it is sent at once, whatever
        /// its age or generation, while one refresh at a time is tried beside the requests.
        var failing = false
    }

    private struct Making {
        let generation: UInt64
        let task: Task<Made, any Error>
    }

    /// An answer and when it was made.
    public typealias Made = (value: Value, madeAt: Date)

    private enum Found {
        case ready(Made)
        case making(Task<Made, any Error>)
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var making: [Key: Making] = [:]
        /// The sum of the entries' weights.
        var weight = 0
    }

    private let state = Mutex(State())
    public let ttl: TimeInterval
    /// A bound on memory: arbitrary keys (date ranges, months) must not grow the cache without end.
    public let maxEntries: Int

    /// How much longer than `ttl` an answer may be sent while its refresh is made.
    public let stale: TimeInterval
    /// A bound on memory by size: keys chosen by a client (a date range) can each be large.
    public let maxWeight: Int
    /// The size of an answer in memory, for `maxWeight`.
    let weight: @Sendable (Value) -> Int
    /// Whether a failure to make an answer may be met with the last one made.
    let servesStale: @Sendable (any Error) -> Bool

    public init(
        ttl: TimeInterval, stale: TimeInterval? = nil, maxEntries: Int = 20_000, maxWeight: Int = .max,
        weight: @escaping @Sendable (Value) -> Int = { _ in 0 },
        servesStale: @escaping @Sendable (any Error) -> Bool = { _ in false }
    ) {
        self.servesStale = servesStale
        self.ttl = ttl
        self.stale = stale ?? ttl
        self.maxWeight = maxWeight
        self.weight = weight
        self.maxEntries = maxEntries
    }

    /// The answer for `key` at `generation`: from memory while valid, else made by `make`
    /// (once, however many ask at the same time). A failure is not kept.
    public func value(
        _ key: Key, generation: UInt64, now: Date, make: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        try await made(key, generation: generation, now: now, make: make).value
    }

    /// `value`, with the instant it was made: it is fresh until `madeAt + ttl`.
    public func made(
        _ key: Key, generation: UInt64, now: Date, make: @escaping @Sendable () async throws -> Value
    ) async throws -> Made {
        let found: Found = state.withLock { state in
            if let entry = state.entries[key],
                entry.failing
                    || (entry.generation == generation && now >= entry.madeAt
                        && now.timeIntervalSince(entry.madeAt) < ttl + stale)
            {
                if entry.failing || now.timeIntervalSince(entry.madeAt) >= ttl,
                    state.making[key]?.generation != generation
                {
                    state.making[key] = Making(
                        generation: generation, task: making(key, generation: generation, now: now, make))
                }
                return .ready((entry.value, entry.madeAt))
            }
            if let making = state.making[key], making.generation == generation { return .making(making.task) }
            let task = making(key, generation: generation, now: now, make)
            state.making[key] = Making(generation: generation, task: task)
            return .making(task)
        }
        switch found {
        case .ready(let made): return made
        case .making(let task):
            do {
                return try await task.value
            } catch  where servesStale(error) {
                guard let kept = state.withLock({ $0.entries[key] }) else { throw error }
                return (kept.value, kept.madeAt)
            }
        }
    }

    /// Waits until the answer being made for `key`, if any, is in memory.
    public func settle(_ key: Key) async {
        _ = try? await state.withLock { $0.making[key]?.task }?.value
    }

    /// A task that makes the answer and keeps it, unless a newer generation's answer is in.
    private func making(
        _ key: Key, generation: UInt64, now: Date, _ make: @escaping @Sendable () async throws -> Value
    ) -> Task<Made, any Error> {
        Task {
            do {
                let value = try await make()
                let size = weight(value)
                state.withLock { state in
                    if state.making[key]?.generation == generation { state.making[key] = nil }
                    // Kept unless a newer generation's answer is in already: an answer that took
                    // longer to make must not replace a fresher one.
                    if let kept = state.entries[key], kept.generation > generation { return }
                    if let kept = state.entries[key] { state.weight -= weight(kept.value) }
                    if state.entries.count >= maxEntries || state.weight + size > maxWeight {
                        state.entries.removeAll(keepingCapacity: true)
                        state.weight = 0
                    }
                    state.entries[key] = Entry(generation: generation, madeAt: now, value: value)
                    state.weight += size
                }
                return (value, now)
            } catch {
                let stale = servesStale(error)
                state.withLock { state in
                    if state.making[key]?.generation == generation { state.making[key] = nil }
                    if stale { state.entries[key]?.failing = true }
                }
                throw error
            }
        }
    }
}

import Foundation
import LoketDomain
import Synchronization

/// This server's per-client token buckets and the holds each client keeps, in memory: a first
/// line that costs no database work (identity rules are the second). Buckets that have refilled
/// are forgotten when the table grows, so a flood of addresses cannot exhaust memory.
final class ClientLimiter: Sendable {
    private struct Key: Hashable {
        let rule: ClientLimits.Rule
        let client: String
    }

    private struct State {
        var buckets: [Key: TokenBucket] = [:]
        /// Active holds by client: hold id → when it lapses, and the order they were made in.
        var holds: [String: [String: (expiresAt: Date, made: Int)]] = [:]
        var holders: [String: String] = [:]
        var made = 0
    }

    private let state = Mutex(State())
    /// Above this many buckets, full ones are dropped before a new one is made.
    static let pruneAbove = 50_000

    /// Takes a token of `rule` for `client`; the seconds to wait when there is none.
    func take(_ rule: ClientLimits.Rule, client: String, limits: ClientLimits, now: Date) -> TimeInterval? {
        let bucket = limits.bucket(rule)
        let key = Key(rule: rule, client: client)
        return state.withLock { state in
            if state.buckets[key] == nil, state.buckets.count >= Self.pruneAbove {
                state.buckets = state.buckets.filter { !$0.value.isFull(limits.bucket($0.key.rule), at: now) }
            }
            var tokens = state.buckets[key] ?? TokenBucket(full: bucket, at: now)
            let wait = tokens.take(bucket, now: now)
            state.buckets[key] = tokens
            return wait
        }
    }

    /// `client`'s active holds at `now`, oldest first.
    func activeHolds(client: String, now: Date) -> [(id: String, expiresAt: Date)] {
        state.withLock { state in
            (state.holds[client] ?? [:]).filter { $0.value.expiresAt > now }
                .sorted { $0.value.made < $1.value.made }.map { ($0.key, $0.value.expiresAt) }
        }
    }

    /// When `client`'s earliest active hold lapses, if it keeps `allowed` or more at `now`.
    func holdLimitReached(client: String, allowed: Int, now: Date) -> Date? {
        state.withLock { state in
            let holds = state.holds[client] ?? [:]
            let active = holds.filter { $0.value.expiresAt > now }
            for lapsed in holds.keys where active[lapsed] == nil { state.holders[lapsed] = nil }
            state.holds[client] = active.isEmpty ? nil : active
            return active.count >= allowed ? active.values.map(\.expiresAt).min() : nil
        }
    }

    func held(_ hold: String, by client: String, until expiry: Date) {
        state.withLock { state in
            state.made += 1
            state.holds[client, default: [:]][hold] = (expiry, state.made)
            state.holders[hold] = client
        }
    }

    /// The hold was confirmed: it no longer counts for its maker.
    func used(_ hold: String) {
        state.withLock { state in
            guard let client = state.holders.removeValue(forKey: hold) else { return }
            state.holds[client]?[hold] = nil
        }
    }
}

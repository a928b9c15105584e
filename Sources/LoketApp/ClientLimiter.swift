import Foundation
import LoketDomain
import Synchronization

/// This server's per-client token buckets and the holds each client keeps, in memory: a first
/// line that costs no database work (identity rules are the second). Clients not seen for a
/// long while are forgotten (`RecentTable`), so a flood of addresses cannot exhaust memory or
/// make any request slower.
final class ClientLimiter: Sendable {
    /// What is known of one client.
    private struct Client {
        var buckets: [ClientLimits.Rule: TokenBucket] = [:]
        /// Active holds: hold id (or waitlist entry id, for an offer) → when it lapses, the order
        /// they were made in, and whether it is a waitlist offer (which a browser's next hold
        /// does not give back: only accepting, declining or leaving ends it).
        var holds: [String: (expiresAt: Date, made: Int, offer: Bool)] = [:]
        /// Places taken for holds being written, by reservation number → when they would lapse.
        var reserved: [Int: Date] = [:]

        mutating func dropLapsed(at now: Date) {
            holds = holds.filter { $0.value.expiresAt > now }
        }

        var earliestLapse: Date? { (holds.values.map(\.expiresAt) + reserved.values).min() }
    }

    private struct State {
        var clients: RecentTable<String, Client>
        /// Which client made each hold, so that using it frees the client's place.
        var holders: RecentTable<String, String>
        var made = 0
    }

    private let state: Mutex<State>

    /// Clients remembered in one generation of the table (up to twice as many in all).
    init(clientsKept: Int = 50_000) {
        state = Mutex(
            State(
                clients: RecentTable(generation: clientsKept), holders: RecentTable(generation: clientsKept)))
    }

    /// Takes a token of `rule` for `client`; the seconds to wait when there is none.
    func take(_ rule: ClientLimits.Rule, client: String, limits: ClientLimits, now: Date) -> TimeInterval? {
        let bucket = limits.bucket(rule)
        return state.withLock { state in
            state.clients.update(client, make: Client.init) { known in
                var tokens = known.buckets[rule] ?? TokenBucket(full: bucket, at: now)
                let wait = tokens.take(bucket, now: now)
                known.buckets[rule] = tokens
                return wait
            }
        }
    }

    /// The seconds until `client` has a token of `rule`, nil when it has one now; takes nothing.
    func wait(_ rule: ClientLimits.Rule, client: String, limits: ClientLimits, now: Date) -> TimeInterval? {
        let bucket = limits.bucket(rule)
        guard var tokens = state.withLock({ $0.clients.peek(client)?.buckets[rule] }) else { return nil }
        return tokens.take(bucket, now: now)
    }

    /// How many active holds `client` keeps at `now`, offers included, and those its next hold
    /// may replace (not offers), oldest first.
    func activeHolds(client: String, now: Date) -> (count: Int, replaceable: [String]) {
        state.withLock { state in
            let active = (state.clients.peek(client)?.holds ?? [:]).filter { $0.value.expiresAt > now }
            return (active.count, active.filter { !$0.value.offer }.sorted { $0.value.made < $1.value.made }.map(\.key))
        }
    }

    /// A place among a client's active holds, taken before the hold is written so that holds
    /// asked for at once cannot all pass the count.
    struct Reservation: Sendable {
        let client: String
        let number: Int
    }

    /// Takes one of `client`'s `allowed` places until `expiresAt`; when all are taken, the
    /// moment the earliest lapses.
    func reserveHold(client: String, allowed: Int, until expiresAt: Date, now: Date) -> Result<Reservation, Lapse> {
        state.withLock { state in
            state.made += 1
            let made = state.made
            return state.clients.update(client, make: Client.init) { known in
                known.dropLapsed(at: now)
                guard known.holds.count + known.reserved.count < allowed else {
                    return .failure(Lapse(at: known.earliestLapse ?? now))
                }
                known.reserved[made] = expiresAt
                return .success(Reservation(client: client, number: made))
            }
        }
    }

    struct Lapse: Error {
        let at: Date
    }

    /// The reserved place is now the hold `hold`, kept until `expiry`.
    func held(_ reservation: Reservation, as hold: String, until expiry: Date) {
        state.withLock { state in
            state.clients.update(reservation.client, make: Client.init) { known in
                known.reserved[reservation.number] = nil
                known.holds[hold] = (expiry, reservation.number, false)
            }
            state.holders.update(hold, make: { reservation.client }) { $0 = reservation.client }
        }
    }

    /// The matcher offered waitlist entry `entry`, which `client` joined, a slot until `expiry`:
    /// the offer is one of the client's active holds (even past the allowed number, which then
    /// refuses the client's next hold) until it is used or lapses.
    func offered(entry: String, client: String, until expiry: Date) {
        state.withLock { state in
            state.made += 1
            let made = state.made
            state.clients.update(client, make: Client.init) { $0.holds[entry] = (expiry, made, true) }
            state.holders.update(entry, make: { client }) { $0 = client }
        }
    }

    /// The hold was not made: its place is free again.
    func cancel(_ reservation: Reservation) {
        state.withLock { state in
            state.clients.update(reservation.client, make: Client.init) { $0.reserved[reservation.number] = nil }
        }
    }

    /// The hold (or the offer to waitlist entry `hold`) was confirmed or given back: it no
    /// longer counts for its maker.
    func used(_ hold: String) {
        state.withLock { state in
            guard let client = state.holders.peek(hold) else { return }
            state.holders.remove(hold)
            state.clients.update(client, make: Client.init) { $0.holds[hold] = nil }
        }
    }
}

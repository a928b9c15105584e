import Foundation
import LoketDomain

/// The per-client limits of the desk network file (`fairAccess.limits`), applied by the use
/// cases (holds, confirmations, waitlist joins) and by the channels before a read they answer
/// from a cache (slot lists). `client` is the address the channel saw; nil (the CLI, the
/// service's own work, partners with their own quotas) is not limited.
extension Loket {
    var limits: ClientLimits { network.fairness.clientLimits }

    /// Takes one of `client`'s tokens for `rule`, or refuses with 429 naming the limit.
    public func admit(_ rule: ClientLimits.Rule, client: String?) throws(Refusal) {
        guard let client, limits.isEnabled else { return }
        guard let wait = limiter.take(rule, client: client, limits: limits, now: now()) else { return }
        throw refusal(rule.rawValue, wait: wait)
    }

    /// Takes one of `client`'s tokens for `rule` if there is one. Unlike `admit`, a refusal is
    /// not counted: for a caller that then hands the request to `admit` (see `ReadyAnswers`),
    /// and which finds out the client only when the limits are on.
    public func admits(_ rule: ClientLimits.Rule, client: () -> String?) -> Bool {
        guard limits.isEnabled, let client = client() else { return true }
        return limiter.take(rule, client: client, limits: limits, now: now()) == nil
    }

    /// Takes one of `client`'s few places for active holds for a hold about to be written, or
    /// refuses while all are kept; with `replacingOldest` (a browser, whose visitor went back to
    /// choose another time) gives the oldest hold back first (never a waitlist offer, which
    /// counts among them too). The place is taken under the limiter's lock, so holds asked for
    /// at once cannot all pass; give it back with `cancel` if the hold fails.
    func admitHold(client: String?, replacingOldest: Bool) async throws -> ClientLimiter.Reservation? {
        guard let client, limits.isEnabled else { return nil }
        try admit(.holds, client: client)
        let now = now()
        if replacingOldest {
            let active = limiter.activeHolds(client: client, now: now)
            for old in active.replaceable.prefix(max(0, active.count - limits.activeHoldsAllowed + 1)) {
                try await appointmentStore.release(hold: old, now: now)
                limiter.used(old)
                matcherWakeUp.signal()
            }
        }
        let until = now.addingTimeInterval(rules.holdDuration)
        switch limiter.reserveHold(client: client, allowed: limits.activeHoldsAllowed, until: until, now: now) {
        case .success(let reservation): return reservation
        case .failure(let lapse): throw refusal("activeHolds", wait: lapse.at.timeIntervalSince(now))
        }
    }

    func refusal(_ limit: String, wait: TimeInterval) -> Refusal {
        metrics.limitRefusals(limit).increment()
        let seconds = wait.isFinite ? max(1, Int(wait.rounded(.up))) : 3600
        return Refusal(
            .tooManyRequests, field: "limit", code: limit,
            "Too many requests of this kind from your address (limit \(limit)); try again in \(seconds) s.",
            retryAfter: seconds)
    }
}

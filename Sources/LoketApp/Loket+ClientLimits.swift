import Foundation
import LoketDomain

/// The per-client limits of the desk network file (`fairAccess.limits`), applied by the use
/// cases (holds, confirmations, waitlist joins) and by the channels before a read they answer
/// from a cache (slot lists). `client` is the address the channel saw; nil (the CLI, the
/// service's own work, partners with their own quotas) is not limited.
extension Loket {
    var limits: ClientLimits { network.fairness.clientLimits }

    /// Takes one of `client`'s tokens for `rule`, or refuses with 429 naming the limit.
    public func admit(_ rule: ClientLimits.Rule, client: String?) throws(BookingError) {
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

    /// Refuses a new hold while `client` keeps as many as allowed, or with `replacingOldest` (a
    /// browser, whose visitor went back to choose another time) gives the oldest one back first.
    func admitHold(client: String?, replacingOldest: Bool) async throws {
        guard let client, limits.isEnabled else { return }
        try admit(.holds, client: client)
        let now = now()
        if replacingOldest {
            let active = limiter.activeHolds(client: client, now: now)
            for old in active.prefix(max(0, active.count - limits.activeHoldsAllowed + 1)) {
                try await appointmentStore.release(hold: old.id, now: now)
                limiter.used(old.id)
                matcherWakeUp.signal()
            }
        }
        if let lapses = limiter.holdLimitReached(client: client, allowed: limits.activeHoldsAllowed, now: now) {
            throw refusal("activeHolds", wait: lapses.timeIntervalSince(now))
        }
    }

    func refusal(_ limit: String, wait: TimeInterval) -> BookingError {
        metrics.limitRefusals(limit).increment()
        let seconds = wait.isFinite ? max(1, Int(wait.rounded(.up))) : 3600
        return BookingError(
            .tooManyRequests, field: "limit", code: limit,
            "Too many requests of this kind from your address (limit \(limit)); try again in \(seconds) s.",
            retryAfter: seconds)
    }
}

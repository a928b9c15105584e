import Foundation
import LoketDomain

/// The per-client limits of the desk network file (`fairAccess.limits`), applied by the use
/// cases (holds, confirmations, waitlist joins) and by the channels before a read they answer
/// from a cache (slot lists). `client` is the address the channel saw; nil (the CLI, the
/// service's own work, partners with their own quotas) is not limited.
extension UseCaseContext {
    var limits: ClientLimits { network.fairness.clientLimits }

    /// Takes one of `client`'s tokens for `rule`, or refuses with 429 naming the limit.
    func admit(_ rule: ClientLimits.Rule, client: String?) throws(Refusal) {
        guard let client, limits.isEnabled else { return }
        guard let wait = limiter.take(rule, client: client, limits: limits, now: now()) else { return }
        throw refusal(rule.rawValue, wait: wait)
    }

    /// Takes one of `client`'s tokens for `rule` if there is one. Unlike `admit`, a refusal is
    /// not counted: for a caller that then hands the request to `admit` (see `ReadyAnswers`),
    /// and which finds out the client only when the limits are on.
    func admits(_ rule: ClientLimits.Rule, client: () -> String?) -> Bool {
        guard limits.isEnabled, let client = client() else { return true }
        return limiter.take(rule, client: client, limits: limits, now: now()) == nil
    }

    /// The 429 for `limit`, counted, with the whole seconds until the client may ask again.
    func refusal(_ limit: String, wait: TimeInterval) -> Refusal {
        metrics.limitRefusals(limit).increment()
        let seconds = wait.isFinite ? max(1, Int(wait.rounded(.up))) : 3600
        return Refusal(
            .tooManyRequests, field: "limit", code: limit,
            "Too many requests of this kind from your address (limit \(limit)); try again in \(seconds) s.",
            retryAfter: seconds)
    }
}

extension Loket {
    /// Takes one of `client`'s tokens for `rule`, or refuses with 429 naming the limit (for a
    /// channel that answers from a cache, before it reads).
    public func admit(_ rule: ClientLimits.Rule, client: String?) throws(Refusal) {
        try context.admit(rule, client: client)
    }

    /// Takes one of `client`'s tokens for `rule` if there is one, without counting a refusal.
    public func admits(_ rule: ClientLimits.Rule, client: () -> String?) -> Bool {
        context.admits(rule, client: client)
    }
}

import LoketApp
import LoketServer

/// The public answers that anyone may poll and that no request of theirs changes (wait times,
/// draws, the open data), made once a minute: polling them costs the server a lookup, not a
/// computation. Not per capacity generation: every booking anywhere moves that, so under load
/// they would be made again for nearly every request. Keyed by the route and its query.
typealias PublicAnswers = ResponseCache<String, ReadyBody>

extension PublicAnswers {
    static func publicAnswers() -> PublicAnswers {
        PublicAnswers(
            ttl: 60, maxEntries: 2_000, maxWeight: 64 << 20, weight: \.byteCount,
            servesStale: ServiceUnavailable.caused)
    }

    /// The generation the public answers are made for: time alone decides.
    static let everyMinute: UInt64 = 0

    /// Shared caches may keep them as long as Loket does.
    static let cacheControl = "public, max-age=60"
}

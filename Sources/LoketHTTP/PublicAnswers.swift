import LoketServer

/// The public answers that anyone may poll and that no request changes (wait times, draws, the
/// open data), made at most once a minute and whenever capacity anywhere changes: polling them
/// costs the server a lookup, not a computation. Keyed by the route and its query as sent.
typealias PublicAnswers = ResponseCache<String, ReadyBody>

extension PublicAnswers {
    static func publicAnswers() -> PublicAnswers { PublicAnswers(ttl: 60, maxEntries: 2_000) }

    /// Shared caches may keep them as long as Loket does.
    static let cacheControl = "public, max-age=60"
}

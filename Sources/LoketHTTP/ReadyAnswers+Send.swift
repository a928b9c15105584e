import Foundation
import HTTPTypes
import Hummingbird
import LoketApp
import LoketServer

extension ReadyAnswers {
    /// Answers `request` with an answer of `cache` as the router does, and publishes it so that
    /// the next requests for the same target are answered from the connection while it is
    /// current: within the cache's time-to-live, and as `publish` says.
    func send<Key>(
        _ made: ResponseCache<Key, ReadyBody>.Made, of cache: ResponseCache<Key, ReadyBody>, to request: Request,
        context: LoketRequestContext, canonical: String?, cacheControl: String,
        headers responseHeaders: HTTPFields = [:],
        varies: Variation? = nil, metrics: LoketMetrics,
        now: @escaping @Sendable () -> Date, admit: @escaping @Sendable (() -> String?) -> Bool = { _ in true },
        while unchanged: @escaping @Sendable () -> Bool = { true }
    ) -> Response {
        publish(
            made.value, freshUntil: made.madeAt.addingTimeInterval(cache.ttl), for: request, context: context,
            canonical: canonical, cacheControl: cacheControl, headers: responseHeaders, varies: varies, now: now,
            admit: admit, while: unchanged, recorder: metrics.pastTheRouter)
        return made.value.response(to: request, cacheControl: cacheControl, headers: responseHeaders)
    }
}

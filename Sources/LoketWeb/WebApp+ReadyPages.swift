import Foundation
import Hummingbird
import LoketApp
import LoketServer

extension WebApp {
    /// Sends a prepared public page of `cache`. A page without a form is the same for everyone
    /// who asks for its `canonical` address (in one language): it is also published, to be sent
    /// past the router while it is current — for the cache's time-to-live, while `unchanged`
    /// holds and while the database takes writes (else every page says that only viewing works).
    /// `varies` says how the language is chosen where the address does not say it.
    func send(
        _ made: PageCache.Made, of cache: PageCache, web: WebRequest, to request: Request,
        context: LoketRequestContext, canonical: String, varies: ReadyAnswers.Variation? = nil,
        while unchanged: @escaping @Sendable () -> Bool = { true }
    ) -> Response {
        if let body = made.value.ready, !web.writesRefused {
            let (cacheControl, vary) = made.value.readyHeaders
            let operations = loket.operations
            ready.publish(
                body, freshUntil: made.madeAt.addingTimeInterval(cache.ttl), for: request, context: context,
                canonical: canonical, cacheControl: cacheControl, headers: vary, varies: varies,
                now: loket.now, while: { !operations.writesRefused && unchanged() },
                recorder: loket.metrics.pastTheRouter)
        }
        return made.value.response(web, to: request)
    }
}

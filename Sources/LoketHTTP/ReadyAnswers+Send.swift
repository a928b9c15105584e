import Foundation
import HTTPTypes
import Hummingbird
import LoketApp
import LoketServer

extension ReadyAnswers {
    /// Answers `request` with an answer of `cache` as the router does, and publishes it so that
    /// the next requests for the same target are answered from the connection while it is
    /// current: within the cache's time-to-live by `now`'s clock, and while `unchanged` holds.
    /// `admit` takes the client's token for the read, or says no (and the router refuses). An
    /// answer chosen by a request header (`Vary`) names it: it is sent only for the same value.
    /// Only a request for the route's `canonical` target (`Request.canonicalTarget`) publishes;
    /// nil publishes nothing.
    func send<Key>(
        _ made: ResponseCache<Key, ReadyBody>.Made, of cache: ResponseCache<Key, ReadyBody>, to request: Request,
        context: LoketRequestContext, canonical: String?, cacheControl: String,
        headers responseHeaders: HTTPFields = [:],
        varies: HTTPField.Name? = nil, metrics: LoketMetrics,
        now: @escaping @Sendable () -> Date, admit: @escaping @Sendable (() -> String?) -> Bool = { _ in true },
        while unchanged: @escaping @Sendable () -> Bool = { true }
    ) -> Response {
        if request.method == .get, let target = request.head.path, target == canonical,
            let route = context.endpointPath
        {
            let freshUntil = made.madeAt.addingTimeInterval(cache.ttl)
            // The only two statuses sent past the router, looked up once rather than per request.
            let ok = metrics.request(route: route, method: "GET", status: 200)
            let notModified = metrics.request(route: route, method: "GET", status: 304)
            let latency = metrics.latency(route: route, method: "GET")
            let answer = Answer(
                body: made.value, cacheControl: cacheControl, responseHeaders: responseHeaders,
                headers: SecurityHeaders<LoketRequestContext>.headers,
                varies: varies.map { ($0, request.headers[$0]) },
                isCurrent: { unchanged() && now() < freshUntil }, admit: admit,
                record: { status, took in
                    (status == .notModified ? notModified : ok).increment()
                    latency.record(took)
                })
            publish(answer, for: target)
        }
        return made.value.response(to: request, cacheControl: cacheControl, headers: responseHeaders)
    }
}

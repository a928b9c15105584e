import Foundation
import Hummingbird
import LoketApp
import LoketServer

extension ReadyAnswers {
    /// Answers `request` with `body` as the router does, and publishes the answer so that the
    /// next requests for the same target are answered from the connection while `isCurrent`
    /// holds and `admit` lets the client have it.
    func send(
        _ body: ReadyBody, to request: Request, context: LoketRequestContext, cacheControl: String,
        metrics: LoketMetrics, admit: @escaping @Sendable (String?) -> Bool = { _ in true },
        isCurrent: @escaping @Sendable () -> Bool
    ) -> Response {
        if request.method == .get, let target = request.head.path, let route = context.endpointPath {
            let answer = Answer(
                route: route, body: body, cacheControl: cacheControl,
                headers: SecurityHeaders<LoketRequestContext>.headers, isCurrent: isCurrent, admit: admit,
                record: { status, took in
                    metrics.request(route: route, method: "GET", status: status.code).increment()
                    metrics.latency(route: route, method: "GET").record(took)
                })
            publish(answer, for: target)
        }
        return body.response(to: request, cacheControl: cacheControl)
    }

    /// `send` for an answer of `cache` made at `madeAt`, current until its time-to-live runs out
    /// by `now`'s clock.
    func send<Key>(
        _ made: ResponseCache<Key, ReadyBody>.Made, of cache: ResponseCache<Key, ReadyBody>, to request: Request,
        context: LoketRequestContext, cacheControl: String, metrics: LoketMetrics,
        now: @escaping @Sendable () -> Date
    ) -> Response {
        let freshUntil = made.madeAt.addingTimeInterval(cache.ttl)
        return send(
            made.value, to: request, context: context, cacheControl: cacheControl, metrics: metrics,
            isCurrent: { now() < freshUntil })
    }
}

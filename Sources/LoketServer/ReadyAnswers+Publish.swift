import Foundation
import HTTPTypes
import Hummingbird

extension ReadyAnswers {
    /// Publishes `body` as the answer to the next requests for `request`'s target while it is
    /// current: until `freshUntil` by `now`'s clock, and while `unchanged` holds. `admit` takes
    /// the client's token for the read, or says no (and the router refuses). An answer chosen by
    /// the request's headers (`Vary`, the visitor's language) names how: it is sent only for the
    /// same key. Only a request for the route's `canonical` target publishes (a client must not
    /// fill the bound with `?x=1`, `?x=2`…); nil publishes nothing. `recorder` gives, for the
    /// route's pattern, what counts a request answered past the router as the router's metrics
    /// would.
    public func publish(
        _ body: ReadyBody, freshUntil: Date, for request: Request, context: LoketRequestContext, canonical: String?,
        cacheControl: String, headers responseHeaders: HTTPFields = [:], varies: Variation? = nil,
        now: @escaping @Sendable () -> Date, admit: @escaping @Sendable (() -> String?) -> Bool = { _ in true },
        while unchanged: @escaping @Sendable () -> Bool = { true },
        recorder: (_ route: String) -> @Sendable (_ status: Int, _ took: Duration) -> Void
    ) {
        // An answer past its time (sent while its refresh is made) must not replace a fresh one.
        guard maxEntries > 0, request.method == .get, let target = request.head.path, target == canonical,
            let route = context.endpointPath, now() < freshUntil
        else { return }
        let answer = Answer(
            body: body, cacheControl: cacheControl, responseHeaders: responseHeaders,
            headers: SecurityHeaders<LoketRequestContext>.headers,
            varies: varies.map { ($0, $0.key(RequestHeaders(request.headers))) },
            isCurrent: { unchanged() && now() < freshUntil }, admit: admit,
            record: recorder(route))
        publish(answer, for: target)
    }
}

import HTTPTypes
import Hummingbird
import LoketDomain
import LoketServer

/// Binds the request's id (`TracedRequest`) for all the work it causes, sends it back in
/// `X-Request-Id`, and writes one log line per request: method, route pattern (never the
/// concrete path, which could carry identifiers or tokens), status and duration. Personal data
/// never appears: not in the route, and no body or query is logged.
struct RequestLog: RouterMiddleware {
    func handle(
        _ request: Request, context: LoketRequestContext,
        next: (Request, LoketRequestContext) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        var response = try await TracedRequest.$id.withValue(context.requestID) {
            try await next(request, context)
        }
        response.headers[RequestIdentity.header] = context.requestID
        let took = ContinuousClock.now - start
        let milliseconds = Double(took.components.seconds) * 1000 + Double(took.components.attoseconds) / 1e15
        context.logger.info(
            "request",
            metadata: [
                "request": "\(context.requestID)",
                "method": "\(MetricsMiddleware<LoketRequestContext>.label(request.method))",
                "route": "\(context.endpointPath ?? "unmatched")", "status": "\(response.status.code)",
                "durationMs": "\((milliseconds * 1000).rounded() / 1000)",
            ])
        return response
    }
}

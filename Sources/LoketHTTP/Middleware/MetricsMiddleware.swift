import HTTPTypes
import Hummingbird
import LoketApp

/// Counts requests and their latency per route pattern (never per concrete path, which could
/// carry identifiers) on Loket's own registry. Hummingbird's MetricsMiddleware writes to the
/// global metrics system; this one writes to the registry the application was given.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: LoketMetrics
    /// The method as a metric label: the usual ones by name, any other as `other`, since a client
    /// may send any method name and each would make new series.
    static func label(_ method: HTTPRequest.Method) -> String {
        switch method {
        case .get, .head, .post, .put, .patch, .delete, .options: method.rawValue
        default: "other"
        }
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let route = context.endpointPath ?? "unmatched"
        let method = Self.label(request.method)
        metrics.request(route: route, method: method, status: response.status.code).increment()
        metrics.latency(route: route, method: method).record(ContinuousClock.now - start)
        return response
    }
}

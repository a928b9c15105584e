import HTTPTypes
import Hummingbird

/// Security headers on every response: a Content-Security-Policy that allows no script at all
/// and no framing, no MIME sniffing, and no referrer (manage links carry a token). A route
/// that sets its own policy keeps it. Both channels (the API and the pages) send them.
public struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    public init() {}

    static var policy: String {
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        for field in Self.headers
        where field.name != .contentSecurityPolicy || response.headers[.contentSecurityPolicy] == nil {
            response.headers[field.name] = field.value
        }
        return response
    }

    static var referrerPolicy: HTTPField.Name { HTTPField.Name("Referrer-Policy")! }

    /// What this adds to every response (the policy only to one that sets none of its own); the
    /// answers sent past the router get the same.
    public static var headers: HTTPFields {
        [
            .contentSecurityPolicy: policy, .xContentTypeOptions: "nosniff", referrerPolicy: "no-referrer",
        ]
    }
}

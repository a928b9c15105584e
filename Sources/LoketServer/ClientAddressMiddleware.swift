import Hummingbird

/// Names the client of every request (`LoketRequestContext.client`) before any route runs, so
/// the API and the pages count per-client limits alike; and the request itself
/// (`LoketRequestContext.requestID`), trusting the same proxies.
public struct ClientAddressMiddleware: RouterMiddleware {
    let proxies: TrustedProxies

    public init(proxies: TrustedProxies) {
        self.proxies = proxies
    }

    public func handle(
        _ request: Request, context: LoketRequestContext,
        next: (Request, LoketRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.client = proxies.client(of: request, context: context)
        context.requestID = RequestIdentity.id(
            peer: context.remoteAddress, headers: RequestHeaders(request.headers), proxies: proxies, fresh: context.id)
        // Hummingbird's own log lines name the same id.
        context.logger[metadataKey: "hb.request.id"] = .string(context.requestID)
        return try await next(request, context)
    }
}

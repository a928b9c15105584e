import Hummingbird

/// Names the client of every request (`LoketRequestContext.client`) before any route runs, so
/// the API and the pages count per-client limits alike.
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
        return try await next(request, context)
    }
}

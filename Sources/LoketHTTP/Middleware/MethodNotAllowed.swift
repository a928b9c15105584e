import HTTPTypes
import Hummingbird
import LoketDomain

/// A request for a path the router knows, with a method no route serves there, is answered
/// `405 Method Not Allowed` with an `Allow` header listing the methods that path does serve,
/// instead of the router's `404`. The body is the usual JSON error (field `method`).
///
/// Register it after every route: Hummingbird applies a router middleware to the routes added
/// after it and always to the not-found responder, so added last it sees only the requests no
/// route matched. The methods per path are read from the router's own routes when it is made,
/// and matched with the router's own path matching (captures, wildcards, trailing slashes),
/// so they cannot drift from what the server serves.
struct MethodNotAllowed<Context: RequestContext>: RouterMiddleware {
    /// Answers the probe method on every known path with the path's `Allow` list; anything else 404s.
    private let paths: RouterResponder<Context>

    /// A method no client sends: the request is replayed with it to ask the router "whose path is this?".
    private static var probe: HTTPRequest.Method { HTTPRequest.Method("LOKET-ALLOWED-METHODS")! }

    init(routes: [Router<Context>.RouteDescription]) {
        // Routes at the same router node share its path, so the description groups them exactly.
        var allowed: [String: (path: RouterPath, methods: Set<String>)] = [:]
        for route in routes {
            allowed[route.path.description, default: (route.path, [])].methods.insert(route.method.rawValue)
        }
        let router = Router(context: Context.self)
        for (path, methods) in allowed.values {
            let allow = methods.sorted().joined(separator: ", ")
            router.on(path, method: Self.probe) { _, _ in Response(status: .methodNotAllowed, headers: [.allow: allow])
            }
        }
        self.paths = router.buildResponder()
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var head = request.head
        head.method = Self.probe
        let known = try await paths.respond(
            to: Request(head: head, body: .init(buffer: ByteBuffer())), context: context)
        guard known.status == .methodNotAllowed, let allow = known.headers[.allow] else {
            return try await next(request, context)
        }
        var response = ErrorMiddleware<Context>.response(
            for: Refusal(
                .invalid, field: "method", code: "http_405",
                "This path does not answer \(request.method.rawValue); it answers \(allow)."),
            status: .methodNotAllowed)
        response.headers[.allow] = allow
        return response
    }
}

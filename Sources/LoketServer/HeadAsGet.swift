import Hummingbird

/// `HEAD` is answered wherever `GET` is (RFC 9110, 9.3.2): the `GET`'s status and headers, its
/// length included, without the body. Probes and link checkers use it. It wraps the router's
/// responder, because the router picks a route by method before any of its middleware runs.
public struct HeadAsGet<Responder: HTTPResponder>: HTTPResponder {
    public typealias Context = Responder.Context
    let responder: Responder

    public init(_ responder: Responder) { self.responder = responder }

    public func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .head else { return try await responder.respond(to: request, context: context) }
        var head = request.head
        head.method = .get
        var response = try await responder.respond(to: Request(head: head, body: request.body), context: context)
        let length = response.headers[.contentLength] ?? response.body.contentLength.map(String.init)
        // Setting the body sets the length to its own; the GET's is put back.
        response.body = ResponseBody()
        response.headers[.contentLength] = length
        return response
    }
}

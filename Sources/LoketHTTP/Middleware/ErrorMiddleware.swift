import Hummingbird
import Logging
import LoketDomain

/// Turns domain errors into JSON 4xx answers in one place; anything unexpected becomes a 500
/// whose log line carries the error type but never request data.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as BookingError {
            return Self.response(for: error)
        } catch let error as HTTPError {
            let field = error.status == .notFound ? "path" : "request"
            return Self.response(
                for: BookingError(
                    .invalid, field: field, code: "http_\(error.status.code)", error.body ?? error.status.reasonPhrase),
                status: error.status)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return Self.response(
                for: BookingError(
                    .invalid, field: "server", code: "internal", "Something went wrong on our side; try again."),
                status: .internalServerError)
        }
    }

    static func status(for kind: BookingError.Kind) -> HTTPResponse.Status { .init(code: kind.statusCode) }

    static func response(for error: BookingError, status: HTTPResponse.Status? = nil) -> Response {
        let body = ErrorResponse(error: .init(field: error.field, code: error.code, message: error.message))
        var headers: HTTPFields = [:]
        if error.kind == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        if let seconds = error.retryAfter { headers[.retryAfter] = String(seconds) }
        return (try? JSONBody.response(body, status: status ?? Self.status(for: error.kind), headers: headers))
            ?? Response(status: .internalServerError)
    }
}

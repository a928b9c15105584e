import Hummingbird
import Logging
import LoketApp
import LoketDomain

/// Turns domain errors into JSON 4xx answers in one place; anything unexpected becomes a 500
/// whose log line carries the error type but never request data.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as Refusal {
            return Self.response(for: error)
        } catch let error as ServiceUnavailable {
            context.logger.warning(
                "database unavailable", metadata: ["cause": "\(error.cause ?? "no connection in time")"])
            return Self.unavailable(request)
        } catch is ServiceReadOnly {
            context.logger.warning("database refuses writes")
            return Self.unavailable(request, readOnly: true)
        } catch let error as HTTPError {
            let field = error.status == .notFound ? "path" : "request"
            return Self.response(
                for: Refusal(
                    .invalid, field: field, code: "http_\(error.status.code)", error.body ?? error.status.reasonPhrase),
                status: error.status)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return Self.response(
                for: Refusal(
                    .invalid, field: "server", code: "internal", "Something went wrong on our side; try again."),
                status: .internalServerError)
        }
    }

    /// `503` with `Retry-After` while the database does not answer, or (`readOnly`) refuses
    /// writes while reads go on: JSON for the APIs, a short page in both languages for a browser.
    static func unavailable(_ request: Request, readOnly: Bool = false) -> Response {
        let path = request.uri.path
        let api = path.hasPrefix("/api/") || path.hasPrefix("/oap/") || path == "/ready"
        let retry = readOnly ? 60 : 30
        guard !api, request.headers[.accept]?.contains("text/html") == true else {
            return response(
                for: readOnly
                    ? Refusal(
                        .unavailable, field: "server", code: "database_read_only",
                        "Loket can show slots and appointments but cannot save changes just now; nothing was changed. Try again in a few minutes.",
                        retryAfter: retry)
                    : Refusal(
                        .unavailable, field: "server", code: "database_unavailable",
                        "Loket cannot reach its database just now; nothing was changed. Try again in a minute.",
                        retryAfter: retry))
        }
        return Response(
            status: .serviceUnavailable,
            headers: [.contentType: "text/html; charset=utf-8", .retryAfter: String(retry), .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: readOnly ? Self.readOnlyPage : Self.unavailablePage)))
    }

    /// Written here, not from the templates: it must not depend on anything that could be away.
    static var unavailablePage: String {
        page(
            titleNL: "Even niet bereikbaar", titleEN: "Temporarily unavailable",
            nl: "Loket kan zijn gegevens nu niet bereiken. Er is niets veranderd. Probeer het over een minuut opnieuw.",
            en: "Loket cannot reach its data just now. Nothing was changed. Please try again in a minute.")
    }

    static var readOnlyPage: String {
        page(
            titleNL: "Even alleen inzien", titleEN: "Viewing only, for now",
            nl:
                "Loket kan nu niets opslaan. Vrije tijden en afspraken kunt u wel bekijken. Er is niets veranderd. Probeer het over enkele minuten opnieuw.",
            en:
                "Loket cannot save anything just now. You can still look at free times and appointments. Nothing was changed. Please try again in a few minutes."
        )
    }

    static func page(titleNL: String, titleEN: String, nl: String, en: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(titleNL) — \(titleEN)</title></head>
        <body><main><h1>\(titleNL)</h1>
        <p>\(nl)</p>
        <h1 lang="en">\(titleEN)</h1>
        <p lang="en">\(en)</p>
        </main></body></html>
        """
    }

    static func status(for kind: Refusal.Kind) -> HTTPResponse.Status { .init(code: kind.statusCode) }

    static func response(for error: Refusal, status: HTTPResponse.Status? = nil) -> Response {
        let body = ErrorResponse(error: .init(field: error.field, code: error.code, message: error.message))
        var headers: HTTPFields = [:]
        if error.kind == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        if let seconds = error.retryAfter { headers[.retryAfter] = String(seconds) }
        return (try? JSONBody.response(body, status: status ?? Self.status(for: error.kind), headers: headers))
            ?? Response(status: .internalServerError)
    }
}

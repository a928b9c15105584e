import Foundation
import HTTPTypes
import Hummingbird
import LoketServer

/// A public page rendered once for everyone who asks the same thing, with a gap where each
/// visitor's form token goes: the token is the only per-visitor part of the public pages, so a
/// cached page costs a copy, not a template rendering and a database read.
struct PreparedPage: Sendable {
    /// Rendered in place of the form token, then cut out. Letters only, so that no template
    /// escapes it, and nothing a page shows can contain it.
    static let tokenGap = "LoketFormTokenGapXqzvjkwy"

    /// The page's HTML before, between and after the token's places.
    let parts: [ByteBuffer]
    let status: HTTPResponse.Status
    let headers: HTTPFields
    /// A page without a form is the same for every visitor: it is sent as a ready body (gzip,
    /// `ETag`), with no token cookie, and can be sent past the router (`WebApp.send`).
    let ready: ReadyBody?
    /// What a ready page's answers add to its body's headers: how they are cached, and what they
    /// vary by besides `Accept-Encoding`.
    let readyHeaders: (cacheControl: String, vary: HTTPFields)

    init(html: String, status: HTTPResponse.Status, headers: HTTPFields) {
        parts = html.components(separatedBy: Self.tokenGap).map { ByteBuffer(string: $0) }
        self.status = status
        self.headers = headers
        readyHeaders = (headers[.cacheControl] ?? "no-store", headers[.vary].map { [.vary: $0] } ?? [:])
        if parts.count == 1, status == .ok {
            var own = headers
            own[.contentType] = nil
            own[.cacheControl] = nil
            own[.vary] = nil
            ready = ReadyBody(
                parts[0], contentType: headers[.contentType] ?? "text/html; charset=utf-8", headers: own)
        } else {
            ready = nil
        }
    }

    /// The page's size in memory.
    var byteCount: Int { ready?.byteCount ?? parts.reduce(0) { $0 + $1.readableBytes } }

    /// The page for one visitor: their token in its places, and their new token cookie if they
    /// had none; a page without a form as it is, for anyone.
    func response(_ web: WebRequest, to request: Request) -> Response {
        if let ready {
            let (cacheControl, vary) = readyHeaders
            return ready.response(to: request, cacheControl: cacheControl, headers: vary)
        }
        let token = ByteBuffer(string: web.csrf)
        var body = ByteBuffer()
        body.reserveCapacity(parts.reduce(0) { $0 + $1.readableBytes } + token.readableBytes * (parts.count - 1))
        for (index, part) in parts.enumerated() {
            if index > 0 { body.writeImmutableBuffer(token) }
            body.writeImmutableBuffer(part)
        }
        var fields = headers
        if let cookie = web.newCSRFCookie { fields.append(HTTPField(name: .setCookie, value: cookie.description)) }
        return Response(status: status, headers: fields, body: .init(byteBuffer: body))
    }
}

/// Prepared public pages by what was asked (page, language and canonical query).
typealias PageCache = ResponseCache<String, PreparedPage>

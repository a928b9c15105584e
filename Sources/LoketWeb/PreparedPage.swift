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

    init(html: String, status: HTTPResponse.Status, headers: HTTPFields) {
        parts = html.components(separatedBy: Self.tokenGap).map { ByteBuffer(string: $0) }
        self.status = status
        self.headers = headers
    }

    /// The page's size in memory.
    var byteCount: Int { parts.reduce(0) { $0 + $1.readableBytes } }

    /// The page for one visitor: their token in its places, and their new token cookie if they had none.
    func response(_ request: WebRequest) -> Response {
        let token = ByteBuffer(string: request.csrf)
        var body = ByteBuffer()
        body.reserveCapacity(parts.reduce(0) { $0 + $1.readableBytes } + token.readableBytes * (parts.count - 1))
        for (index, part) in parts.enumerated() {
            if index > 0 { body.writeImmutableBuffer(token) }
            body.writeImmutableBuffer(part)
        }
        var fields = headers
        if let cookie = request.newCSRFCookie { fields.append(HTTPField(name: .setCookie, value: cookie.description)) }
        return Response(status: status, headers: fields, body: .init(byteBuffer: body))
    }
}

/// Prepared public pages by what was asked (page, language and canonical query).
typealias PageCache = ResponseCache<String, PreparedPage>

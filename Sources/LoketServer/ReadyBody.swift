import CompressNIO
import Crypto
import Foundation
import Hummingbird
import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1
import Synchronization

/// A response body made once and sent to many: its bytes, their gzip form and a validator.
///
/// Every response shares the same buffers, so memory does not grow with the responses in
/// flight. The `ETag` is a hash of the bytes, not a counter, so it is the same on every server
/// and survives a refresh that changed nothing: a poller with the last answer gets `304`.
public struct ReadyBody: Sendable {
    public let contentType: String
    /// Headers that belong to these bytes (a download's file name, say).
    public let headers: HTTPFields
    public let plain: ByteBuffer
    /// Nil when compressing would not pay (small bodies).
    public let gzip: ByteBuffer?
    /// Quoted; the gzip form has its own (`"…-gz"`), as a different representation must.
    public let etag: String
    let gzipETag: String

    /// Below this many bytes gzip saves too little to be worth a client's decompressing.
    static let compressFrom = 256

    public init(_ bytes: ByteBuffer, contentType: String, headers: HTTPFields = [:]) {
        self.contentType = contentType
        self.headers = headers
        self.plain = bytes
        let digest = SHA256.hash(data: bytes.readableBytesView)
        let hex = digest.prefix(12).map { String(format: "%02x", $0) }.joined()
        self.etag = "\"" + hex + "\""
        self.gzipETag = "\"" + hex + "-gz\""
        var source = bytes
        if bytes.readableBytes >= Self.compressFrom, let compressed = try? source.compress(with: .gzip()),
            compressed.readableBytes < bytes.readableBytes
        {
            self.gzip = compressed
        } else {
            self.gzip = nil
        }
    }

    public init(string: String, contentType: String, headers: HTTPFields = [:]) {
        self.init(ByteBuffer(string: string), contentType: contentType, headers: headers)
    }

    /// The bytes it holds in memory, both forms.
    public var byteCount: Int { plain.readableBytes + (gzip?.readableBytes ?? 0) }

    /// The answer to `request`: `304` when it already holds these bytes (either form), the gzip
    /// form when it accepts gzip, else the bytes as they are.
    public func response(
        to request: Request, cacheControl: String, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]
    ) -> Response {
        let (head, body) = answer(to: request.headers, cacheControl: cacheControl, status: status, headers: extra)
        return Response(
            status: head.status, headers: head.headerFields, body: body.map { .init(byteBuffer: $0) } ?? .init())
    }

    /// The response head and body for a request with `requestHeaders`; no body for a `304`.
    func answer(
        to requestHeaders: HTTPFields, cacheControl: String, status: HTTPResponse.Status = .ok,
        headers extra: HTTPFields = [:]
    ) -> (HTTPResponse, ByteBuffer?) {
        form(
            gzip: Self.acceptsGzip(requestHeaders[.acceptEncoding]), cacheControl: cacheControl, status: status,
            headers: extra
        )
        .answer(ifNoneMatch: requestHeaders[.ifNoneMatch])
    }

    /// One form of the bytes, as they are or gzip (when asked for and made), with the heads of
    /// its answers.
    func form(
        gzip wanted: Bool, cacheControl: String, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]
    ) -> Form<HTTPResponse> {
        var headers = self.headers
        headers.append(contentsOf: extra)
        headers[.cacheControl] = cacheControl
        headers[.vary] = extra[.vary].map { "\($0), Accept-Encoding" } ?? "Accept-Encoding"
        let compressed = wanted ? gzip : nil
        // The tag of the form this client gets (RFC 9110 §13.1.2): a cache holding only the other
        // form must not be told that what it holds is current.
        let tag = compressed == nil ? etag : gzipETag
        headers[.eTag] = tag
        let notModified = HTTPResponse(status: .notModified, headerFields: headers)
        headers[.contentType] = contentType
        if compressed != nil { headers[.contentEncoding] = "gzip" }
        return Form(
            etag: tag, body: compressed ?? plain, ok: HTTPResponse(status: status, headerFields: headers),
            notModified: notModified)
    }

    /// One form of the bytes and the heads of its answers, in Swift HTTP Types (`HTTPResponse`)
    /// for the router, or in NIO's own (`HTTPResponseHead`) once `completed` for `ReadyAnswers`,
    /// whose `ReadyAnswerHandler` writes before the conversion between the two.
    struct Form<Head: Sendable>: Sendable {
        let etag: String
        let body: ByteBuffer
        let ok: Head
        let notModified: Head

        /// `304` when the client holds this form already, else the bytes.
        func answer(ifNoneMatch held: String?) -> (Head, ByteBuffer?) {
            if let held, ReadyBody.matches(held, etag) { return (notModified, nil) }
            return (ok, body)
        }
    }

    /// `If-None-Match` uses the weak comparison (RFC 9110 §13.1.2): `W/` is ignored.
    public static func matches(_ header: String, _ etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == etag || (tag.hasPrefix("W/") && tag.dropFirst(2) == etag)
        }
    }

    /// Whether `Accept-Encoding` accepts gzip: named without `q=0`, or else through `*`.
    public static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        if let known = readAcceptEncodings.withLock({ $0[header] }) { return known }
        let accepts = readAcceptsGzip(header)
        readAcceptEncodings.withLock { known in
            if known.count >= 64 { known.removeAll() }
            known[header] = accepts
        }
        return accepts
    }

    /// Clients send a handful of distinct `Accept-Encoding` headers, and reading one costs more
    /// than sending a small answer: what each says is kept (a bounded few).
    private static let readAcceptEncodings = Mutex<[String: Bool]>([:])

    private static func readAcceptsGzip(_ header: String) -> Bool {
        var weights: [String: Double] = [:]
        for item in header.lowercased().split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let coding = parts.first else { continue }
            let q = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) }
            weights[coding] = q ?? 1
        }
        return (weights["gzip"] ?? weights["*"] ?? 0) > 0
    }
}

extension ReadyBody.Form<HTTPResponse> {
    /// The form as `ReadyAnswers` keeps it, made once for an answer sent many times: `fields`
    /// added to both heads where they have none of their own, and the length of each.
    func completed(adding fields: HTTPFields) -> ReadyBody.Form<HTTPResponseHead> {
        var ok = ok
        var notModified = notModified
        for field in fields where ok.headerFields[field.name] == nil { ok.headerFields.append(field) }
        for field in fields where notModified.headerFields[field.name] == nil {
            notModified.headerFields.append(field)
        }
        ok.headerFields[.contentLength] = String(body.readableBytes)
        notModified.headerFields[.contentLength] = "0"
        return .init(etag: etag, body: body, ok: HTTPResponseHead(ok), notModified: HTTPResponseHead(notModified))
    }
}

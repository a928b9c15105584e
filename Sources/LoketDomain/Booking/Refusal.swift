/// Why a request was refused, naming the field that was wrong: the one refusal a client sees,
/// whatever it asked (a booking, a sign-in, a document, a retry with an idempotency key). The
/// domain and the application make it; storage reports only storage facts.
///
/// `kind` says what happened; `Kind.statusCode` is the one mapping to an HTTP status, used by
/// the API and the web pages alike.
public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The request itself is wrong (422).
        case invalid
        /// A named desk, product, slot, hold or appointment does not exist (404).
        case notFound
        /// The request is sound but the world has moved on: the slot is taken (409).
        case conflict
        /// The thing existed but has lapsed: an expired hold (410).
        case gone
        /// The manage token is missing or wrong (401).
        case unauthorized
        /// Signed in, or not, but not allowed to do this; or a form without its token (403).
        case forbidden
        /// One client asked more often than a fair-access limit allows (429, with `retryAfter`).
        case tooManyRequests
        /// The body is not in the format the endpoint reads, e.g. not `application/json` (415).
        case unsupportedMediaType
        /// The body is larger than the endpoint reads (413).
        case tooLarge
        /// The server is too busy with this kind of request just now; trying later helps (503).
        case unavailable
    }

    public let kind: Kind
    /// The field as the client wrote it, e.g. `customer.email` or `persons`.
    public let field: String
    /// A stable machine-readable reason, e.g. `out_of_range`.
    public let code: String
    public let message: String
    /// For `tooManyRequests`: whole seconds until the client may ask again.
    public let retryAfter: Int?

    public init(_ kind: Kind, field: String, code: String, _ message: String, retryAfter: Int? = nil) {
        self.kind = kind
        self.field = field
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }

    public var description: String { "\(kind) \(field): \(message)" }

    public static func invalid(_ field: String, _ code: String, _ message: String) -> Refusal {
        Refusal(.invalid, field: field, code: code, message)
    }
}

extension Refusal.Kind {
    /// The HTTP status that says this to any client.
    public var statusCode: Int {
        switch self {
        case .invalid: 422
        case .notFound: 404
        case .conflict: 409
        case .gone: 410
        case .unauthorized: 401
        case .forbidden: 403
        case .tooManyRequests: 429
        case .unsupportedMediaType: 415
        case .tooLarge: 413
        case .unavailable: 503
        }
    }
}

/// An error that answers a client the way a `Refusal` does, so the HTTP layer can map every
/// refusal in its one place without knowing each lifecycle's error type.
public protocol RefusalConvertible: Error {
    var asRefusal: Refusal { get }
}

/// A client's `Idempotency-Key` for one kind of request, with a fingerprint of what it asked,
/// so that a retry gets the first answer and a reused key with another body is refused.
public struct IdempotencyKey: Sendable {
    public let scope: String
    public let key: String
    /// A digest of the request body: two requests are the same when their bodies are.
    public let fingerprint: String

    public init(scope: String, key: String, fingerprint: String) {
        self.scope = scope
        self.key = key
        self.fingerprint = fingerprint
    }
}

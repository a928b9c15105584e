/// A client's `Idempotency-Key` for one kind of request, with a fingerprint of what it asked,
/// so that a retry gets the first answer and a reused key with another body is refused. A key
/// belongs to the client that first sent it: another client sending it gets nothing of the answer.
public struct IdempotencyKey: Sendable {
    public let scope: String
    public let key: String
    /// A digest of the request body: two requests are the same when their bodies are.
    public let fingerprint: String
    /// Who sent it (the client address as the limits count it); nil for callers without one.
    public let client: String?

    public init(scope: String, key: String, fingerprint: String, client: String? = nil) {
        self.scope = scope
        self.key = key
        self.fingerprint = fingerprint
        self.client = client
    }
}

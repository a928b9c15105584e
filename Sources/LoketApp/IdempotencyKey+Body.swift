import Crypto
import LoketDomain

extension IdempotencyKey {
    /// `body` is the request as received; two requests are the same when their bodies are.
    public init(scope: String, key: String, body: some Sequence<UInt8>, client: String?) {
        self.init(
            scope: scope, key: key,
            fingerprint: SHA256.hash(data: Array(body)).map { String(format: "%02x", $0) }.joined(), client: client)
    }
}

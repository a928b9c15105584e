import LoketNotifications
import Testing

/// Partners check `X-Loket-Signature` with their own HMAC library; the value must be exactly
/// HMAC-SHA256(secret, timestamp + "." + body) in lower-case hex.
@Suite(.timeLimit(.minutes(3))) struct WebhookSignatureTests {
    /// Computed independently with Python's `hmac` module:
    /// `hmac.new(b"whsec_test", b'1700000000.{"event":"booking.confirmed"}', hashlib.sha256).hexdigest()`.
    @Test func matchesAnIndependentHMAC() {
        let signature = WebhookDispatcher.signature(
            secret: "whsec_test", timestamp: "1700000000", body: #"{"event":"booking.confirmed"}"#)
        #expect(signature == "sha256=e62b21e845f04707d1867430ad04a736180f5ca922e4fb9e2a3d52ea9ac9bfee")
    }

    @Test func anyChangeChangesTheSignature() {
        let base = WebhookDispatcher.signature(secret: "s", timestamp: "1", body: "{}")
        #expect(WebhookDispatcher.signature(secret: "t", timestamp: "1", body: "{}") != base)
        #expect(WebhookDispatcher.signature(secret: "s", timestamp: "2", body: "{}") != base)
        #expect(WebhookDispatcher.signature(secret: "s", timestamp: "1", body: "{ }") != base)
    }
}

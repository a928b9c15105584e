import Hummingbird

extension LoketRequestContext {
    /// The client a request counts against, as text ("192.0.2.7", "2001:db8::1"): what
    /// `ClientAddressMiddleware` decided (trusted proxies honoured), else the peer.
    public var clientAddress: String {
        if let client { return client }
        guard let remoteAddress else { return "unknown" }
        return remoteAddress.ipAddress ?? remoteAddress.pathname ?? "unknown"
    }
}

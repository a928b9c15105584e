import Hummingbird

extension LoketRequestContext {
    /// The client a request counts against, as text ("192.0.2.7", "2001:db8::1"). The one place
    /// that decides it: behind a trusted proxy this is where `Forwarded` would be read.
    public var clientAddress: String {
        guard let remoteAddress else { return "unknown" }
        return remoteAddress.ipAddress ?? remoteAddress.pathname ?? "unknown"
    }
}

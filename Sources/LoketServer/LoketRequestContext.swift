import Hummingbird
import NIOCore

/// The request context of every Loket route: Hummingbird's basics, the address of the connected
/// peer, and the client it stands for, which per-client rules (limits, the sign-in lockout) count.
/// Deliberately not a `RemoteAddressRequestContext`: Hummingbird's `TracingMiddleware` would then
/// put every client's address in its spans, and addresses stay out of what Loket records.
public struct LoketRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer of the connection; nil when the request did not come over a socket.
    public let remoteAddress: SocketAddress?
    /// The client's address as `ClientAddressMiddleware` decided it (the peer, or behind a
    /// trusted proxy the address it forwarded for). Never logged.
    public internal(set) var client: String?
    /// The request's id (`RequestIdentity`), as `ClientAddressMiddleware` decided it.
    public internal(set) var requestID = ""

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }
}

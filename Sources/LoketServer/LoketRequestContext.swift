import Hummingbird
import NIOCore

/// The request context of every Loket route: Hummingbird's basics and the address of the
/// connected client, which per-client rules (the sign-in lockout) need.
public struct LoketRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer of the connection; nil when the request did not come over a socket.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }
}

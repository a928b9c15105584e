import Hummingbird
import NIOCore

/// The request context of the API and the pages: Hummingbird's basic context, plus the address
/// of the connection's peer and the client it stands for, which the per-client limits count.
public struct LoketRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The client's address as `ClientAddressMiddleware` decided it (the peer, or behind a
    /// trusted proxy the address it forwarded for). Never logged.
    public internal(set) var client: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}

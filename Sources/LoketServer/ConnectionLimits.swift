import Hummingbird
import HummingbirdCore
import NIOCore

/// How long a connection may sit idle and how long one request may take to arrive, so that
/// clients that open connections and send nothing (or very little) cannot use them all up.
public struct ConnectionLimits: Sendable {
    /// A connection with no request under way is closed after this; a half-sent request head too.
    public var idleTimeout: Duration
    /// A request's head and body must have arrived this long after its head began to be read.
    public var readTimeout: Duration

    /// Generous for a person on a slow mobile connection, short for a connection hoarder.
    public init(idleTimeout: Duration = .seconds(30), readTimeout: Duration = .seconds(30)) {
        self.idleTimeout = idleTimeout
        self.readTimeout = readTimeout
    }

    /// An HTTP/1.1 server with these limits.
    public var server: HTTPServerBuilder {
        let read = TimeAmount(readTimeout)
        return .http1(
            configuration: .init(
                additionalChannelHandlers: [RequestReadTimeout(timeout: read)], idleTimeout: TimeAmount(idleTimeout)))
    }
}

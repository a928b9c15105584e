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
    public var server: HTTPServerBuilder { .http1(configuration: http1(idleTimeout: idleTimeout)) }

    /// An HTTP/1.1 server with these limits that sends the `answers` that are ready without
    /// going through the router; `proxies` tell it the client, for the client's limits.
    public func server(answers: ReadyAnswers, proxies: TrustedProxies) -> HTTPServerBuilder {
        let configuration = http1(idleTimeout: nil)
        let idleTimeout = idleTimeout
        return HTTPServerBuilder { responder in
            ReadyAnswerChannel(
                http1: HTTP1Channel(responder: responder, configuration: configuration), answers: answers,
                proxies: proxies, idleTimeout: idleTimeout)
        }
    }

    /// Hummingbird's connection with the read limit, and the idle limit when `idleTimeout` is
    /// given (`ReadyAnswerChannel` keeps that limit itself).
    private func http1(idleTimeout: Duration?) -> HTTP1Channel.Configuration {
        .init(
            additionalChannelHandlers: [RequestReadTimeout(timeout: TimeAmount(readTimeout))],
            idleTimeout: idleTimeout.map { TimeAmount($0) })
    }
}

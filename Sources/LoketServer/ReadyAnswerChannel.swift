import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1.1 connection with `ReadyAnswerHandler` in front of the router.
struct ReadyAnswerChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    /// Made without an idle timeout: `ReadyAnswerHandler` keeps it, as it alone sees every request.
    let http1: HTTP1Channel
    let answers: ReadyAnswers
    let proxies: TrustedProxies
    let idleTimeout: Duration

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        http1.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let pipeline = channel.pipeline.syncOperations
            // Right after NIO's parser: before the conversion to Swift HTTP Types.
            let codec = try pipeline.handler(type: HTTP1ToHTTPServerCodec.self)
            try pipeline.addHandler(
                ReadyAnswerHandler(answers: answers, proxies: proxies, idleTimeout: idleTimeout),
                position: .before(codec))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}

import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1.1 connection with `ReadyAnswerHandler` in front of the router.
struct ReadyAnswerChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let http1: HTTP1Channel
    let answers: ReadyAnswers
    let proxies: TrustedProxies

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        http1.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let pipeline = channel.pipeline.syncOperations
            // After the connection-state handler, so that it counts the requests answered here.
            let state = try pipeline.handler(type: HTTPConnectionStateHandler.self)
            try pipeline.addHandler(ReadyAnswerHandler(answers: answers, proxies: proxies), position: .after(state))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}

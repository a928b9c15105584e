import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers a request on the connection's own thread when `ReadyAnswers` has a current answer
/// for it, and passes every other request on to the router unchanged; `ReadyAnswerState`
/// decides which, and this handler only does what it says.
///
/// It sits after Hummingbird's connection-state handler, which therefore sees every request and
/// response (idle timeout, graceful shutdown), and before the router's async channel.
/// Hand-written: Hummingbird answers through its router only.
final class ReadyAnswerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let answers: ReadyAnswers
    let proxies: TrustedProxies
    private var state = ReadyAnswerState()

    init(answers: ReadyAnswers, proxies: TrustedProxies) {
        self.answers = answers
        self.proxies = proxies
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            switch state.head(head, writable: context.channel.isWritable, now: .now) {
            case .hold, .drop: break
            case .passOn: context.fireChannelRead(data)
            }
        case .body:
            if state.body() == .forward { context.fireChannelRead(data) }
        case .end:
            switch state.end() {
            case .drop: break
            case .forward: context.fireChannelRead(data)
            case .answer(let head, let since):
                let answer = answers.answer(head) {
                    self.proxies.client(peer: context.channel.remoteAddress, headers: head.headerFields)
                }
                guard let answer else {
                    state.notAnswered()
                    context.fireChannelRead(wrapInboundOut(.head(head)))
                    context.fireChannelRead(data)
                    return
                }
                send(answer, to: head, since: since, context: context)
            }
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if state.readComplete() { context.flush() }
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { state.responseEnded() }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        state.errorCaught()
        context.fireErrorCaught(error)
    }

    /// Writes the answer as the router would have: the heads made for it, with `Date` and
    /// `Server`. After a request that asked to close, closes the output as the router does.
    private func send(
        _ answer: ReadyAnswers.Answer, to request: HTTPRequest, since: ContinuousClock.Instant,
        context: ChannelHandlerContext
    ) {
        let form = ReadyBody.acceptsGzip(request.headerFields[.acceptEncoding]) ? answer.gzip : answer.plain
        let (response, body) = form.answer(ifNoneMatch: request.headerFields[.ifNoneMatch])
        var head = response
        head.headerFields[.date] = HTTPDate.shared.text()
        if let server = answers.serverName { head.headerFields[.server] = server }
        head.headerFields[RequestIdentity.header] = RequestIdentity.id(
            peer: context.channel.remoteAddress, headers: request.headerFields, proxies: proxies)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if let body { context.write(wrapOutboundOut(.body(body)), promise: nil) }
        switch state.answered() {
        case .flushAndCloseOutput:
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
                bound.value.close(mode: .output, promise: nil)
            }
        case .flushLater:
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
        }
        answer.record(head.status, .now - since)
    }
}

@available(*, unavailable)
extension ReadyAnswerHandler: Sendable {}

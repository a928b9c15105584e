import NIOCore
import NIOHTTP1

/// Answers a request on the connection's own thread when `ReadyAnswers` has a current answer
/// for it, and passes every other request on to the router unchanged; `ReadyAnswerState`
/// decides which, and this handler only does what it says.
///
/// It sits right after NIO's HTTP/1.1 parser, before the conversion to Swift HTTP Types and
/// Hummingbird's connection handler: an answer ready here is written in NIO's own types, as
/// the benchmarks' NIO floor writes its answers, and costs neither conversion. Hummingbird's
/// handler then never sees these requests, so this one keeps the connection's idle time.
/// Hand-written: Hummingbird answers through its router only.
final class ReadyAnswerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    let answers: ReadyAnswers
    let proxies: TrustedProxies
    /// A connection with no request under way is closed after this.
    let idleTimeout: Duration
    private var state = ReadyAnswerState(now: .now)
    private var idleTimer: Scheduled<Void>?
    private var date = HTTPDate()

    init(answers: ReadyAnswers, proxies: TrustedProxies, idleTimeout: Duration) {
        self.answers = answers
        self.proxies = proxies
        self.idleTimeout = idleTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { lookAgain(at: .now + idleTimeout, context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        lookAgain(at: .now + idleTimeout, context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stopIdleTimer()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { stopIdleTimer() }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            switch state.head(head, writable: context.channel.isWritable, now: .now) {
            case .hold, .drop: break
            case .passOn: context.fireChannelRead(data)
            }
        case .body:
            if state.body(now: .now) == .forward { context.fireChannelRead(data) }
        case .end:
            switch state.end() {
            case .drop: break
            case .forward: context.fireChannelRead(data)
            case .answer(let head, let since):
                let answer = answers.answer(head) {
                    self.proxies.client(peer: context.channel.remoteAddress, headers: RequestHeaders(head.headers))
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
        guard case .end = unwrapOutboundIn(data) else { return context.write(data, promise: promise) }
        switch state.responseEnded(now: .now) {
        case .answering:
            context.write(data, promise: promise)
        case .idle:
            lookAgain(at: state.lastActive + idleTimeout, context: context)
            context.write(data, promise: promise)
        case .closeOutput:
            // The timer may have found the router answering and stopped: it closes the
            // connection should the client never close its side.
            lookAgain(at: state.lastActive + idleTimeout, context: context)
            context.write(data, promise: promise)
            closeOutput(context: context)
        }
    }

    /// Closes the connection's output once what was written has left (NIO holds the close back
    /// until then), as Hummingbird does after `Connection: close`.
    private func closeOutput(context: ChannelHandlerContext) {
        context.flush()
        context.close(mode: .output, promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        state.errorCaught()
        context.fireErrorCaught(error)
    }

    /// Writes the answer as the router would have: the heads made for it, with `Date`, `Server`
    /// and the request's id. After a request that asked to close, closes the output.
    private func send(
        _ answer: ReadyAnswers.Answer, to request: HTTPRequestHead, since: ContinuousClock.Instant,
        context: ChannelHandlerContext
    ) {
        let headers = RequestHeaders(request.headers)
        let form = ReadyBody.acceptsGzip(headers[.acceptEncoding]) ? answer.gzip : answer.plain
        var (head, body) = form.answer(ifNoneMatch: headers[.ifNoneMatch])
        head.headers.add(name: "Date", value: date.text())
        if let server = answers.serverName { head.headers.add(name: "Server", value: server) }
        head.headers.add(
            name: RequestIdentity.header.rawName,
            value: RequestIdentity.id(peer: context.channel.remoteAddress, headers: headers, proxies: proxies))
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if let body { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        switch state.answered() {
        case .flushAndCloseOutput:
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
            closeOutput(context: context)
        case .flushLater:
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
        }
        answer.record(Int(head.status.code), .now - since)
    }

    /// Sets the idle timer for `deadline`, unless one is set: when it fires, it reads the state
    /// and sets itself again if the connection was used meanwhile (one timer per idle period,
    /// none per request).
    private func lookAgain(at deadline: ContinuousClock.Instant, context: ChannelHandlerContext) {
        guard idleTimer == nil else { return }
        idleTimer = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(deadline - .now)) {
            self.idleTimer = nil
            switch self.state.idle(now: .now, timeout: self.idleTimeout) {
            case .close: context.close(promise: nil)
            case .lookAgain(let deadline): self.lookAgain(at: deadline, context: context)
            case .waitForResponse: break
            }
        }
    }

    private func stopIdleTimer() {
        idleTimer?.cancel()
        idleTimer = nil
    }
}

@available(*, unavailable)
extension ReadyAnswerHandler: Sendable {}

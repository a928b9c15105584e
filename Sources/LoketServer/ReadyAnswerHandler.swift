import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers a request on the connection's own thread when `ReadyAnswers` has a current answer
/// for it, and passes every other request on to the router unchanged.
///
/// It sits after Hummingbird's connection-state handler, which therefore sees every request and
/// response (idle timeout, graceful shutdown), and before the router's async channel. A request
/// is answered here only when none is waiting for the router on this connection, so that
/// pipelined responses keep their order, and only while the connection can take more output:
/// a client that sends requests without reading the answers meets the router's back-pressure.
/// Hand-written: Hummingbird answers through its router only.
final class ReadyAnswerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let answers: ReadyAnswers
    let proxies: TrustedProxies
    /// Requests passed on whose response has not yet ended.
    private var passedOn = 0
    /// A request head that may be answered here, once its end arrives.
    private var held: (head: HTTPRequest, since: ContinuousClock.Instant)?
    /// A request that asked to close the connection has arrived whole: nothing after it is
    /// answered (RFC 9112 §9.6), here or by the router, which stops reading after it.
    private var closing = false
    /// The request being read asked to close the connection after its answer.
    private var asksToClose = false
    /// Answers written and not yet flushed: flushed once per read, so that requests that came
    /// together leave in one write.
    private var unflushed = false

    init(answers: ReadyAnswers, proxies: TrustedProxies) {
        self.answers = answers
        self.proxies = proxies
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            asksToClose = head.headerFields[.connection] == "close"
            if passedOn == 0, head.method == .get, !Self.hasBody(head), context.channel.isWritable {
                held = (head, .now)
                return
            }
            passOn(.head(head), context: context)
        case .body:
            context.fireChannelRead(data)
        case .end:
            closing = asksToClose
            guard let held else {
                context.fireChannelRead(data)
                return
            }
            self.held = nil
            let answer = answers.answer(held.head) {
                proxies.client(peer: context.channel.remoteAddress, headers: held.head.headerFields)
            }
            guard let answer else {
                passOn(.head(held.head), context: context)
                context.fireChannelRead(data)
                return
            }
            send(answer, to: held.head, since: held.since, context: context)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if unflushed {
            unflushed = false
            context.flush()
        }
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // Not below zero: the router's side answers a broken request (400) it was never passed.
        if case .end = unwrapOutboundIn(data) { passedOn = max(0, passedOn - 1) }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A request that broke off is not answered; the router's side answers the error.
        held = nil
        context.fireErrorCaught(error)
    }

    /// Whether a request announces a body: then it is the router's, and passed on at once.
    static func hasBody(_ head: HTTPRequest) -> Bool {
        head.headerFields[.transferEncoding] != nil || (head.headerFields[.contentLength].map { $0 != "0" } ?? false)
    }

    private func passOn(_ head: HTTPRequestPart, context: ChannelHandlerContext) {
        passedOn += 1
        context.fireChannelRead(wrapInboundOut(head))
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
        if closing {
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
                bound.value.close(mode: .output, promise: nil)
            }
        } else {
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
            unflushed = true
        }
        answer.record(head.status, .now - since)
    }
}

@available(*, unavailable)
extension ReadyAnswerHandler: Sendable {}

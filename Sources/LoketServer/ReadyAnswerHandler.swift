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

    init(answers: ReadyAnswers, proxies: TrustedProxies) {
        self.answers = answers
        self.proxies = proxies
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            if passedOn == 0, head.method == .get, context.channel.isWritable {
                held = (head, .now)
                return
            }
            passOn(.head(head), context: context)
        case .body:
            // A GET with a body is not answered here.
            if let held {
                self.held = nil
                passOn(.head(held.head), context: context)
            }
            context.fireChannelRead(data)
        case .end:
            guard let held else { return context.fireChannelRead(data) }
            self.held = nil
            let client = proxies.client(peer: context.channel.remoteAddress, headers: held.head.headerFields)
            guard let answer = answers.answer(held.head, client: client) else {
                passOn(.head(held.head), context: context)
                return context.fireChannelRead(data)
            }
            send(answer, to: held.head, since: held.since, context: context)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // Not below zero: the router's side answers a broken request (400) it was never passed.
        if case .end = unwrapOutboundIn(data) { passedOn = max(0, passedOn - 1) }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        held = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A request that broke off is not answered; the router's side answers the error.
        held = nil
        context.fireErrorCaught(error)
    }

    private func passOn(_ head: HTTPRequestPart, context: ChannelHandlerContext) {
        passedOn += 1
        context.fireChannelRead(wrapInboundOut(head))
    }

    /// Writes the answer as the router would have: its headers, the security headers, `Date`
    /// and `Server`; closes the connection after it when the client asked to.
    private func send(
        _ answer: ReadyAnswers.Answer, to request: HTTPRequest, since: ContinuousClock.Instant,
        context: ChannelHandlerContext
    ) {
        var (head, body) = answer.body.answer(to: request.headerFields, cacheControl: answer.cacheControl)
        head.headerFields.append(contentsOf: answer.headers)
        head.headerFields[.contentLength] = String(body?.readableBytes ?? 0)
        head.headerFields[.date] = HTTPDate.shared.text()
        if let server = answers.serverName { head.headerFields[.server] = server }
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if let body { context.write(wrapOutboundOut(.body(body)), promise: nil) }
        let end = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if request.headerFields[.connection] == "close" {
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            end.whenComplete { _ in bound.value.close(promise: nil) }
        }
        answer.record(head.status, .now - since)
    }
}

@available(*, unavailable)
extension ReadyAnswerHandler: Sendable {}

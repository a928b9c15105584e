import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOPosix
import Testing

@testable import LoketServer

/// A client that opens a connection and sends a request slowly, or only half of it, is cut off:
/// the connection is closed by the server, long before the client would have finished.
@Suite(.timeLimit(.minutes(3))) struct ConnectionLimitsTests {
    /// Sends `bytes` on a fresh connection to `port` and returns how long the server took to close it.
    func closeTime(port: Int, sending bytes: String) async throws -> Duration {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port).get()
        let started = ContinuousClock.now
        do {
            try await channel.writeAndFlush(ByteBuffer(string: bytes))
        } catch ChannelError.ioOnClosedChannel {
            // On a busy machine the server may close the connection before the bytes are out:
            // cut off all the same.
        }
        try await channel.closeFuture.get()
        return ContinuousClock.now - started
    }

    static let halves: [(name: String, bytes: String)] = [
        ("half a head", "GET /health HTTP/1.1\r\nHost: loket\r\nX-Slow: "),
        ("a head and part of its body", "POST /echo HTTP/1.1\r\nHost: loket\r\nContent-Length: 1000\r\n\r\nabc"),
    ]

    /// The server with Hummingbird's router only, and as `loket serve` runs it: with the ready
    /// answers in front, which keep the idle limit themselves.
    static let servers: [(name: String, readyAnswers: Bool)] = [("router only", false), ("ready answers", true)]

    @Test(arguments: halves, servers)
    func halfARequestIsCutOff(
        _ example: (name: String, bytes: String), _ server: (name: String, readyAnswers: Bool)
    ) async throws {
        let router = Router(context: LoketRequestContext.self)
        router.get("/health") { _, _ in "ok" }
        router.post("/echo") { request, _ in
            Response(status: .ok, body: .init(byteBuffer: try await request.body.collect(upTo: 4096)))
        }
        let limits = ConnectionLimits(idleTimeout: .milliseconds(300), readTimeout: .milliseconds(300))
        let app = Application(
            router: router,
            server: server.readyAnswers
                ? limits.server(answers: ReadyAnswers(), proxies: try TrustedProxies(cidrs: [])) : limits.server,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let waited = try await closeTime(port: client.port!, sending: example.bytes)
            #expect(waited < .seconds(10), "\(example.name), \(server.name)")
        }
    }

    /// A body that trickles in keeps the connection busy, so the idle limit alone never fires;
    /// the read limit does.
    @Test func aTricklingBodyIsCutOffByTheReadLimit() async throws {
        let router = Router(context: LoketRequestContext.self)
        router.post("/echo") { request, _ in
            Response(status: .ok, body: .init(byteBuffer: try await request.body.collect(upTo: 4096)))
        }
        let limits = ConnectionLimits(idleTimeout: .seconds(60), readTimeout: .milliseconds(300))
        let app = Application(
            router: router, server: limits.server, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let waited = try await closeTime(
                port: client.port!,
                sending: "POST /echo HTTP/1.1\r\nHost: loket\r\nContent-Length: 1000\r\n\r\nabc")
            #expect(waited < .seconds(30))
        }
    }

    /// Requests answered before the router never reach Hummingbird's connection handler: the
    /// idle limit still closes a connection that only they used, and only once it sits idle.
    @Test func aConnectionUsedOnlyByReadyAnswersIsClosedWhenIdle() async throws {
        let router = Router(context: LoketRequestContext.self)
        router.get("/health") { _, _ in "router" }
        let ready = ReadyAnswers()
        ready.publish(
            ReadyAnswers.Answer(
                body: ReadyBody(string: "ready", contentType: "text/plain"), cacheControl: "no-cache", headers: [:],
                isCurrent: { true }, admit: { _ in true }, record: { _, _ in }),
            for: "/health")
        // Long enough that the answer comes first even when parallel tests hold the event loops
        // for a while (they did for 300 ms): the idle time runs from the connection's start.
        let limits = ConnectionLimits(idleTimeout: .seconds(2), readTimeout: .seconds(60))
        let app = Application(
            router: router, server: limits.server(answers: ready, proxies: try TrustedProxies(cidrs: [])),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let started = ContinuousClock.now
            // Reads until the server closes: the test's time limit fails it if it never does.
            let received = try await RawConnection.exchange(
                port: client.port!, "GET /health HTTP/1.1\r\nHost: loket\r\n\r\n")
            // Not before the limit: the answer itself does not end the connection.
            #expect(ContinuousClock.now - started >= .seconds(2))
            #expect(received.hasPrefix("HTTP/1.1 200 OK\r\n") && received.hasSuffix("\r\n\r\nready"))
            #expect(ready.sent.load(ordering: .relaxed) == 1)
        }
    }
}

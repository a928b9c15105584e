import Foundation
import Hummingbird
import HummingbirdTesting
import LoketServer
import NIOCore
import NIOPosix
import Testing

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

    @Test(arguments: halves) func halfARequestIsCutOff(_ example: (name: String, bytes: String)) async throws {
        let router = Router(context: LoketRequestContext.self)
        router.get("/health") { _, _ in "ok" }
        router.post("/echo") { request, _ in
            Response(status: .ok, body: .init(byteBuffer: try await request.body.collect(upTo: 4096)))
        }
        let limits = ConnectionLimits(idleTimeout: .milliseconds(300), readTimeout: .milliseconds(300))
        let app = Application(
            router: router, server: limits.server, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let waited = try await closeTime(port: client.port!, sending: example.bytes)
            #expect(waited < .seconds(10), "\(example.name)")
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
}

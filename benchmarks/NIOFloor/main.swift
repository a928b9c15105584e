// The floor of a SwiftNIO HTTP/1.1 server, for benchmarks/run.sh: every file of a folder, read
// once at start, answered from pre-built buffers that each event loop rebuilds once a second with
// the date, and a flush at read-complete. Two floors:
// - `http1` (the swift-nio TechEmpower entry's shape): NIO's HTTP/1.1 pipeline parses each
//   request and encodes each response head (`configureHTTPServerPipeline`), the body is a
//   pre-built buffer. What an HTTP server on NIO costs before it does anything of its own.
// - `raw`: no parsing beyond finding each request's end, and the whole answer (status line,
//   headers and body) one pre-built buffer: less work than an HTTP server does, yet slower than
//   `http1` here (its byte search costs more than NIO's parser), so context only.
// A cached Loket answer is measured against both (and against nginx) in the same run.
// Usage: nio-floor PORT FOLDER [http1|raw]
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

let arguments = CommandLine.arguments
guard (3...4).contains(arguments.count), let port = Int(arguments[1]),
    let parses = arguments.count == 3 ? true : ["http1": true, "raw": false][arguments[3]]
else {
    FileHandle.standardError.write(Data("usage: nio-floor PORT FOLDER [http1|raw]\n".utf8))
    exit(64)
}

/// The folder's files by request path ("/slots.json"), with their content type.
let files: [String: (body: [UInt8], type: String)] = {
    let folder = URL(fileURLWithPath: arguments[2])
    var files: [String: (body: [UInt8], type: String)] = [:]
    for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where !name.hasSuffix(".gz") {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { continue }
        let type =
            name.hasSuffix(".html")
            ? "text/html; charset=utf-8" : name.hasSuffix(".txt") ? "text/plain; charset=utf-8" : "application/json"
        files["/" + name] = ([UInt8](data), type)
    }
    return files
}()

/// Every file's whole answer (status line, headers with the date, body) and its head and body
/// apart, built once a second on each event loop.
final class LoopAnswers: Sendable {
    private let answers = NIOLockedValueBox([String: ByteBuffer]())
    private let heads = NIOLockedValueBox([String: HTTPResponseHead]())
    private let missing = ByteBuffer(string: "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
    let bodies: [String: ByteBuffer] = files.mapValues { ByteBuffer(bytes: $0.body) }
    let missingHead = HTTPResponseHead(version: .http1_1, status: .notFound, headers: ["Content-Length": "0"])

    init(on loop: any EventLoop) {
        renew()
        loop.scheduleRepeatedTask(initialDelay: .seconds(1), delay: .seconds(1)) { _ in self.renew() }
    }

    func renew() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let date = formatter.string(from: Date())
        var built: [String: ByteBuffer] = [:]
        var builtHeads: [String: HTTPResponseHead] = [:]
        for (path, file) in files {
            builtHeads[path] = HTTPResponseHead(
                version: .http1_1, status: .ok,
                headers: [
                    "Server": "nio-floor", "Date": date, "Content-Type": file.type,
                    "Content-Length": String(file.body.count),
                ])
            var buffer = ByteBuffer()
            buffer.writeString("HTTP/1.1 200 OK\r\nServer: nio-floor\r\nDate: \(date)\r\n")
            buffer.writeString("Content-Type: \(file.type)\r\nContent-Length: \(file.body.count)\r\n\r\n")
            buffer.writeBytes(file.body)
            built[path] = buffer
        }
        answers.withLockedValue { $0 = built }
        heads.withLockedValue { $0 = builtHeads }
    }

    func answer(_ path: String) -> ByteBuffer { answers.withLockedValue { $0[path] } ?? missing }

    func head(_ path: String) -> HTTPResponseHead? { heads.withLockedValue { $0[path] } }
}

/// The TechEmpower entry's handler: each request's head names the file, its end sends the answer.
final class HTTP1FloorHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let answers: LoopAnswers
    private var path = ""

    init(answers: LoopAnswers) { self.answers = answers }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request): path = String(request.uri.prefix { $0 != "?" })
        case .body: break
        case .end:
            if let head = answers.head(path), let body = answers.bodies[path] {
                context.write(wrapOutboundOut(.head(head)), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            } else {
                context.write(wrapOutboundOut(.head(answers.missingHead)), promise: nil)
            }
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
        context.fireChannelReadComplete()
    }
}

/// Answers each request on the connection with the pre-built bytes of its path.
final class FloorHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let answers: LoopAnswers
    private var pending = ByteBuffer()
    private var answered = false
    private static let end = Array("\r\n\r\n".utf8)

    init(answers: LoopAnswers) { self.answers = answers }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        pending.writeBuffer(&incoming)
        while let request = pending.readableBytesView.firstRange(of: Self.end) {
            let view = pending.readableBytesView[pending.readerIndex..<request.lowerBound]
            // "GET /path HTTP/1.1": the path runs from after the first space to the next.
            let start = view.firstIndex(of: UInt8(ascii: " ")).map { view.index(after: $0) } ?? view.endIndex
            let stop = view[start...].firstIndex { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "?") } ?? view.endIndex
            let path = String(decoding: view[start..<stop], as: UTF8.self)
            context.write(wrapOutboundOut(answers.answer(path)), promise: nil)
            answered = true
            pending.moveReaderIndex(to: request.upperBound)
        }
        pending.discardReadBytes()
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if answered {
            answered = false
            context.flush()
        }
    }
}

let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
let loops = NIOLockedValueBox([ObjectIdentifier: LoopAnswers]())
let channel = try ServerBootstrap(group: group)
    .serverChannelOption(.backlog, value: 4096)
    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
    .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
    .childChannelInitializer { channel in
        let loop = channel.eventLoop
        let answers = loops.withLockedValue { loops in
            if let answers = loops[ObjectIdentifier(loop)] { return answers }
            let answers = LoopAnswers(on: loop)
            loops[ObjectIdentifier(loop)] = answers
            return answers
        }
        return loop.makeCompletedFuture {
            if parses {
                try channel.pipeline.syncOperations.configureHTTPServerPipeline(withPipeliningAssistance: false)
                try channel.pipeline.syncOperations.addHandler(HTTP1FloorHandler(answers: answers))
            } else {
                try channel.pipeline.syncOperations.addHandler(FloorHandler(answers: answers))
            }
        }
    }
    .bind(host: "127.0.0.1", port: port).wait()
print("nio-floor (\(parses ? "http1" : "raw")) on 127.0.0.1:\(port), \(files.count) files")
try channel.closeFuture.wait()

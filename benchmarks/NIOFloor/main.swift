// The floor of a SwiftNIO HTTP/1.1 server, for benchmarks/run.sh: every file of a folder, read
// once at start, answered as pre-built bytes (status line, headers and body in one buffer that
// each event loop rebuilds once a second with the date) and a flush at read-complete, as the swift-nio
// TechEmpower entry does. No router, no middleware, no parsing beyond finding each request's
// end: what a NIO server costs before it does anything. A cached Loket answer is measured
// against this (and against nginx) in the same run.
// Usage: nio-floor PORT FOLDER
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

let arguments = CommandLine.arguments
guard arguments.count == 3, let port = Int(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: nio-floor PORT FOLDER\n".utf8))
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

/// Every file's whole answer (status line, headers with the date, body), built once a second on
/// each event loop.
final class LoopAnswers: Sendable {
    private let answers = NIOLockedValueBox([String: ByteBuffer]())
    private let missing = ByteBuffer(string: "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")

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
        for (path, file) in files {
            var buffer = ByteBuffer()
            buffer.writeString("HTTP/1.1 200 OK\r\nServer: nio-floor\r\nDate: \(date)\r\n")
            buffer.writeString("Content-Type: \(file.type)\r\nContent-Length: \(file.body.count)\r\n\r\n")
            buffer.writeBytes(file.body)
            built[path] = buffer
        }
        answers.withLockedValue { $0 = built }
    }

    func answer(_ path: String) -> ByteBuffer { answers.withLockedValue { $0[path] } ?? missing }
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
            try channel.pipeline.syncOperations.addHandler(FloorHandler(answers: answers))
        }
    }
    .bind(host: "127.0.0.1", port: port).wait()
print("nio-floor on 127.0.0.1:\(port), \(files.count) files")
try channel.closeFuture.wait()

// The floor of a SwiftNIO HTTP/1.1 server, for benchmarks/run.sh: every file of a folder, read
// once at start, answered as pre-built bytes (status line, headers and body in one buffer), with
// the date each event loop renews once a second and a flush at read-complete, as the swift-nio
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

/// The date as HTTP writes it, renewed once a second on each event loop.
final class LoopDate: Sendable {
    private let value = NIOLockedValueBox("")

    init(on loop: any EventLoop) {
        renew()
        loop.scheduleRepeatedTask(initialDelay: .seconds(1), delay: .seconds(1)) { _ in self.renew() }
    }

    func renew() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let now = formatter.string(from: Date())
        value.withLockedValue { $0 = now }
    }

    var current: String { value.withLockedValue { $0 } }
}

/// Answers each request on the connection with the pre-built bytes of its path.
final class FloorHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let date: LoopDate
    private var pending = ByteBuffer()
    private var answered = false

    init(date: LoopDate) { self.date = date }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        pending.writeBuffer(&incoming)
        while let view = pending.readableBytesView.firstRange(of: Array("\r\n\r\n".utf8)) {
            let length = view.upperBound - pending.readerIndex
            let request = pending.readString(length: length) ?? ""
            let path = request.split(separator: " ", maxSplits: 2).dropFirst().first.map(String.init) ?? "/"
            context.write(wrapOutboundOut(answer(path, allocator: context.channel.allocator)), promise: nil)
            answered = true
        }
        pending.discardReadBytes()
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if answered {
            answered = false
            context.flush()
        }
    }

    private func answer(_ path: String, allocator: ByteBufferAllocator) -> ByteBuffer {
        let file = files[String(path.prefix { $0 != "?" })]
        let body = file?.body ?? Array("not found".utf8)
        var buffer = allocator.buffer(capacity: body.count + 160)
        buffer.writeString(file == nil ? "HTTP/1.1 404 Not Found\r\n" : "HTTP/1.1 200 OK\r\n")
        buffer.writeString("Server: nio-floor\r\nDate: \(date.current)\r\n")
        buffer.writeString("Content-Type: \(file?.type ?? "text/plain")\r\nContent-Length: \(body.count)\r\n\r\n")
        buffer.writeBytes(body)
        return buffer
    }
}

let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
let dates = NIOLockedValueBox([ObjectIdentifier: LoopDate]())
let channel = try ServerBootstrap(group: group)
    .serverChannelOption(.backlog, value: 4096)
    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
    .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
    .childChannelInitializer { channel in
        let loop = channel.eventLoop
        let date = dates.withLockedValue { dates in
            if let date = dates[ObjectIdentifier(loop)] { return date }
            let date = LoopDate(on: loop)
            dates[ObjectIdentifier(loop)] = date
            return date
        }
        return loop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(FloorHandler(date: date)) }
    }
    .bind(host: "127.0.0.1", port: port).wait()
print("nio-floor on 127.0.0.1:\(port), \(files.count) files")
try channel.closeFuture.wait()

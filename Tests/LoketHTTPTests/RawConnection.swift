import NIOCore
import NIOPosix

/// One connection to a test server that sends bytes as they are (pipelined requests, a HEAD
/// among GETs) and reads everything until the server closes it.
enum RawConnection {
    static func exchange(port: Int, _ bytes: String) async throws -> String {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        var received = ""
        do {
            try await channel.executeThenClose { inbound, outbound in
                try await outbound.write(ByteBuffer(string: bytes))
                for try await chunk in inbound { received += String(buffer: chunk) }
            }
        } catch ChannelError.ioOnClosedChannel {
            // Closing our side after the server closed its own.
        }
        return received
    }
}

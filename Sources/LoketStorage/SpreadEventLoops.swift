import Dispatch
import NIOCore
import NIOPosix

/// NIO's shared event loops, handed out in turn even to a caller that runs on one of them.
///
/// PostgresNIO's pool opens each connection on `eventLoopGroup.any()`, which from inside an event
/// loop answers that same loop; the pool's task runs on one, so all sixteen connections shared
/// it, and with them every query's I/O and the booking tasks resumed by it: one of the two cores
/// ran a third of the whole machine's work and the other sat idle. Hand-written: NIO has no group
/// that spreads `any()`.
final class SpreadEventLoops: EventLoopGroup, Sendable {
    private let base: any EventLoopGroup

    init(_ base: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.base = base
    }

    func next() -> any EventLoop { base.next() }

    func any() -> any EventLoop { base.next() }

    func makeIterator() -> EventLoopIterator { base.makeIterator() }

    /// The shared loops outlive every client; like NIO's singleton, this group is never shut down.
    func shutdownGracefully(queue: DispatchQueue, _ callback: @escaping @Sendable ((any Error)?) -> Void) {
        queue.async { callback(EventLoopError.unsupportedOperation) }
    }
}

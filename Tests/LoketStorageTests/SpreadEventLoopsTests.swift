import NIOCore
import NIOPosix
import Testing

@testable import LoketStorage

/// PostgreSQL's connections are opened on `any()` of their group from inside an event loop: the
/// group Loket gives the client hands out every loop in turn there, where NIO's own answers the
/// loop it is asked on.
@Suite struct SpreadEventLoopsTests {
    @Test func fromInsideALoopEveryLoopIsHandedOut() async throws {
        // A group of its own: the shared one's turns are taken by every test running beside this.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 3)
        let loops = Set(group.makeIterator().map(ObjectIdentifier.init))
        let inside = group.next()
        let (spread, nios) = try await inside.submit {
            let spreading = SpreadEventLoops(group)
            let spread = (0..<loops.count).map { _ in ObjectIdentifier(spreading.any()) }
            let nios = (0..<loops.count).map { _ in ObjectIdentifier(group.any()) }
            return (Set(spread), Set(nios))
        }.get()
        try await group.shutdownGracefully()
        #expect(spread == loops)
        // What the spreading is for: NIO's group keeps to the loop it is asked on.
        #expect(nios == [ObjectIdentifier(inside)])
    }
}

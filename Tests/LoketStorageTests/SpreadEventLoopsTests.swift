import NIOCore
import NIOPosix
import Testing

@testable import LoketStorage

/// PostgreSQL's connections are opened on `any()` of their group from inside an event loop: the
/// group Loket gives the client hands out every loop in turn there, where NIO's own answers the
/// loop it is asked on.
@Suite struct SpreadEventLoopsTests {
    @Test func fromInsideALoopEveryLoopIsHandedOut() async throws {
        let loops = Set(MultiThreadedEventLoopGroup.singleton.makeIterator().map(ObjectIdentifier.init))
        let inside = MultiThreadedEventLoopGroup.singleton.next()
        let (spread, nios) = try await inside.submit {
            let group = SpreadEventLoops()
            let spread = (0..<loops.count).map { _ in ObjectIdentifier(group.any()) }
            let nios = (0..<loops.count).map { _ in ObjectIdentifier(MultiThreadedEventLoopGroup.singleton.any()) }
            return (Set(spread), Set(nios))
        }.get()
        #expect(spread == loops)
        // What the spreading is for: NIO's group keeps to the loop it is asked on.
        #expect(nios == [ObjectIdentifier(inside)])
    }
}

import LoketSimulation
import Testing

/// The shared c-server queue on its own: who is served at once, who waits, and in which order.
struct ServerQueueTests {
    @Test func serversFillFirstThenTheLineIsServedFirstComeFirstServed() {
        var desk = ServerQueue(servers: 2)
        // Two free servers take the first two; the next three wait, in arrival order.
        #expect(desk.arrive(.init(arrived: 0, kind: 1))?.kind == 1)
        #expect(desk.arrive(.init(arrived: 1, kind: 2))?.kind == 2)
        #expect(desk.arrive(.init(arrived: 2, kind: 3)) == nil)
        #expect(desk.arrive(.init(arrived: 3, kind: 4)) == nil)
        #expect(desk.arrive(.init(arrived: 4, kind: 5)) == nil)
        #expect(desk.busy == 2 && desk.waiting == 3)
        // Each departure hands its server to the front of the line.
        #expect(desk.release()?.kind == 3)
        #expect(desk.release()?.kind == 4)
        #expect(desk.release()?.kind == 5)
        #expect(desk.busy == 2 && desk.waiting == 0)
        // Nobody left waiting: servers go idle, and the next arrival is served at once.
        #expect(desk.release() == nil)
        #expect(desk.busy == 1)
        #expect(desk.arrive(.init(arrived: 9, kind: 6))?.kind == 6)
        #expect(desk.release() == nil && desk.release() == nil)
        #expect(desk.busy == 0)
    }

    @Test func aLongLineKeepsItsOrderThroughCompaction() {
        var desk = ServerQueue(servers: 1)
        _ = desk.arrive(.init(arrived: -1))
        var served: [Double] = []
        // Interleave arrivals and departures so that the front of the line is dropped many times.
        for i in 0..<20_000 {
            _ = desk.arrive(.init(arrived: Double(2 * i)))
            _ = desk.arrive(.init(arrived: Double(2 * i + 1)))
            if let next = desk.release() { served.append(next.arrived) }
        }
        while let next = desk.release() { served.append(next.arrived) }
        #expect(served == (0..<40_000).map(Double.init))
    }
}

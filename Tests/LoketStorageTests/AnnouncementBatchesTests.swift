import LoketTestSupport
import Testing

@testable import LoketStorage

/// Capacity changes go to the other servers in batches, one at most per interval, each desk once
/// in a batch; on a clock the test steps, so that the pacing is seen without waiting.
@Suite(.timeLimit(.minutes(1))) struct AnnouncementBatchesTests {
    /// Batches at most one per 50 ms, on a clock the test steps.
    static func paced() -> (SteppingClock, AnnouncementBatches<SteppingClock>) {
        let clock = SteppingClock()
        return (clock, AnnouncementBatches(interval: .milliseconds(50), clock: clock))
    }

    @Test func changesWaitForThePauseAndGoOutTogether() async {
        let (clock, batches) = Self.paced()
        let (sent, send) = AsyncStream.makeStream(of: [String].self)
        var batch = sent.makeAsyncIterator()

        #expect(batches.add("DH"))
        async let running: Void = batches.sendAll { send.yield($0) }
        #expect(await batch.next() == ["DH"])
        // While the first batch and its pause last, changes wait: nobody starts another batch.
        #expect(!batches.add("ZW"))
        #expect(!batches.add("AM"))
        #expect(!batches.add("ZW"))
        await clock.sleepers(1)
        clock.advance(by: .milliseconds(49))
        #expect(clock.sleeping == 1)
        clock.advance(by: .milliseconds(1))
        #expect(await batch.next() == ["AM", "ZW"])

        // A pause that ends with nothing waiting ends the sending; the next change starts it again.
        await clock.sleepers(1)
        clock.advance(by: .milliseconds(50))
        await running
        #expect(batches.add("DB"))
        async let again: Void = batches.sendAll { send.yield($0) }
        #expect(await batch.next() == ["DB"])
        await clock.sleepers(1)
        clock.advance(by: .milliseconds(50))
        await again
    }

    /// The pause runs from the start of a batch: a slow send leaves less of it to wait.
    @Test func thePauseCountsFromTheBatchStart() async {
        let (clock, batches) = Self.paced()
        let start = clock.now
        let (sent, send) = AsyncStream.makeStream(of: Duration.self)
        var sentAt = sent.makeAsyncIterator()

        #expect(batches.add("DH"))
        async let running: Void = batches.sendAll { _ in
            send.yield(start.duration(to: clock.now))
            clock.advance(by: .milliseconds(30)) // a send that takes 30 ms
        }
        #expect(await sentAt.next() == .zero)
        #expect(!batches.add("ZW"))
        await clock.sleepers(1)
        clock.advance(by: .milliseconds(19))
        #expect(clock.sleeping == 1)
        clock.advance(by: .milliseconds(1))
        #expect(await sentAt.next() == .milliseconds(50))
        await clock.sleepers(1)
        clock.advance(by: .milliseconds(20))
        await running
    }

    @Test func closedBatchesSendNothingMore() async {
        let (clock, batches) = Self.paced()
        let (sent, send) = AsyncStream.makeStream(of: [String].self)
        var batch = sent.makeAsyncIterator()

        #expect(batches.add("DH"))
        async let running: Void = batches.sendAll { send.yield($0) }
        #expect(await batch.next() == ["DH"])
        #expect(!batches.add("ZW"))
        batches.close()
        await clock.sleepers(1)
        clock.advance(by: .milliseconds(50))
        await running
        send.finish()
        #expect(await batch.next() == nil)
        #expect(!batches.add("AM"))
    }
}

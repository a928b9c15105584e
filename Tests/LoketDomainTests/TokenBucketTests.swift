import Foundation
import LoketDomain
import Testing

struct TokenBucketTests {
    let bucket = ClientLimits.Bucket(burst: 3, perMinute: 6)
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func aBurstThenOneTokenEveryTenSeconds() {
        var tokens = TokenBucket(full: bucket, at: start)
        for _ in 0..<3 { #expect(tokens.take(bucket, now: start) == nil) }
        #expect(tokens.take(bucket, now: start) == 10)
        #expect(tokens.take(bucket, now: start.addingTimeInterval(4))! == 6)
        #expect(tokens.take(bucket, now: start.addingTimeInterval(10)) == nil)
        #expect(!tokens.isFull(bucket, at: start.addingTimeInterval(10)))
        #expect(tokens.isFull(bucket, at: start.addingTimeInterval(40)))
    }

    @Test func theDefaultsLeaveRoomForAPersonClickingThroughThePages() {
        let limits = ClientLimits()
        #expect(limits.isEnabled && limits.activeHoldsAllowed == 2)
        #expect(limits.bucket(.slotReads).burst >= 30)
        #expect(limits.bucket(.holds).burst >= 5)
        #expect(ClientLimits(holds: .init(burst: 1, perMinute: 1)).bucket(.holds).burst == 1)
    }
}

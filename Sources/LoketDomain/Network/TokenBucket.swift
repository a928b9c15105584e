import Foundation

/// A token bucket: full at first, one token per action, refilled continuously. Time is passed
/// in, so it is a value without a clock.
public struct TokenBucket: Sendable, Hashable {
    public private(set) var tokens: Double
    public private(set) var updated: Date

    public init(full bucket: ClientLimits.Bucket, at now: Date) {
        tokens = Double(bucket.burst)
        updated = now
    }

    /// Takes a token; when there is none, returns the seconds until there is one and takes nothing.
    public mutating func take(_ bucket: ClientLimits.Bucket, now: Date) -> TimeInterval? {
        refill(bucket, now: now)
        guard tokens >= 1 else {
            guard bucket.perMinute > 0 else { return .infinity }
            return (1 - tokens) * 60 / bucket.perMinute
        }
        tokens -= 1
        return nil
    }

    /// Whether the bucket has refilled completely by `now`, so forgetting it changes nothing.
    public func isFull(_ bucket: ClientLimits.Bucket, at now: Date) -> Bool {
        var copy = self
        copy.refill(bucket, now: now)
        return copy.tokens >= Double(bucket.burst)
    }

    private mutating func refill(_ bucket: ClientLimits.Bucket, now: Date) {
        let elapsed = max(0, now.timeIntervalSince(updated))
        tokens = min(Double(bucket.burst), tokens + elapsed * bucket.perMinute / 60)
        updated = now
    }
}

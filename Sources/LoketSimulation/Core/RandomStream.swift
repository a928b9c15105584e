/// A seeded, reproducible random stream: xoshiro256** (Blackman & Vigna), seeded through
/// SplitMix64 from (seed, replication, stream). Replication r's numbers depend on nothing but
/// those three values, so a forecast is the same on one core or on many.
/// Hand-written: no listed package offers a seedable generator.
public struct RandomStream: RandomNumberGenerator, Sendable {
    var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64, replication: UInt64 = 0, stream: UInt64 = 0) {
        var sm = seed ^ (replication &* 0x9E37_79B9_7F4A_7C15) ^ (stream &* 0xBF58_476D_1CE4_E5B9)
        func next() -> UInt64 {
            sm &+= 0x9E37_79B9_7F4A_7C15
            var z = sm
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = next()
        s1 = next()
        s2 = next()
        s3 = next()
    }

    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// Uniform in [0, 1), 53 bits.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in (0, 1], safe for logarithms.
    public mutating func uniformPositive() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    /// A standard normal deviate (Marsaglia's polar method).
    public mutating func normal() -> Double {
        while true {
            let u = 2 * uniform() - 1
            let v = 2 * uniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 { return u * (-2 * _log(s) / s).squareRoot() }
        }
    }

    /// A Poisson count with mean `mean` (inversion for small means, normal approximation with
    /// continuity correction above 500, where the error is far below the model's).
    public mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 500 { return max(0, Int((mean + mean.squareRoot() * normal() + 0.5).rounded(.down))) }
        // Split large means so exp(-mean) does not underflow.
        var remaining = mean
        var total = 0
        while remaining > 0 {
            let chunk = min(remaining, 30)
            remaining -= chunk
            let limit = _exp(-chunk)
            var product = uniform()
            var k = 0
            while product > limit {
                product *= uniform()
                k += 1
            }
            total += k
        }
        return total
    }

    /// A binomial count of `n` trials with success probability `p`.
    public mutating func binomial(_ n: Int, _ p: Double) -> Int {
        guard n > 0, p > 0 else { return 0 }
        if p >= 1 { return n }
        if n < 64 {
            var k = 0
            for _ in 0..<n where uniform() < p { k += 1 }
            return k
        }
        let mean = Double(n) * p
        let sd = (mean * (1 - p)).squareRoot()
        return min(n, max(0, Int((mean + sd * normal() + 0.5).rounded(.down))))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func _log(_ x: Double) -> Double { log(x) }
func _exp(_ x: Double) -> Double { exp(x) }

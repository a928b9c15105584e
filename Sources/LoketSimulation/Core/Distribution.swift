#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A probability distribution of durations or counts, as written in a scenario file.
public enum Distribution: Sendable, Hashable {
    case deterministic(Double)
    case exponential(mean: Double)
    case uniform(min: Double, max: Double)
    /// Parameterised by the mean and standard deviation of the variable itself, as service
    /// times are usually reported.
    case lognormal(mean: Double, sd: Double)
    case gamma(shape: Double, scale: Double)
    /// Draws one of `values` with the given relative `weights`.
    case empirical(values: [Double], weights: [Double])

    public var mean: Double {
        switch self {
        case .deterministic(let v): v
        case .exponential(let m): m
        case .uniform(let a, let b): (a + b) / 2
        case .lognormal(let m, _): m
        case .gamma(let k, let theta): k * theta
        case .empirical(let values, let weights):
            zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 } / weights.reduce(0, +)
        }
    }

    /// Squared coefficient of variation, for Pollaczek–Khinchine and friends.
    public var scv: Double {
        switch self {
        case .deterministic: 0
        case .exponential: 1
        case .uniform(let a, let b): ((b - a) * (b - a) / 12) / (mean * mean)
        case .lognormal(let m, let sd): (sd * sd) / (m * m)
        case .gamma(let k, _): 1 / k
        case .empirical(let values, let weights):
            {
                let total = weights.reduce(0, +)
                let m = mean
                let variance = zip(values, weights).reduce(0) { $0 + $1.1 * ($1.0 - m) * ($1.0 - m) } / total
                return variance / (m * m)
            }()
        }
    }

    public func sample(_ rng: inout RandomStream) -> Double {
        switch self {
        case .deterministic(let v):
            return v
        case .exponential(let m):
            return -m * log(rng.uniformPositive())
        case .uniform(let a, let b):
            return a + (b - a) * rng.uniform()
        case .lognormal(let m, let sd):
            let sigma2 = log(1 + (sd * sd) / (m * m))
            return exp(log(m) - sigma2 / 2 + sigma2.squareRoot() * rng.normal())
        case .gamma(let k, let theta):
            return Self.gamma(shape: k, &rng) * theta
        case .empirical(let values, let weights):
            let total = weights.reduce(0, +)
            var u = rng.uniform() * total
            for (value, weight) in zip(values, weights) {
                if u < weight { return value }
                u -= weight
            }
            return values[values.count - 1]
        }
    }

    /// Marsaglia & Tsang (2000); shape < 1 by the boost u^(1/shape).
    static func gamma(shape: Double, _ rng: inout RandomStream) -> Double {
        if shape < 1 { return gamma(shape: shape + 1, &rng) * pow(rng.uniformPositive(), 1 / shape) }
        let d = shape - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = rng.normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = rng.uniformPositive()
            if u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exact results for the M/M/c+M queue (Erlang A, Palm's queue with impatient customers):
/// Poisson calls, exponential talk times, `servers` agents and exponential patience with rate θ.
/// Unlike Erlang C it has a steady state at any load, because callers who wait too long hang up;
/// that is how an overloaded information line really behaves.
///
/// Method: the number of callers in the system is a birth–death chain (births λ, deaths
/// μ·min(n, c) + θ·max(n − c, 0)), solved exactly and truncated where the stationary
/// probabilities fall below 1e-17 of the mass found so far. Callers arriving see that
/// distribution (PASTA). A caller who finds `j` others waiting is answered with probability
/// cμ/(cμ + (j+1)θ) after a wait that is a sum of exponential stages; its distribution is a
/// transformed beta (Garnett, Mandelbaum & Reiman 2002; Mandelbaum & Zeltyn), which gives the
/// service level through the regularised incomplete beta function, summed by recurrence.
/// Above 100% load the chain reaches about (λ − cμ)/θ waiting callers before it thins out, so
/// the cost grows as patience grows; for a phone line (minutes of patience) it is a few hundred.
public struct ErlangA: Sendable, Hashable {
    public let arrivalRate: Double
    public let serviceRate: Double
    /// θ: the rate at which one waiting caller hangs up, 1 / mean patience.
    public let patienceRate: Double
    public let servers: Int

    /// P(n < c): the share of callers answered at once.
    public let probabilityOfNotWaiting: Double
    /// Share of all callers who are answered (at once or after a wait).
    public let answeredShare: Double
    /// Mean wait in queue of the callers who are answered (those answered at once count as 0).
    public let meanWaitOfAnswered: Double
    /// Mean number of callers waiting, for Little's law and the abandonment check θ·E[Q]/λ.
    public let meanQueueLength: Double
    /// π_{c+j} / (total mass), j = 0, 1, …: the state an arriving caller finds when all agents are busy.
    private let queueStates: [Double]

    public init(arrivalRate: Double, serviceRate: Double, patienceRate: Double, servers: Int) {
        precondition(arrivalRate >= 0 && serviceRate > 0 && servers > 0, "an M/M/c+M queue needs μ > 0 and c ≥ 1")
        precondition(patienceRate > 0 && patienceRate.isFinite, "Erlang A needs a finite mean patience")
        self.arrivalRate = arrivalRate
        self.serviceRate = serviceRate
        self.patienceRate = patienceRate
        self.servers = servers
        let c = Double(servers)
        let a = arrivalRate / serviceRate
        guard arrivalRate > 0 else {
            queueStates = []
            (probabilityOfNotWaiting, answeredShare, meanWaitOfAnswered, meanQueueLength) = (1, 1, 0, 0)
            return
        }
        // Mass below c relative to π_c: 1/B(c, a) − 1, from the stable Erlang B recursion.
        var erlangB = 1.0
        for k in 1...servers { erlangB = a * erlangB / (Double(k) + a * erlangB) }
        let below = 1 / erlangB - 1
        // The queue part relative to π_c, until the terms vanish.
        var states = [1.0]
        var term = 1.0
        var queueMass = 1.0
        var j = 1
        while true {
            let ratio = arrivalRate / (c * serviceRate + Double(j) * patienceRate)
            term *= ratio
            if ratio < 1 && term < 1e-17 * (below + queueMass) { break }
            states.append(term)
            queueMass += term
            j += 1
        }
        let total = below + queueMass
        queueStates = states.map { $0 / total }
        probabilityOfNotWaiting = below / total
        var answered = probabilityOfNotWaiting
        var waitOfAnswered = 0.0
        var queueLength = 0.0
        var stages = 0.0
        for (j, p) in queueStates.enumerated() {
            let rate = c * serviceRate + Double(j + 1) * patienceRate
            stages += 1 / rate
            let served = p * c * serviceRate / rate
            answered += served
            waitOfAnswered += served * stages
            queueLength += Double(j) * p
        }
        answeredShare = answered
        meanWaitOfAnswered = answered > 0 ? waitOfAnswered / answered : 0
        meanQueueLength = queueLength
    }

    /// Offered load in erlangs, λ/μ.
    public var offeredLoad: Double { arrivalRate / serviceRate }
    /// λ/(cμ); may exceed 1.
    public var utilisation: Double { offeredLoad / Double(servers) }
    /// Probability that a caller finds every agent busy, P(n ≥ c).
    public var probabilityOfWaiting: Double { 1 - probabilityOfNotWaiting }
    /// Share of all callers who hang up before they are answered.
    public var abandonedShare: Double { 1 - answeredShare }

    /// Service level: the share of ALL callers (those who hang up included, in the denominator)
    /// who are answered within `time`. This is the stricter of the two usual definitions; the
    /// other leaves early abandoners out.
    ///
    /// A caller finding `j` waiting is answered within t with probability
    /// x/(x + j + 1) · (1 − I_u(x + 1, j + 1)), x = cμ/θ, u = e^{−θt}: the offered wait V_j is
    /// −log(B)/θ with B ~ Beta(x, j + 1), and E[e^{−θV}; V ≤ t] = E[B; B ≥ u]. I_u(a, b) is
    /// summed over b by its recurrence, in logarithms while its terms would underflow.
    public func serviceLevel(within time: Double) -> Double {
        guard time > 0 else { return probabilityOfNotWaiting }
        let x = Double(servers) * serviceRate / patienceRate
        let a = x + 1
        let logU = -patienceRate * time
        let log1mU = log(-expm1(logU))
        // I_u(a, 1) = u^a; then I_u(a, b+1) = I_u(a, b) + T_b with T_1 = a·u^a·(1 − u),
        // T_{b+1} = T_b·(1 − u)(a + b)/(b + 1).
        let oneMinusU = -expm1(logU)
        var incomplete = exp(a * logU)
        // T_b in logarithms while it would underflow, then by plain multiplication.
        var logTerm = log(a) + a * logU + log1mU
        var multiplying = logTerm > -700
        var term = multiplying ? exp(logTerm) : 0
        var level = probabilityOfNotWaiting
        for (j, p) in queueStates.enumerated() {
            let b = Double(j + 1)
            level += p * x / (x + b) * max(0, 1 - incomplete)
            if multiplying {
                incomplete += term
                term *= oneMinusU * (a + b) / (b + 1)
            } else {
                incomplete += exp(logTerm)
                logTerm += log1mU + log(a + b) - log(b + 1)
                if logTerm > -700 {
                    multiplying = true
                    term = exp(logTerm)
                }
            }
        }
        return min(1, level)
    }

    /// The fewest agents that answer `target` of all callers within `time` at this arrival rate.
    public func agentsNeeded(target: Double, within time: Double) -> Int {
        let load = offeredLoad
        return Self.fewestServers(near: Int((load + load.squareRoot()).rounded())) { servers in
            ErlangA(
                arrivalRate: arrivalRate, serviceRate: serviceRate, patienceRate: patienceRate, servers: servers
            ).serviceLevel(within: time) >= target
        }
    }

    /// The least c ≥ 1 for which `enough(c)`, which must be monotone in c: steps doubling away
    /// from `guess` until the answer is bracketed, then bisection, so that a good guess (the
    /// load plus its square root, the square-root staffing rule) costs a handful of evaluations.
    /// 100,000 when even that is not enough (a target of 1 within 0 s).
    static func fewestServers(near guess: Int, _ enough: (Int) -> Bool) -> Int {
        let ceiling = 100_000
        var low: Int // not enough (0 is never enough to ask about)
        var high: Int // enough
        var step = 1
        let start = min(max(1, guess), ceiling)
        if enough(start) {
            high = start
            low = max(0, start - step)
            while low > 0 && enough(low) {
                high = low
                step *= 2
                low = max(0, low - step)
            }
        } else {
            low = start
            high = start + step
            while !enough(high) {
                if high >= ceiling { return ceiling }
                low = high
                step *= 2
                high = min(high + step, ceiling)
            }
        }
        while high - low > 1 {
            let middle = (low + high) / 2
            if enough(middle) { high = middle } else { low = middle }
        }
        return high
    }
}

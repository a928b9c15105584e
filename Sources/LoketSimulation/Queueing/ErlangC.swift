/// Exact results for the M/M/c queue (Erlang C) and the M/G/1 queue (Pollaczek–Khinchine),
/// used to staff the information line and to validate the simulation engine.
public struct ErlangC: Sendable, Hashable, Codable {
    public let arrivalRate: Double
    public let serviceRate: Double
    public let servers: Int

    public init(arrivalRate: Double, serviceRate: Double, servers: Int) {
        self.arrivalRate = arrivalRate
        self.serviceRate = serviceRate
        self.servers = servers
    }

    /// Offered load in erlangs, λ/μ.
    public var offeredLoad: Double { arrivalRate / serviceRate }
    /// Utilisation per server, ρ = λ/(cμ); the queue is stable only below 1.
    public var utilisation: Double { offeredLoad / Double(servers) }

    /// Probability that an arrival has to wait, C(c, a). Computed through the Erlang B
    /// recursion, which stays stable for hundreds of servers. 1 when the queue is unstable.
    public var probabilityOfWaiting: Double {
        guard utilisation < 1 else { return 1 }
        let a = offeredLoad
        var b = 1.0
        for k in 1...max(1, servers) { b = a * b / (Double(k) + a * b) }
        return b / (1 - utilisation * (1 - b))
    }

    /// Mean time in queue before service, C/(cμ − λ); infinite when unstable.
    public var meanWaitInQueue: Double {
        guard utilisation < 1 else { return .infinity }
        return probabilityOfWaiting / (Double(servers) * serviceRate - arrivalRate)
    }

    /// Share of callers answered within `time`: 1 − C·e^{−(cμ−λ)t}.
    public func serviceLevel(within time: Double) -> Double {
        guard utilisation < 1 else { return 0 }
        return 1 - probabilityOfWaiting * _exp(-(Double(servers) * serviceRate - arrivalRate) * time)
    }

    /// The fewest servers that answer `target` of callers within `time`.
    public static func serversNeeded(
        arrivalRate: Double, serviceRate: Double, target: Double, within time: Double
    ) -> Int {
        var c = max(1, Int((arrivalRate / serviceRate).rounded(.up)))
        while ErlangC(arrivalRate: arrivalRate, serviceRate: serviceRate, servers: c).serviceLevel(within: time)
            < target
        { c += 1 }
        return c
    }

    /// Pollaczek–Khinchine: mean wait in an M/G/1 queue, ρ(1 + scv)E[S] / (2(1 − ρ)).
    public static func pollaczekKhinchine(arrivalRate: Double, service: Distribution) -> Double {
        let rho = arrivalRate * service.mean
        guard rho < 1 else { return .infinity }
        return rho * (1 + service.scv) * service.mean / (2 * (1 - rho))
    }
}

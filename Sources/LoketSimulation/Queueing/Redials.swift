extension ErlangA {
    /// The line when a share of the callers who hang up call again: the offered rate λ is the
    /// fixed point of λ = fresh + retrialShare · λ · P(abandon | λ), since redials add load and
    /// more load makes more people hang up. Redials are treated as fresh Poisson calls (the usual
    /// approximation when the redial delay is long against the talk time).
    ///
    /// The root lies between `fresh` and `fresh / (1 − retrialShare)`; regula falsi with the
    /// Illinois step finds it to a relative 1e-8 in a handful of evaluations.
    public static func withRedials(
        freshArrivalRate fresh: Double, retrialShare: Double, serviceRate: Double, patienceRate: Double, servers: Int
    ) -> ErlangA {
        precondition(retrialShare >= 0 && retrialShare < 1, "the share of abandoned callers who redial is below 1")
        func line(_ rate: Double) -> ErlangA {
            ErlangA(arrivalRate: rate, serviceRate: serviceRate, patienceRate: patienceRate, servers: servers)
        }
        guard retrialShare > 0, fresh > 0 else { return line(fresh) }
        // g(λ) = fresh + r·λ·P(abandon) − λ: ≥ 0 at `fresh`, ≤ 0 at fresh/(1 − r).
        func g(_ rate: Double) -> Double { fresh + retrialShare * rate * line(rate).abandonedShare - rate }
        var low = fresh
        var high = fresh / (1 - retrialShare)
        var gLow = g(low)
        var gHigh = g(high)
        guard gLow > 0 else { return line(low) }
        guard gHigh < 0 else { return line(high) }
        var side = 0
        for _ in 0..<100 where high - low > 1e-8 * fresh {
            let rate = (low * gHigh - high * gLow) / (gHigh - gLow)
            let value = g(rate)
            if value > 0 {
                low = rate
                gLow = value
                if side == 1 { gHigh /= 2 }
                side = 1
            } else {
                high = rate
                gHigh = value
                if side == -1 { gLow /= 2 }
                side = -1
            }
            if value == 0 { break }
        }
        return line((low + high) / 2)
    }
}

import LoketSimulation
import Testing

/// Erlang A (M/M/c+M) against an independent solution and against the engine: the exact
/// formulas against the chain solved numerically (a dense generator, its matrix exponential
/// and fundamental matrix, computed once with SciPy), and the impatient-caller simulation
/// against the formulas, below and above 100% load.
struct ErlangATests {
    /// λ, μ, θ, c, t, then P(wait), P(abandon), mean wait of the answered, service level within t,
    /// from the dense CTMC solution (400 states) in SciPy 1.17.
    static let reference: [(Double, Double, Double, Int, Double, Double, Double, Double, Double)] = [
        (9, 1, 0.5, 10, 0.2, 0.468_941_704_4, 0.067_011_715_5, 0.125_910_485_5, 0.711_399_688_8),
        (12, 1, 1, 10, 0.1, 0.757_607_838_3, 0.213_632_353, 0.209_885_427_9, 0.350_483_954_3),
        (60, 1, 0.2, 50, 0.05, 0.998_898_306_7, 0.166_736_168_2, 0.902_081_766_4, 0.002_076_123_9),
        (4, 1, 0.25, 2, 0.5, 0.992_488_995, 0.502_253_301_5, 2.554_327_846, 0.025_811_785_5),
        // 1000 calls an hour of 6 minutes, 100 agents, patience 3 minutes, answered within 20 s (in minutes).
        (
            1000.0 / 60, 1.0 / 6, 1.0 / 3, 100, 1.0 / 3, 0.429_998_767_2, 0.046_683_298_2, 0.133_912_146_2,
            0.793_550_157_5
        ),
    ]

    @Test(arguments: reference)
    func exactValuesMatchTheChainSolvedNumerically(
        _ c: (Double, Double, Double, Int, Double, Double, Double, Double, Double)
    ) {
        let line = ErlangA(arrivalRate: c.0, serviceRate: c.1, patienceRate: c.2, servers: c.3)
        #expect(abs(line.probabilityOfWaiting - c.5) < 1e-8)
        #expect(abs(line.abandonedShare - c.6) < 1e-8)
        #expect(abs(line.meanWaitOfAnswered - c.7) < 1e-8)
        #expect(abs(line.serviceLevel(within: c.4) - c.8) < 1e-8)
        // Little's law for the impatient: those who hang up leave the line at rate θ·E[queue].
        #expect(abs(line.abandonedShare - c.2 * line.meanQueueLength / c.0) < 1e-10)
    }

    @Test func veryPatientCallersBehaveAsInErlangC() {
        let c = ErlangC(arrivalRate: 9, serviceRate: 1, servers: 10)
        let a = ErlangA(arrivalRate: 9, serviceRate: 1, patienceRate: 1e-7, servers: 10)
        #expect(abs(a.probabilityOfWaiting - c.probabilityOfWaiting) < 1e-5)
        #expect(abs(a.meanWaitOfAnswered - c.meanWaitInQueue) < 1e-4)
        #expect(abs(a.serviceLevel(within: 0.5) - c.serviceLevel(within: 0.5)) < 1e-5)
    }

    @Test func staffingMeetsTheServiceLevelAndOneAgentLessDoesNot() {
        // 1000 calls an hour of 6 minutes, patience 3 minutes: 80% within 20 seconds (rates per hour).
        let line = ErlangA(arrivalRate: 1000, serviceRate: 10, patienceRate: 20, servers: 1)
        let agents = line.agentsNeeded(target: 0.8, within: 20.0 / 3600)
        func level(_ servers: Int) -> Double {
            ErlangA(arrivalRate: 1000, serviceRate: 10, patienceRate: 20, servers: servers).serviceLevel(
                within: 20.0 / 3600)
        }
        #expect(level(agents) >= 0.8)
        #expect(level(agents - 1) < 0.8)
        #expect(agents > 100 && agents < 120)
    }

    @Test func redialsRaiseTheLoadToItsFixedPoint() {
        // Overloaded: 12 fresh calls a unit on 10 agents; half of those who hang up call again.
        let line = ErlangA.withRedials(
            freshArrivalRate: 12, retrialShare: 0.5, serviceRate: 1, patienceRate: 1, servers: 10)
        #expect(line.arrivalRate > 12)
        #expect(abs(line.arrivalRate - (12 + 0.5 * line.arrivalRate * line.abandonedShare)) < 1e-8)
        let none = ErlangA.withRedials(
            freshArrivalRate: 12, retrialShare: 0, serviceRate: 1, patienceRate: 1, servers: 10)
        #expect(none.arrivalRate == 12)
    }

    /// The simulation against the exact values, below and above 100% load. With n = 1,000,000
    /// measured callers, the standard error of a share is at most √(0.25/n) = 0.0005, inflated a
    /// few times by the correlation between neighbouring callers; 0.006 is about four of those
    /// inflated errors. The mean wait of the answered is held to 3% for the same reason.
    @Test(arguments: [
        // λ, μ, θ, c, t
        (9.0, 1.0, 0.5, 10, 0.2),
        (12.0, 1.0, 1.0, 10, 0.1),
        (4.0, 1.0, 0.25, 2, 0.5),
        (60.0, 1.0, 0.2, 50, 0.05),
    ])
    func simulationAgreesWithErlangA(lambda: Double, mu: Double, theta: Double, servers: Int, within: Double) {
        let model = ImpatientQueueModel(
            interarrival: .exponential(mean: 1 / lambda), service: .exponential(mean: 1 / mu),
            patience: .exponential(mean: 1 / theta), servers: servers)
        let result = model.run(customers: 1_000_000, warmup: 50_000, within: within, seed: 20_220_622)
        let exact = ErlangA(arrivalRate: lambda, serviceRate: mu, patienceRate: theta, servers: servers)
        #expect(abs(result.probabilityOfWaiting - exact.probabilityOfWaiting) < 0.006)
        #expect(abs(result.abandonedShare - exact.abandonedShare) < 0.006, "\(result.abandonedShare)")
        #expect(abs(result.serviceLevel - exact.serviceLevel(within: within)) < 0.006)
        #expect(
            abs(result.meanWaitOfAnswered / exact.meanWaitOfAnswered - 1) < 0.03,
            "simulated \(result.meanWaitOfAnswered), Erlang A \(exact.meanWaitOfAnswered)")
    }
}

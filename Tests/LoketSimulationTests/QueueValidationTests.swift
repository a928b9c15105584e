import LoketSimulation
import Testing

/// The engine against queueing theory: M/M/c against Erlang C, M/D/1 and M/G/1 against
/// Pollaczek–Khinchine. Customer counts are chosen so that the statistical error is well inside
/// the 2% tolerance (it shrinks as 1/√n; heavy load needs many more customers).
struct QueueValidationTests {
    @Test func erlangCAgainstPublishedValues() {
        // λ = 9, μ = 1, c = 10: P(wait) = 0.6687, Wq = 0.6687 (a = 9 erlangs on 10 servers).
        let queue = ErlangC(arrivalRate: 9, serviceRate: 1, servers: 10)
        #expect(abs(queue.probabilityOfWaiting - 0.66873) < 1e-5)
        #expect(abs(queue.meanWaitInQueue - 0.66873) < 1e-5)
        // M/M/1: P(wait) = ρ, Wq = ρ/(μ − λ).
        let single = ErlangC(arrivalRate: 0.5, serviceRate: 1, servers: 1)
        #expect(abs(single.probabilityOfWaiting - 0.5) < 1e-12)
        #expect(abs(single.meanWaitInQueue - 1.0) < 1e-12)
        #expect(ErlangC(arrivalRate: 11, serviceRate: 1, servers: 10).meanWaitInQueue == .infinity)
        // Staffing: the fewest agents answering 80% within 20 s of 600 calls/h of 3 min.
        let agents = ErlangC.serversNeeded(arrivalRate: 600, serviceRate: 20, target: 0.8, within: 20.0 / 3600)
        #expect(ErlangC(arrivalRate: 600, serviceRate: 20, servers: agents).serviceLevel(within: 20.0 / 3600) >= 0.8)
        #expect(ErlangC(arrivalRate: 600, serviceRate: 20, servers: agents - 1).serviceLevel(within: 20.0 / 3600) < 0.8)
    }

    @Test(arguments: [
        // servers, utilisation ρ, customers
        (1, 0.5, 2_000_000),
        (2, 0.8, 8_000_000),
        (5, 0.9, 16_000_000),
        (10, 0.9, 16_000_000),
        (50, 0.95, 40_000_000),
    ])
    func mmcAgainstErlangC(servers: Int, rho: Double, customers: Int) {
        let lambda = rho * Double(servers)
        let model = QueueModel(
            interarrival: .exponential(mean: 1 / lambda), service: .exponential(mean: 1), servers: servers)
        let result = model.run(customers: customers, warmup: 100_000, seed: 20_220_622)
        let exact = ErlangC(arrivalRate: lambda, serviceRate: 1, servers: servers)
        #expect(
            abs(result.meanWaitInQueue / exact.meanWaitInQueue - 1) < 0.02,
            "simulated \(result.meanWaitInQueue), Erlang C \(exact.meanWaitInQueue)")
        #expect(abs(result.probabilityOfWaiting - exact.probabilityOfWaiting) < 0.01)
    }

    @Test(arguments: [
        // service distribution with mean 1, arrival rate λ
        (Distribution.deterministic(1), 0.8),
        (.lognormal(mean: 1, sd: 0.5), 0.7),
        (.gamma(shape: 2, scale: 0.5), 0.7),
    ])
    func mg1AgainstPollaczekKhinchine(service: Distribution, lambda: Double) {
        let model = QueueModel(interarrival: .exponential(mean: 1 / lambda), service: service, servers: 1)
        let result = model.run(customers: 8_000_000, warmup: 100_000, seed: 7)
        let exact = ErlangC.pollaczekKhinchine(arrivalRate: lambda, service: service)
        #expect(abs(result.meanWaitInQueue / exact - 1) < 0.02, "simulated \(result.meanWaitInQueue), P-K \(exact)")
    }

    @Test func sameSeedSameResult() {
        let model = QueueModel(interarrival: .exponential(mean: 1 / 4.5), service: .exponential(mean: 1), servers: 5)
        #expect(model.run(customers: 50_000, seed: 3) == model.run(customers: 50_000, seed: 3))
        #expect(model.run(customers: 50_000, seed: 3) != model.run(customers: 50_000, seed: 4))
    }
}

struct DistributionTests {
    @Test(arguments: [
        Distribution.deterministic(2.5), .exponential(mean: 3), .uniform(min: 1, max: 5), .lognormal(mean: 2, sd: 1.5),
        .gamma(shape: 0.5, scale: 4), .gamma(shape: 3, scale: 0.5),
        .empirical(values: [1, 2, 10], weights: [0.5, 0.3, 0.2]),
    ])
    func sampleMeanAndVarianceMatchTheParameters(distribution: Distribution) {
        var rng = RandomStream(seed: 42)
        let n = 1_000_000
        var sum = 0.0
        var sumSquares = 0.0
        for _ in 0..<n {
            let x = distribution.sample(&rng)
            sum += x
            sumSquares += x * x
        }
        let mean = sum / Double(n)
        let variance = sumSquares / Double(n) - mean * mean
        #expect(abs(mean / distribution.mean - 1) < 0.01, "mean \(mean) vs \(distribution.mean)")
        let expectedVariance = distribution.scv * distribution.mean * distribution.mean
        #expect(
            abs(variance - expectedVariance) <= 0.03 * max(expectedVariance, 1e-9),
            "variance \(variance) vs \(expectedVariance)")
    }

    @Test func streamsAreIndependentOfEachOther() {
        var a = RandomStream(seed: 1, replication: 0, stream: 1)
        var b = RandomStream(seed: 1, replication: 1, stream: 1)
        var c = RandomStream(seed: 1, replication: 0, stream: 1)
        let first = (0..<5).map { _ in a.next() }
        #expect(first != (0..<5).map { _ in b.next() })
        #expect(first == (0..<5).map { _ in c.next() })
    }

    @Test(arguments: [0.3, 4.0, 45.0, 800.0])
    func poissonAndBinomialMeans(mean: Double) {
        var rng = RandomStream(seed: 9)
        let n = 200_000
        var total = 0
        for _ in 0..<n { total += rng.poisson(mean) }
        #expect(abs(Double(total) / Double(n) / mean - 1) < 0.01)
        var successes = 0
        for _ in 0..<n { successes += rng.binomial(Int(mean.rounded(.up)) + 10, 0.3) }
        #expect(abs(Double(successes) / Double(n) / (Double(Int(mean.rounded(.up)) + 10) * 0.3) - 1) < 0.01)
    }
}

struct DeskDayModelTests {
    @Test func punctualCustomersAndExactServiceNeverWait() {
        // 4 counters, 8 hours, 10-minute appointments booked exactly to capacity.
        let day = DeskDayModel(
            counters: 4, openMinutes: 480,
            products: [.init(product: "BIO", appointments: 192, service: .deterministic(10))],
            punctuality: .deterministic(0))
        let result = day.run(seed: 1)
        #expect(result.customers == 192)
        #expect(result.meanWaitMinutes < 1e-9)
        // Booked times are staggered over the day, so the last customer leaves just after closing.
        #expect(result.utilisation > 0.98)
        #expect(result.lastDepartureMinutes <= 490)
    }

    @Test func variableServiceAndLatenessMakeAQueue() {
        let products: [DeskDayModel.ProductLoad] = [
            .init(product: "BIO", appointments: 150, service: .lognormal(mean: 10, sd: 5)),
            .init(product: "DOC", appointments: 60, service: .gamma(shape: 2, scale: 2.5)),
        ]
        let calm = DeskDayModel(
            counters: 5, openMinutes: 480, products: products, punctuality: .uniform(min: -10, max: 5)
        ).run(seed: 2)
        let tight = DeskDayModel(
            counters: 4, openMinutes: 480, products: products, punctuality: .uniform(min: -10, max: 5)
        ).run(seed: 2)
        #expect(calm.customers == 210)
        #expect(tight.meanWaitMinutes > calm.meanWaitMinutes)
        #expect(tight.shareWaitingOver15Minutes >= calm.shareWaitingOver15Minutes)
        #expect(tight.utilisation > calm.utilisation)
        #expect(tight.lastDepartureMinutes > 480)
    }
}

import ArgumentParser
import Foundation
import LoketSimulation

struct Queue: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate an M/M/c queue (or M/M/c+M with --patience) and compare it with Erlang C (or Erlang A).",
        discussion:
            "The engine's validation and benchmark entry point: the simulated mean wait in queue and probability of waiting beside the exact Erlang C values, and customers simulated per second. With --patience, callers hang up after an exponential patience with that mean, any load is allowed, and the abandoned share, the mean wait of those answered and the service level within --within are compared with Erlang A."
    )

    @Option(help: "Arrivals per time unit (λ).") var arrivalRate: Double
    @Option(help: "Services per time unit per server (μ).") var serviceRate: Double
    @Option(help: "Servers (c).") var servers: Int
    @Option(help: "Customers to measure, after a warm-up of a tenth as many (at most 100,000).") var customers: Int =
        1_000_000
    @Option(help: "Mean patience (same time unit as the rates): callers hang up after an exponential wait; M/M/c+M.")
    var patience: Double?
    @Option(
        help: "With --patience: the answering time for the service level (share of all callers answered within it).")
    var within: Double = 0
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Flag(help: "Print one JSON object instead of text.") var json = false

    func validate() throws {
        guard arrivalRate > 0 else { throw ValidationError("--arrival-rate must be positive") }
        guard serviceRate > 0 else { throw ValidationError("--service-rate must be positive") }
        guard servers > 0 else { throw ValidationError("--servers must be at least 1") }
        guard customers > 0 else { throw ValidationError("--customers must be at least 1") }
        if let patience {
            guard patience > 0, patience.isFinite else { throw ValidationError("--patience must be positive") }
            guard within >= 0 else { throw ValidationError("--within must not be negative") }
            return
        }
        guard arrivalRate < serviceRate * Double(servers) else {
            throw ValidationError("the queue is unstable: λ must be below c·μ (or give --patience)")
        }
    }

    func run() throws {
        if let patience { return try runImpatient(patience: patience) }
        let model = QueueModel(
            interarrival: .exponential(mean: 1 / arrivalRate), service: .exponential(mean: 1 / serviceRate),
            servers: servers)
        let warmup = min(customers / 10, 100_000)
        let clock = ContinuousClock()
        let start = clock.now
        let result = model.run(customers: customers, warmup: warmup, seed: seed)
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let erlang = ErlangC(arrivalRate: arrivalRate, serviceRate: serviceRate, servers: servers)
        let perSecond = Double(customers + warmup) / seconds
        if json {
            struct Output: Encodable {
                struct Exact: Encodable {
                    let meanWaitInQueue: Double
                    let probabilityOfWaiting: Double
                }
                let meanWaitInQueue: Double
                let probabilityOfWaiting: Double
                let erlangC: Exact
                let customers: Int
                let customersPerSecond: Double
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let output = Output(
                meanWaitInQueue: result.meanWaitInQueue, probabilityOfWaiting: result.probabilityOfWaiting,
                erlangC: .init(
                    meanWaitInQueue: erlang.meanWaitInQueue, probabilityOfWaiting: erlang.probabilityOfWaiting),
                customers: result.customers, customersPerSecond: perSecond.rounded())
            print(String(decoding: try encoder.encode(output), as: UTF8.self))
        } else {
            print(
                "M/M/\(servers), λ=\(arrivalRate), μ=\(serviceRate), ρ=\(String(format: "%.3f", erlang.utilisation)); \(result.customers) customers after \(warmup) warm-up, seed \(seed)"
            )
            print(
                String(
                    format: "mean wait in queue     simulated %.5f   Erlang C %.5f   (%+.2f%%)", result.meanWaitInQueue,
                    erlang.meanWaitInQueue,
                    100 * (result.meanWaitInQueue / erlang.meanWaitInQueue - 1)))
            print(
                String(
                    format: "probability of waiting simulated %.5f   Erlang C %.5f", result.probabilityOfWaiting,
                    erlang.probabilityOfWaiting))
            print(String(format: "customers per second   %.0f", perSecond))
        }
    }

    /// M/M/c+M: the impatient-caller simulation beside Erlang A.
    private func runImpatient(patience: Double) throws {
        let model = ImpatientQueueModel(
            interarrival: .exponential(mean: 1 / arrivalRate), service: .exponential(mean: 1 / serviceRate),
            patience: .exponential(mean: patience), servers: servers)
        let warmup = min(customers / 10, 100_000)
        let clock = ContinuousClock()
        let start = clock.now
        let result = model.run(customers: customers, warmup: warmup, within: within, seed: seed)
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let exact = ErlangA(
            arrivalRate: arrivalRate, serviceRate: serviceRate, patienceRate: 1 / patience, servers: servers)
        let perSecond = Double(customers + warmup) / seconds
        struct Figures: Encodable {
            let probabilityOfWaiting: Double
            let abandonedShare: Double
            let meanWaitOfAnswered: Double
            let serviceLevel: Double
        }
        let simulated = Figures(
            probabilityOfWaiting: result.probabilityOfWaiting, abandonedShare: result.abandonedShare,
            meanWaitOfAnswered: result.meanWaitOfAnswered, serviceLevel: result.serviceLevel)
        let erlangA = Figures(
            probabilityOfWaiting: exact.probabilityOfWaiting, abandonedShare: exact.abandonedShare,
            meanWaitOfAnswered: exact.meanWaitOfAnswered, serviceLevel: exact.serviceLevel(within: within))
        if json {
            struct Output: Encodable {
                let probabilityOfWaiting: Double
                let abandonedShare: Double
                let meanWaitOfAnswered: Double
                let serviceLevel: Double
                let within: Double
                let erlangA: Figures
                let customers: Int
                let customersPerSecond: Double
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let output = Output(
                probabilityOfWaiting: simulated.probabilityOfWaiting, abandonedShare: simulated.abandonedShare,
                meanWaitOfAnswered: simulated.meanWaitOfAnswered, serviceLevel: simulated.serviceLevel, within: within,
                erlangA: erlangA, customers: result.customers, customersPerSecond: perSecond.rounded())
            print(String(decoding: try encoder.encode(output), as: UTF8.self))
        } else {
            print(
                "M/M/\(servers)+M, λ=\(arrivalRate), μ=\(serviceRate), mean patience \(patience), load \(String(format: "%.3f", exact.utilisation)); \(result.customers) callers after \(warmup) warm-up, seed \(seed)"
            )
            let rows: [(String, Double, Double)] = [
                ("probability of waiting ", simulated.probabilityOfWaiting, erlangA.probabilityOfWaiting),
                ("abandoned share        ", simulated.abandonedShare, erlangA.abandonedShare),
                ("mean wait of answered  ", simulated.meanWaitOfAnswered, erlangA.meanWaitOfAnswered),
                ("answered within \(within)", simulated.serviceLevel, erlangA.serviceLevel),
            ]
            for (name, value, exactValue) in rows {
                print(name + String(format: " simulated %.5f   Erlang A %.5f", value, exactValue))
            }
            print(String(format: "customers per second   %.0f", perSecond))
        }
    }
}

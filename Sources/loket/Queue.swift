import ArgumentParser
import Foundation
import LoketSimulation

struct Queue: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate an M/M/c queue and compare it with Erlang C.",
        discussion:
            "The engine's validation and benchmark entry point: the simulated mean wait in queue and probability of waiting beside the exact Erlang C values, and customers simulated per second."
    )

    @Option(help: "Arrivals per time unit (λ).") var arrivalRate: Double
    @Option(help: "Services per time unit per server (μ).") var serviceRate: Double
    @Option(help: "Servers (c).") var servers: Int
    @Option(help: "Customers to measure, after a warm-up of a tenth as many (at most 100,000).") var customers: Int =
        1_000_000
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Flag(help: "Print one JSON object instead of text.") var json = false

    func validate() throws {
        guard arrivalRate > 0 else { throw ValidationError("--arrival-rate must be positive") }
        guard serviceRate > 0 else { throw ValidationError("--service-rate must be positive") }
        guard servers > 0 else { throw ValidationError("--servers must be at least 1") }
        guard customers > 0 else { throw ValidationError("--customers must be at least 1") }
        guard arrivalRate < serviceRate * Double(servers) else {
            throw ValidationError("the queue is unstable: λ must be below c·μ")
        }
    }

    func run() throws {
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
}

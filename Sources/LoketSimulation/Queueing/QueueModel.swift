import DequeModule

/// Customers arriving at a desk against `servers` counters, served first come, first served:
/// the day-of-visit queue, and the M/M/c model that validates the engine against Erlang C.
public struct QueueModel: Sendable {
    public let interarrival: Distribution
    public let service: Distribution
    public let servers: Int

    public init(interarrival: Distribution, service: Distribution, servers: Int) {
        precondition(servers > 0, "a queue needs at least one server")
        self.interarrival = interarrival
        self.service = service
        self.servers = servers
    }

    public struct Result: Sendable, Hashable {
        /// Customers measured (after the warm-up).
        public let customers: Int
        public let meanWaitInQueue: Double
        public let probabilityOfWaiting: Double
        /// Simulated time at the last measured service start.
        public let simulatedTime: Double
    }

    enum Event { case arrival, departure }

    /// Simulates `customers` arrivals after `warmup` unmeasured ones.
    public func run(customers: Int, warmup: Int = 0, seed: UInt64, replication: UInt64 = 0) -> Result {
        var arrivals = RandomStream(seed: seed, replication: replication, stream: 1)
        var services = RandomStream(seed: seed, replication: replication, stream: 2)
        var sim = Simulation<Event>(capacity: servers + 2)
        var waiting = Deque<Double>()
        waiting.reserveCapacity(1024)
        let total = customers + warmup
        var arrived = 0, started = 0, busy = 0, waited = 0
        var waitSum = 0.0

        func start(arrivedAt: Double, sim: inout Simulation<Event>) {
            if started >= warmup {
                let wait = sim.now - arrivedAt
                waitSum += wait
                if wait > 0 { waited += 1 }
            }
            started += 1
            sim.schedule(.departure, after: service.sample(&services))
        }

        sim.schedule(.arrival, after: interarrival.sample(&arrivals))
        while let event = sim.step() {
            switch event {
            case .arrival:
                arrived += 1
                if arrived < total { sim.schedule(.arrival, after: interarrival.sample(&arrivals)) }
                if busy < servers {
                    busy += 1
                    start(arrivedAt: sim.now, sim: &sim)
                } else {
                    waiting.append(sim.now)
                }
            case .departure:
                if let next = waiting.popFirst() {
                    start(arrivedAt: next, sim: &sim)
                } else {
                    busy -= 1
                }
            }
            if started >= total { break }
        }
        let measured = max(1, started - warmup)
        return Result(customers: started - warmup, meanWaitInQueue: waitSum / Double(measured),
                      probabilityOfWaiting: Double(waited) / Double(measured), simulatedTime: sim.now)
    }
}

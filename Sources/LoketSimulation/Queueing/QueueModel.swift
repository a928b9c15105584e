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

    static let arrival = Event(kind: 0), departure = Event(kind: 1)

    /// Simulates `customers` arrivals after `warmup` unmeasured ones.
    public func run(customers: Int, warmup: Int = 0, seed: UInt64, replication: UInt64 = 0) -> Result {
        var arrivals = RandomStream(seed: seed, replication: replication, stream: 1)
        var services = RandomStream(seed: seed, replication: replication, stream: 2)
        var sim = Simulation(capacity: servers + 2)
        var desk = ServerQueue(servers: servers, expectedLine: 4096)
        let total = customers + warmup
        var arrived = 0
        var started = 0
        var waited = 0
        var waitSum = 0.0

        sim.schedule(Self.arrival, after: interarrival.sample(&arrivals))
        while started < total, let event = sim.step() {
            // Whoever starts service now, if anyone does.
            let starting: ServerQueue.Customer?
            if event.kind == Self.arrival.kind {
                arrived += 1
                if arrived < total { sim.schedule(Self.arrival, after: interarrival.sample(&arrivals)) }
                starting = desk.arrive(.init(arrived: sim.now))
            } else {
                starting = desk.release()
            }
            if let customer = starting {
                if started >= warmup {
                    let wait = sim.now - customer.arrived
                    waitSum += wait
                    if wait > 0 { waited += 1 }
                }
                started += 1
                sim.schedule(Self.departure, after: service.sample(&services))
            }
        }
        let measured = max(1, started - warmup)
        return Result(
            customers: started - warmup, meanWaitInQueue: waitSum / Double(measured),
            probabilityOfWaiting: Double(waited) / Double(measured), simulatedTime: sim.now)
    }
}

/// Callers against `servers` agents, first come first served, who hang up when their wait
/// reaches their patience (M/M/c+M when both are exponential): the simulation that holds
/// `ErlangA` to account on the engine, as `QueueModel` holds Erlang C.
///
/// It keeps its own line rather than `ServerQueue`, because a caller can leave it from the
/// middle. Leaving is settled lazily and exactly: a caller whose patience ran out before an
/// agent got to them is skipped when the agent does, and counted as abandoned then. Nobody
/// else's experience depends on the moment they left, since agents only ever take the head.
public struct ImpatientQueueModel: Sendable {
    public let interarrival: Distribution
    public let service: Distribution
    public let patience: Distribution
    public let servers: Int

    public init(interarrival: Distribution, service: Distribution, patience: Distribution, servers: Int) {
        precondition(servers > 0, "a queue needs at least one server")
        self.interarrival = interarrival
        self.service = service
        self.patience = patience
        self.servers = servers
    }

    public struct Result: Sendable, Hashable {
        /// Callers measured (after the warm-up), answered or not.
        public let customers: Int
        /// Share of the measured callers who found every agent busy.
        public let probabilityOfWaiting: Double
        /// Share of the measured callers who hung up.
        public let abandonedShare: Double
        /// Mean wait of the callers who were answered (those answered at once count as 0).
        public let meanWaitOfAnswered: Double
        /// Share of all measured callers answered within the `within` of `run`.
        public let serviceLevel: Double
    }

    private struct Caller {
        let arrived: Double
        let deadline: Double
        let measured: Bool
    }

    static let arrival = Event(kind: 0), departure = Event(kind: 1)

    /// Simulates `customers` measured callers after `warmup` unmeasured ones, until every one
    /// of them has been answered or has hung up; the service level counts answers within `within`.
    public func run(
        customers: Int, warmup: Int = 0, within: Double, seed: UInt64, replication: UInt64 = 0
    )
        -> Result
    {
        var arrivals = RandomStream(seed: seed, replication: replication, stream: 1)
        var services = RandomStream(seed: seed, replication: replication, stream: 2)
        var patiences = RandomStream(seed: seed, replication: replication, stream: 3)
        var sim = Simulation(capacity: servers + 2)
        var line: [Caller] = []
        line.reserveCapacity(4096)
        var head = 0
        var busy = 0
        let total = customers + warmup
        var arrived = 0
        var waited = 0
        var abandoned = 0
        var answered = 0
        var answeredInTime = 0
        var waitSum = 0.0

        func answer(_ caller: Caller, at now: Double) {
            guard caller.measured else { return }
            let wait = now - caller.arrived
            answered += 1
            waitSum += wait
            if wait <= within { answeredInTime += 1 }
        }

        sim.schedule(Self.arrival, after: interarrival.sample(&arrivals))
        while let event = sim.step() {
            let now = sim.now
            if event.kind == Self.arrival.kind {
                arrived += 1
                if arrived < total { sim.schedule(Self.arrival, after: interarrival.sample(&arrivals)) }
                let caller = Caller(
                    arrived: now, deadline: now + patience.sample(&patiences), measured: arrived > warmup)
                if busy < servers {
                    busy += 1
                    answer(caller, at: now)
                    sim.schedule(Self.departure, after: service.sample(&services))
                } else {
                    if caller.measured { waited += 1 }
                    if head > 4096 && head * 2 > line.count {
                        line.removeFirst(head)
                        head = 0
                    }
                    line.append(caller)
                }
            } else {
                // The agent takes the first caller still holding on; those whose patience ran out hung up.
                busy -= 1
                while head < line.count {
                    let caller = line[head]
                    head += 1
                    if caller.deadline < now {
                        if caller.measured { abandoned += 1 }
                        continue
                    }
                    busy += 1
                    answer(caller, at: now)
                    sim.schedule(Self.departure, after: service.sample(&services))
                    break
                }
            }
        }
        // Callers left in the line after the last departure all hung up.
        for caller in line[head...] where caller.measured { abandoned += 1 }
        let measured = Double(max(1, customers))
        return Result(
            customers: customers, probabilityOfWaiting: Double(waited) / measured,
            abandonedShare: Double(abandoned) / measured,
            meanWaitOfAnswered: answered > 0 ? waitSum / Double(answered) : 0,
            serviceLevel: Double(answeredInTime) / measured)
    }
}

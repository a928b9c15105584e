/// `servers` identical servers with one first-come-first-served line in front of them: SimPy's
/// `Resource`, without the events. The models that queue customers (a desk's counters, the
/// M/M/c validation queue) keep their own clock, service times and statistics, and leave the
/// bookkeeping of who is served and who waits to this one type, so that the rule is written once.
///
/// A customer is a fixed shape rather than a generic, as `Event` is: the queue stays monomorphic
/// and runs at full speed in every build. The line is an array read from `head` and compacted
/// now and then, so that the hot path neither allocates nor calls out once it has grown.
public struct ServerQueue: Sendable {
    /// Someone in the system: when they arrived, and a kind the model defines (a product).
    public struct Customer: Sendable, Hashable {
        public let arrived: Double
        public let kind: Int32

        @inlinable
        public init(arrived: Double, kind: Int32 = 0) {
            self.arrived = arrived
            self.kind = kind
        }
    }

    public let servers: Int
    @usableFromInline var serving = 0
    @usableFromInline var line: [Customer] = []
    @usableFromInline var head = 0

    public init(servers: Int, expectedLine: Int = 0) {
        precondition(servers > 0, "a queue needs at least one server")
        self.servers = servers
        line.reserveCapacity(expectedLine)
    }

    /// Servers serving someone now.
    @inlinable public var busy: Int { serving }
    /// Customers in the line, not yet being served.
    @inlinable public var waiting: Int { line.count - head }

    /// A customer arrives. Returns them if a server was free, so that their service starts now;
    /// otherwise they join the end of the line and nil is returned.
    @inlinable
    public mutating func arrive(_ customer: Customer) -> Customer? {
        if serving < servers {
            serving += 1
            return customer
        }
        // Drop the served front of the line once it is most of the array.
        if head > 4096 && head * 2 > line.count {
            line.removeFirst(head)
            head = 0
        }
        line.append(customer)
        return nil
    }

    /// A server finishes. Returns the customer at the front of the line, whose service starts
    /// now on that server; nil when nobody waits and the server goes idle.
    @inlinable
    public mutating func release() -> Customer? {
        if head < line.count {
            head += 1
            return line[head - 1]
        }
        assert(serving > 0, "a server was released that was not busy")
        serving -= 1
        return nil
    }
}

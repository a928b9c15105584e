/// The discrete-event core: a simulated clock and the queue of future events. A model owns a
/// `Simulation` and runs `while let (time, event) = sim.step() { handle(event) }`; the engine
/// knows nothing of desks or queues (SimPy's `Environment`, without processes).
public struct Simulation<Event> {
    public private(set) var now: Double = 0
    var queue: EventQueue<Event>

    public init(capacity: Int = 1024) { queue = EventQueue(capacity: capacity) }

    /// Schedules `event` after `delay` (≥ 0) simulated time units.
    public mutating func schedule(_ event: Event, after delay: Double, priority: Int32 = 0) {
        precondition(delay >= 0, "events cannot be scheduled in the past")
        queue.push(event, at: now + delay, priority: priority)
    }

    /// Schedules `event` at absolute time `time` (≥ now).
    public mutating func schedule(_ event: Event, at time: Double, priority: Int32 = 0) {
        precondition(time >= now, "events cannot be scheduled in the past")
        queue.push(event, at: time, priority: priority)
    }

    /// Advances the clock to the next event and returns it; nil when nothing is left or the
    /// next event lies beyond `until`.
    public mutating func step(until: Double = .infinity) -> Event? {
        guard let first = queue.heap.first, first.time <= until else { return nil }
        let (time, event) = queue.pop()!
        now = time
        return event
    }

    public var pending: Int { queue.count }
}

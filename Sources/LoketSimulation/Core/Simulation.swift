/// The discrete-event core: a simulated clock and the queue of future events. A model owns a
/// `Simulation` and runs `while let event = sim.step() { handle(event) }`; the engine knows
/// nothing of desks or queues (SimPy's `Environment`, without processes).
public struct Simulation {
    @usableFromInline var clock: Double = 0
    @usableFromInline var queue: EventQueue

    public init(capacity: Int = 1024) { queue = EventQueue(capacity: capacity) }

    /// The simulated time now.
    @inlinable public var now: Double { clock }

    /// Schedules `event` after `delay` (≥ 0) simulated time units.
    @inlinable
    public mutating func schedule(_ event: Event, after delay: Double, priority: Int32 = 0) {
        precondition(delay >= 0, "events cannot be scheduled in the past")
        queue.push(event, at: clock + delay, priority: priority)
    }

    /// Schedules `event` at absolute time `time` (≥ now).
    @inlinable
    public mutating func schedule(_ event: Event, at time: Double, priority: Int32 = 0) {
        precondition(time >= clock, "events cannot be scheduled in the past")
        queue.push(event, at: time, priority: priority)
    }

    /// Advances the clock to the next event and returns it; nil when nothing is left or the
    /// next event lies beyond `until`.
    @inlinable
    public mutating func step(until: Double = .infinity) -> Event? {
        guard let time = queue.nextTime, time <= until else { return nil }
        let (at, event) = queue.pop()!
        clock = at
        return event
    }

    public var pending: Int { queue.count }
}

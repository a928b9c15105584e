import Synchronization

/// Capacity changes on their way to the other servers on the same PostgreSQL
/// (`Database.announceCapacityChange`): a change waits while a batch is sent and for the pause
/// after it, then goes out with every other change that waited, each payload once. At most one
/// batch per `interval`: every NOTIFY is a commit to sync, and a batch per round trip was a
/// second stream of commits beside the bookings'.
final class AnnouncementBatches<C: Clock<Duration>>: Sendable {
    /// The least time between the starts of two batches: while a batch takes less than this to
    /// send, other servers hear of a change this long after its commit at most, plus the send.
    let interval: Duration
    private let clock: C
    private let state = Mutex((pending: Set<String>(), sending: false, closed: false))

    init(interval: Duration, clock: C) {
        self.interval = interval
        self.clock = clock
    }

    /// Adds `payload` to the next batch. True when no batch is under way: the caller then starts
    /// `sendAll`, which takes this change and every one added while it runs.
    func add(_ payload: String) -> Bool {
        state.withLock { state in
            guard !state.closed else { return false }
            state.pending.insert(payload)
            guard !state.sending else { return false }
            state.sending = true
            return true
        }
    }

    /// Sends what waits with `send`, one batch per `interval`, until a pause ends with nothing
    /// waiting (or the batches are closed).
    func sendAll(_ send: @Sendable ([String]) async -> Void) async {
        while true {
            let payloads = state.withLock { state -> [String] in
                let payloads = state.closed ? [] : state.pending.sorted()
                state.pending.removeAll()
                if payloads.isEmpty { state.sending = false }
                return payloads
            }
            guard !payloads.isEmpty else { return }
            let started = clock.now
            await send(payloads)
            // Paces the batches (a sleep is the point here, not a wait for something).
            try? await clock.sleep(until: started.advanced(by: interval), tolerance: nil)
        }
    }

    /// Drops what waits and sends nothing more: the database is closing.
    func close() {
        state.withLock { $0.closed = true }
    }
}

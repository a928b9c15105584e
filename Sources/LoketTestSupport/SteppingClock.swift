import Synchronization

/// A `Clock` whose time moves only when the test steps it, and whose sleepers wake only then:
/// pacing tested without waiting. Hand-written: swift-clocks' `TestClock` lets the woken tasks
/// run by yielding a fixed number of times, which a loaded machine can outrun; here a test waits
/// for the sleepers it expects (`sleepers(_:)`).
public final class SteppingClock: Clock, Sendable {
    public struct Instant: InstantProtocol {
        let sinceStart: Duration

        public func advanced(by duration: Duration) -> Instant { Instant(sinceStart: sinceStart + duration) }
        public func duration(to other: Instant) -> Duration { other.sinceStart - sinceStart }
        public static func < (earlier: Instant, later: Instant) -> Bool { earlier.sinceStart < later.sinceStart }
    }

    private struct State {
        var now = Instant(sinceStart: .zero)
        var lastID = 0
        var sleepers: [Int: (deadline: Instant, wake: CheckedContinuation<Void, any Error>)] = [:]
        /// Tests waiting for at least `count` sleepers.
        var waiting: [Int: (count: Int, resume: CheckedContinuation<Void, Never>)] = [:]

        mutating func nextID() -> Int {
            lastID += 1
            return lastID
        }

        /// Takes out the tests waiting for no more sleepers than there are.
        mutating func satisfied() -> [CheckedContinuation<Void, Never>] {
            let ready = waiting.filter { $0.value.count <= sleepers.count }
            for id in ready.keys { waiting[id] = nil }
            return ready.values.map(\.resume)
        }
    }

    private let state = Mutex(State())

    public init() {}

    public var now: Instant { state.withLock { $0.now } }
    public var minimumResolution: Duration { .zero }

    /// How many tasks sleep on it now.
    public var sleeping: Int { state.withLock { $0.sleepers.count } }

    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        let id = state.withLock { $0.nextID() }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (wake: CheckedContinuation<Void, any Error>) in
                let (outcome, ready) = state.withLock {
                    state -> (Result<Void, any Error>?, [CheckedContinuation<Void, Never>]) in
                    if Task.isCancelled { return (.failure(CancellationError()), []) }
                    if deadline <= state.now { return (.success(()), []) }
                    state.sleepers[id] = (deadline, wake)
                    return (nil, state.satisfied())
                }
                if let outcome { wake.resume(with: outcome) }
                for test in ready { test.resume() }
            }
        } onCancel: {
            state.withLock { $0.sleepers.removeValue(forKey: id) }?.wake.resume(throwing: CancellationError())
        }
    }

    /// Moves the time on by `duration` and wakes every sleeper whose deadline it reaches.
    public func advance(by duration: Duration) {
        let woken = state.withLock { state in
            state.now = state.now.advanced(by: duration)
            let now = state.now
            let due = state.sleepers.filter { $0.value.deadline <= now }
            for id in due.keys { state.sleepers[id] = nil }
            return due.values.map(\.wake)
        }
        for sleeper in woken { sleeper.resume() }
    }

    /// Returns once at least `count` tasks sleep on it, or when the test is cancelled (its time
    /// limit), so that a test of code that never sleeps fails instead of hanging.
    public func sleepers(_ count: Int) async {
        let id = state.withLock { $0.nextID() }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (resume: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state in
                    guard state.sleepers.count < count, !Task.isCancelled else { return true }
                    state.waiting[id] = (count, resume)
                    return false
                }
                if now { resume.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiting.removeValue(forKey: id) }?.resume.resume()
        }
    }
}

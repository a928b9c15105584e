import Foundation
import Synchronization
import Testing

@testable import LoketStorage

/// The bounded wait for a PostgreSQL connection (`DatabaseUnavailable.acquiring`), with work that
/// stands in for the pool: a connection comes only when the test lets it (a gate), so every case
/// is decided by what happens first, not by how long something takes.
@Suite(.timeLimit(.minutes(1))) struct DatabaseUnavailableTests {
    /// Opened once, by the test; work waits for it without heeding cancellation, as a lease
    /// stuck in the pool does.
    final class Gate: Sendable {
        private let state = Mutex<(open: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

        func wait() async {
            await withCheckedContinuation { continuation in
                let open = state.withLock {
                    if !$0.open { $0.waiting.append(continuation) }
                    return $0.open
                }
                if open { continuation.resume() }
            }
        }

        func open() {
            let waiting = state.withLock { gate in
                gate.open = true
                let waiting = gate.waiting
                gate.waiting = []
                return waiting
            }
            for continuation in waiting { continuation.resume() }
        }
    }

    final class Ran: Sendable {
        private let ran = Atomic(false)
        func set() { ran.store(true, ordering: .sequentiallyConsistent) }
        var value: Bool { ran.load(ordering: .sequentiallyConsistent) }
    }

    static let short = Duration.milliseconds(50)

    @Test func workThatGetsItsConnectionReturnsItsResult() async throws {
        let result = try await DatabaseUnavailable.acquiring(within: .seconds(30), reached: .init()) { holding in
            try holding()
            return 42
        }
        #expect(result == 42)
    }

    @Test func noConnectionInTimeIsUnavailableAndALateOneIsTurnedAway() async throws {
        let gate = Gate()
        let turnedAway = Gate()
        let ran = Ran()
        await #expect(throws: DatabaseUnavailable.self) {
            try await DatabaseUnavailable.acquiring(within: Self.short, reached: .init()) { holding in
                await gate.wait()
                do {
                    try holding()
                } catch {
                    turnedAway.open()
                    throw error
                }
                ran.set()
                return 1
            }
        }
        // The connection comes after the caller was told: the work is refused it and never runs
        // (were it let through, `turnedAway` would never open and the time limit would fail this).
        gate.open()
        await turnedAway.wait()
        #expect(!ran.value)
    }

    @Test func workThatFailsBeforeItsConnectionIsUnavailableWithTheCause() async throws {
        struct Refused: Error {}
        do {
            _ = try await DatabaseUnavailable.acquiring(within: .seconds(30), reached: .init()) { _ -> Int in
                throw Refused()
            }
            Issue.record("no error")
        } catch let error as DatabaseUnavailable {
            #expect(error.cause?.hasSuffix("Refused") == true)
        }
    }

    @Test func aFailureWhileHoldingIsPassedOnAsItIs() async throws {
        struct Broken: Error {}
        await #expect(throws: Broken.self) {
            try await DatabaseUnavailable.acquiring(within: .seconds(30), reached: .init()) { holding -> Int in
                try holding()
                throw Broken()
            }
        }
    }

    /// A stopping server cancels its callers: they end at once, whether the work waits for a
    /// connection or holds one, and even when it heeds no cancellation.
    @Test(arguments: [false, true])
    func aCancelledCallerEndsAtOnce(holding first: Bool) async throws {
        let gate = Gate()
        let started = Gate()
        let caller = Task {
            try await DatabaseUnavailable.acquiring(within: .seconds(30), reached: .init()) { holding in
                if first { try holding() }
                started.open()
                await gate.wait()
                return 1
            }
        }
        await started.wait()
        caller.cancel()
        await #expect(throws: CancellationError.self) { try await caller.value }
        gate.open()
    }
}

import Foundation
import LoketDomain
import Synchronization

/// A clock the test moves by hand, so that hold expiry and "not in the past" never depend on
/// today's date.
public final class ManualClock: Sendable {
    private let current: Mutex<Date>

    /// Starts at `time` on `date` in Amsterdam.
    public init(date: String, time: String = "08:00") {
        current = Mutex(
            DeskTime(date: LocalDate(iso: date)!, time: LocalTime(text: time)!).instant(in: DeskTime.amsterdam))
    }

    public var now: Date { current.withLock { $0 } }

    /// The day it is at the desks (Amsterdam).
    public var today: LocalDate { DeskTime(now, timeZone: DeskTime.amsterdam).date }

    public func advance(minutes: Double) {
        advance(seconds: minutes * 60)
    }

    public func advance(seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    /// Moves to `instant` (forward or back).
    public func set(to instant: Date) {
        current.withLock { $0 = instant }
    }

    /// Moves to `time` on `date` in Amsterdam (forward or back).
    public func set(date: String, time: String) {
        current.withLock {
            $0 = DeskTime(date: LocalDate(iso: date)!, time: LocalTime(text: time)!).instant(in: DeskTime.amsterdam)
        }
    }

    /// A closure for `ServerOptions.now`.
    public var source: @Sendable () -> Date { { self.now } }
}

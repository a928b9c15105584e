import Foundation
import Synchronization

/// When `/metrics` reads its gauges again. They cost a slot list per desk and product, so they
/// are read once capacity has changed (at most once a second) and otherwise once a minute:
/// a scraper, or anyone polling `/metrics`, costs the registry's text, not the database.
final class GaugeSchedule: Sendable {
    private let last = Mutex<(generation: UInt64, at: Date)?>(nil)

    /// Whether to read the gauges now; a yes counts as the reading, so that scrapes arriving
    /// together read them once.
    func due(generation: UInt64, now: Date) -> Bool {
        last.withLock { last in
            if let previous = last {
                let age = now.timeIntervalSince(previous.at)
                let fresh = age >= 0 && (age < 1 || (previous.generation == generation && age < 60))
                if fresh { return false }
            }
            last = (generation, now)
            return true
        }
    }
}

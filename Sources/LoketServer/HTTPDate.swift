import Foundation
import Synchronization

/// The `Date` header's text (RFC 9110 §5.6.7, `Sun, 06 Nov 1994 08:49:37 GMT`), made once a
/// second: answers sent past the router need one too, and Hummingbird keeps its own to itself.
final class HTTPDate: Sendable {
    static let shared = HTTPDate()

    private let last = Mutex<(second: Int, text: String)>((-1, ""))

    private static let style = Date.VerbatimFormatStyle(
        format: """
            \(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .padded(4)) \
            \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT
            """,
        locale: Locale(identifier: "en_US_POSIX"), timeZone: .gmt, calendar: Calendar(identifier: .gregorian))

    /// The text for `now`.
    func text(_ now: Date = Date()) -> String {
        let second = Int(now.timeIntervalSince1970.rounded(.down))
        if let text = last.withLock({ $0.second == second ? $0.text : nil }) { return text }
        let text = now.formatted(Self.style)
        last.withLock { $0 = (second, text) }
        return text
    }
}

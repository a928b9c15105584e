import Foundation

/// The `Date` header's text (RFC 9110 §5.6.7, `Sun, 06 Nov 1994 08:49:37 GMT`), made once a
/// second: answers sent past the router need one too, and Hummingbird keeps its own to itself.
/// One per connection, on its own thread: shared between threads, its lock cost more than the
/// formatting it saves.
struct HTTPDate {
    private var second = -1
    private var last = ""

    private static let style = Date.VerbatimFormatStyle(
        format: """
            \(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .padded(4)) \
            \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT
            """,
        locale: Locale(identifier: "en_US_POSIX"), timeZone: .gmt, calendar: Calendar(identifier: .gregorian))

    /// The text for `now`.
    mutating func text(_ now: Date = Date()) -> String {
        let second = Int(now.timeIntervalSince1970.rounded(.down))
        if second != self.second {
            self.second = second
            last = now.formatted(Self.style)
        }
        return last
    }
}

import Foundation

/// An appointment as an iCalendar object (RFC 5545) that mail programs add to, move in, or
/// remove from the customer's calendar: METHOD:REQUEST with a rising SEQUENCE for a new or moved
/// appointment, METHOD:CANCEL for a cancelled one. Times are local to Europe/Amsterdam with the
/// zone's rules included, so the invite is right whatever zone the reader is in.
/// Hand-written: no listed package writes iCalendar.
public struct CalendarInvite: Sendable, Hashable {
    public enum Method: String, Sendable {
        case request = "REQUEST"
        case cancel = "CANCEL"
        /// For an offer not yet accepted: shown as tentative, asks for no reply.
        case publish = "PUBLISH"
    }

    public let method: Method
    /// Stable across updates, so that a move or cancellation finds the original event.
    public let uid: String
    public let sequence: Int
    public let date: LocalDate
    public let start: LocalTime
    public let end: LocalTime
    public let summary: String
    public let location: String
    public let description: String
    public let organizer: String
    public let stamp: Date

    public init(
        method: Method, uid: String, sequence: Int, date: LocalDate, start: LocalTime, end: LocalTime, summary: String,
        location: String, description: String, organizer: String, stamp: Date
    ) {
        self.method = method
        self.uid = uid
        self.sequence = sequence
        self.date = date
        self.start = start
        self.end = end
        self.summary = summary
        self.location = location
        self.description = description
        self.organizer = organizer
        self.stamp = stamp
    }

    /// The object as text, CRLF line endings, lines folded at 75 octets.
    public var text: String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Loket//Appointments//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:\(method.rawValue)",
        ]
        lines += Self.amsterdamZone
        lines += [
            "BEGIN:VEVENT",
            "UID:\(Self.escape(uid))",
            "SEQUENCE:\(sequence)",
            "DTSTAMP:\(Self.utc(stamp))",
            "DTSTART;TZID=Europe/Amsterdam:\(date.compact)T\(start.compact)00",
            "DTEND;TZID=Europe/Amsterdam:\(date.compact)T\(end.compact)00",
            "SUMMARY:\(Self.escape(summary))",
            "LOCATION:\(Self.escape(location))",
            "DESCRIPTION:\(Self.escape(description))",
            "ORGANIZER:mailto:\(organizer)",
            "STATUS:\(method == .cancel ? "CANCELLED" : method == .publish ? "TENTATIVE" : "CONFIRMED")",
            "TRANSP:OPAQUE",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// Europe/Amsterdam since 1996: CET, CEST from the last Sunday of March to the last Sunday of October.
    static let amsterdamZone = [
        "BEGIN:VTIMEZONE", "TZID:Europe/Amsterdam",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]

    /// TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11).
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\r\n", with: "\\n")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Lines longer than 75 octets continue on the next line after a space (§3.1), never inside
    /// a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        var out = ""
        var count = 0
        for character in line {
            let size = String(character).utf8.count
            if count + size > 75 {
                out += "\r\n "
                count = 1
            }
            out.append(character)
            count += size
        }
        return out
    }

    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }
}

import Foundation
import LoketDomain

/// An email as it goes over SMTP (RFC 5322 with MIME): text and HTML alternatives and a calendar
/// invite, every part base64 so that any character set and line length survives. Written by hand:
/// no listed package composes MIME.
public struct MailMessage: Sendable {
    public let from: String
    public let to: String
    public let subject: String
    /// Stable per outbox entry, so that a message sent twice after a crash is recognisable as one.
    public let messageID: String
    public let text: String
    public let html: String
    public let invite: CalendarInvite?
    public let date: Date

    public init(
        from: String, to: String, subject: String, messageID: String, text: String, html: String,
        invite: CalendarInvite?, date: Date
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.messageID = messageID
        self.text = text
        self.html = html
        self.invite = invite
        self.date = date
    }

    /// The message as bytes with CRLF line endings, ready for DATA (before dot-stuffing).
    public var rendered: String {
        let mixed = "loket-mixed-\(messageID.hashValue.magnitude)"
        let alternative = "loket-alt-\(messageID.hashValue.magnitude)"
        var lines = [
            "From: Loket <\(from)>",
            "To: <\(to)>",
            "Subject: \(Self.encodedWord(subject))",
            "Date: \(Self.rfc5322(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"\(mixed)\"",
            "",
            "--\(mixed)",
            "Content-Type: multipart/alternative; boundary=\"\(alternative)\"",
            "",
            "--\(alternative)",
        ]
        lines += Self.part("text/plain; charset=utf-8", text)
        lines.append("--\(alternative)")
        lines += Self.part("text/html; charset=utf-8", html)
        lines.append("--\(alternative)--")
        if let invite {
            lines.append("--\(mixed)")
            lines += Self.part(
                "text/calendar; charset=utf-8; method=\(invite.method.rawValue)", invite.text,
                extra: ["Content-Disposition: attachment; filename=\"appointment.ics\""])
        }
        lines.append("--\(mixed)--")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func part(_ type: String, _ body: String, extra: [String] = []) -> [String] {
        ["Content-Type: \(type)", "Content-Transfer-Encoding: base64"] + extra + [""]
            + Data(body.utf8).base64EncodedString(options: [
                .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
            ])
            .components(separatedBy: "\r\n")
    }

    /// RFC 2047 encoded word for non-ASCII subjects.
    static func encodedWord(_ text: String) -> String {
        text.allSatisfy { $0.isASCII } ? text : "=?utf-8?B?\(Data(text.utf8).base64EncodedString())?="
    }

    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}

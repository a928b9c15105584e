import Foundation
import LoketDomain
import Testing

@testable import LoketNotifications

/// The MIME message as a mail client reads it back: headers, encoded subject, and every part
/// decoding to exactly the text that went in, whatever its characters and line length.
@Suite(.timeLimit(.minutes(3))) struct MailMessageTests {
    static let invite = CalendarInvite(
        method: .request, uid: "a1@loket", sequence: 2, date: LocalDate(iso: "2022-06-02")!,
        start: LocalTime(minutes: 9 * 60), end: LocalTime(minutes: 9 * 60 + 10), summary: "Biometrie",
        location: "Den Haag", description: "Neem uw paspoort mee.", organizer: "afspraken@loket.test",
        stamp: Date(timeIntervalSince1970: 1_654_000_000))

    static func message(subject: String, text: String, invite: CalendarInvite? = invite) -> MailMessage {
        MailMessage(
            from: "afspraken@loket.test", to: "klant@example.nl", subject: subject, messageID: "m-1@loket.test",
            text: text, html: "<p>\(text)</p>", invite: invite, date: Date(timeIntervalSince1970: 1_654_000_000))
    }

    /// The decoded bodies of every base64 part, in order.
    static func parts(_ rendered: String) -> [(type: String, body: String)] {
        let sections = rendered.components(separatedBy: "\r\n--")
        return sections.compactMap { section in
            guard
                let typeLine = section.components(separatedBy: "\r\n").first(where: { $0.hasPrefix("Content-Type: ") }),
                section.contains("Content-Transfer-Encoding: base64"),
                let blank = section.range(of: "\r\n\r\n")
            else { return nil }
            let encoded = section[blank.upperBound...].components(separatedBy: "\r\n").filter { !$0.isEmpty }.joined()
            guard let data = Data(base64Encoded: encoded) else { return nil }
            return (String(typeLine.dropFirst("Content-Type: ".count)), String(decoding: data, as: UTF8.self))
        }
    }

    @Test func headersAndLineEndings() {
        let rendered = Self.message(subject: "Uw afspraak", text: "Tot ziens").rendered
        let header = rendered.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        #expect(header.contains("From: Loket <afspraken@loket.test>"))
        #expect(header.contains("To: <klant@example.nl>"))
        #expect(header.contains("Subject: Uw afspraak"))
        #expect(header.contains("Date: Tue, 31 May 2022 12:26:40 +0000"))
        #expect(header.contains("Message-ID: <m-1@loket.test>"))
        #expect(header.contains("MIME-Version: 1.0"))
        // Every line ends in CRLF and fits SMTP's 998-character limit with room to spare.
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(rendered.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
    }

    @Test(arguments: [
        ("Uw afspraak", "Uw afspraak"),
        ("Afspraak bevestigd – 2 juni", "=?utf-8?B?QWZzcHJhYWsgYmV2ZXN0aWdkIOKAkyAyIGp1bmk=?="),
        ("Rendez-vous confirmé", "=?utf-8?B?UmVuZGV6LXZvdXMgY29uZmlybcOp?="),
    ])
    func subjectsOutsideASCIIAreEncodedWords(subject: String, header: String) {
        #expect(Self.message(subject: subject, text: "x").rendered.contains("\r\nSubject: \(header)\r\n"))
    }

    @Test func everyPartDecodesToWhatWentIn() {
        let text =
            "Uw afspraak is op donderdag 2 juni om 09:00. Één regel met ë, ü en 漢字, "
            + String(repeating: "en een heel lange zin zonder einde ", count: 20)
        let parts = Self.parts(Self.message(subject: "s", text: text).rendered)
        #expect(
            parts.map(\.type) == [
                "text/plain; charset=utf-8", "text/html; charset=utf-8",
                "text/calendar; charset=utf-8; method=REQUEST",
            ])
        #expect(parts[0].body == text)
        #expect(parts[1].body == "<p>\(text)</p>")
        #expect(parts[2].body == Self.invite.text)
    }

    @Test func withoutAnInviteThereIsNoCalendarPart() {
        let parts = Self.parts(Self.message(subject: "s", text: "t", invite: nil).rendered)
        #expect(parts.map(\.type) == ["text/plain; charset=utf-8", "text/html; charset=utf-8"])
    }
}

import Foundation
import LoketDomain
import LoketTestSupport
import Testing

struct CalendarInviteTests {
    let appointment = Appointment(
        id: "abc123", desk: "TS", product: "BIO", persons: 2, slot: "20220602-0900-bio",
        date: LocalDate(iso: "2022-06-02")!, startTime: LocalTime(text: "09:00")!, endTime: LocalTime(text: "09:20")!,
        state: .confirmed, language: .nl, createdAt: Date(timeIntervalSince1970: 0))

    @Test func anInviteIsValidICalendarText() {
        let message = AppointmentMessage(
            kind: .confirmation, appointment: appointment, desk: TestNetwork.network.desk("TS")!,
            product: TestNetwork.network.product("BIO")!, sequence: 0, organizer: "afspraken@loket.test",
            stamp: Date(timeIntervalSince1970: 1_654_000_000))
        let text = message.invite.text
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(text.contains("METHOD:REQUEST\r\n"))
        #expect(text.contains("UID:abc123@loket\r\n"))
        #expect(text.contains("DTSTART;TZID=Europe/Amsterdam:20220602T090000\r\n"))
        #expect(text.contains("DTEND;TZID=Europe/Amsterdam:20220602T092000\r\n"))
        #expect(text.contains("DTSTAMP:20220531T122640Z\r\n"))
        // Every line is at most 75 octets, continuation lines start with a space.
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
        #expect(message.subject == "Bevestiging van uw afspraak: Biometrie, donderdag 2 juni 2022, 09:00–09:20")
        #expect(message.text.contains("Afspraakcode: abc123"))
    }

    @Test func textIsEscapedAndLongLinesFoldWithoutSplittingCharacters() {
        let invite = CalendarInvite(
            method: .cancel, uid: "x", sequence: 3, date: LocalDate(iso: "2022-06-02")!, start: LocalTime(minutes: 540),
            end: LocalTime(minutes: 550), summary: "Biometrie; vingerafdrukken, foto",
            location: String(repeating: "Prinses Beatrixlaan — Den Haag ", count: 4),
            description: "regel 1\nregel 2", organizer: "a@b.nl", stamp: Date(timeIntervalSince1970: 0))
        let text = invite.text
        #expect(text.contains("SUMMARY:Biometrie\\; vingerafdrukken\\, foto"))
        #expect(text.contains("DESCRIPTION:regel 1\\nregel 2"))
        #expect(text.contains("METHOD:CANCEL"))
        #expect(text.contains("STATUS:CANCELLED"))
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("LOCATION:" + String(repeating: "Prinses Beatrixlaan — Den Haag ", count: 4)))
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
    }

    @Test(arguments: [
        ("2022-06-02", Customer.Language.nl, "donderdag 2 juni 2022"), ("2022-06-02", .en, "Thursday 2 June 2022"),
        ("2024-02-29", .nl, "donderdag 29 februari 2024"), ("2023-01-01", .en, "Sunday 1 January 2023"),
    ])
    func datesAreWrittenAsEachLanguageWritesThem(date: String, language: Customer.Language, expected: String) {
        #expect(DateWording.date(LocalDate(iso: date)!, language) == expected)
    }
}

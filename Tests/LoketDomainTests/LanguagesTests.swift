import Foundation
import LoketDomain
import LoketTestSupport
import Testing

/// Ukrainian and Arabic as the customer's language: accepted on every form, dates written as
/// each language writes them, and emails in the language, Arabic right to left.
struct LanguagesTests {
    static let june1 = LocalDate(iso: "2022-06-01")!

    @Test(arguments: [
        (Customer.Language.nl, "woensdag 1 juni 2022", "juni"),
        (.en, "Wednesday 1 June 2022", "June"),
        (.uk, "середа, 1 червня 2022", "червень"),
        (.ar, "الأربعاء 1 يونيو 2022", "يونيو"),
    ])
    func datesAreWrittenAsTheLanguageWritesThem(_ language: Customer.Language, _ date: String, _ month: String) {
        #expect(DateWording.date(Self.june1, language) == date)
        #expect(DateWording.monthName(6, language) == month)
    }

    @Test func aTimeRangeUsesTheLanguagesComma() {
        let (start, end) = (LocalTime(text: "09:00")!, LocalTime(text: "09:10")!)
        #expect(DateWording.dateTime(Self.june1, start, end, .uk) == "середа, 1 червня 2022, 09:00–09:10")
        #expect(DateWording.dateTime(Self.june1, start, end, .ar) == "الأربعاء 1 يونيو 2022، 09:00–09:10")
    }

    @Test func everyLanguageIsAcceptedAndAnotherIsRefusedByName() throws {
        for language in ["nl", "en", "uk", "ar"] {
            let customer = try Customer.validated(
                name: "Olena", email: "olena@example.test", phone: nil, vNumber: nil, bsn: nil, language: language)
            #expect(customer.language.rawValue == language)
        }
        #expect(throws: Refusal.self) {
            try Customer.validated(
                name: "Olena", email: "olena@example.test", phone: nil, vNumber: nil, bsn: nil, language: "fr")
        }
        let refused = #expect(throws: Refusal.self) {
            try Customer.validated(
                name: "Olena", email: "olena@example.test", phone: nil, vNumber: nil, bsn: nil, language: "ru")
        }
        #expect(refused?.field == "customer.language" && refused?.message == "Language is nl, en, uk or ar.")
    }

    @Test func onlyArabicRunsRightToLeft() {
        #expect(Customer.Language.allCases.filter(\.isRightToLeft) == [.ar])
        #expect(Customer.Language.allCases.map(\.ownName) == ["Nederlands", "English", "Українська", "العربية"])
    }

    static func confirmation(_ language: Customer.Language) -> AppointmentMessage {
        let appointment = Appointment(
            id: "abc123", desk: "TS", product: "BIO", persons: 2, slot: "20220602-0900-bio",
            date: LocalDate(iso: "2022-06-02")!, startTime: LocalTime(text: "09:00")!,
            endTime: LocalTime(text: "09:20")!, state: .confirmed, language: language,
            createdAt: Date(timeIntervalSince1970: 0))
        return AppointmentMessage(
            kind: .confirmation, appointment: appointment, desk: TestNetwork.network.desk("TS")!,
            product: TestNetwork.network.product("BIO")!, sequence: 0, organizer: "afspraken@loket.test",
            stamp: Date(timeIntervalSince1970: 1_654_000_000), manageLink: "http://127.0.0.1/manage/abc123?token=t")
    }

    @Test func theConfirmationIsInUkrainian() {
        let message = Self.confirmation(.uk)
        #expect(message.subject.hasPrefix("Ваш запис підтверджено: "))
        #expect(message.subject.hasSuffix("четвер, 2 червня 2022, 09:00–09:20"))
        #expect(message.text.contains("Код запису: abc123"))
        #expect(message.text.contains("Переглянути, перенести або скасувати запис: http://127.0.0.1/manage/abc123"))
        #expect(message.html.hasPrefix("<!DOCTYPE html><html lang=\"uk\" dir=\"ltr\">"))
        #expect(message.invite.text.contains("Код запису: abc123"))
        #expect(message.text.contains("Як дістатися: https://www.google.com/maps/dir/?api=1&destination="))
    }

    /// Directions carry the desk's own address only, encoded so that no character breaks the link.
    @Test func theRouteLinkNamesTheDeskOnly() {
        let desk = Desk(
            code: "DB", name: "IND-loket 's-Hertogenbosch", address: "Leonardo da Vinciplein 60",
            city: "'s-Hertogenbosch", products: [], openingHours: [], roster: [])
        #expect(desk.place == "IND-loket 's-Hertogenbosch, Leonardo da Vinciplein 60, 's-Hertogenbosch")
        #expect(
            desk.routeURL
                == "https://www.google.com/maps/dir/?api=1&destination=IND-loket%20%27s-Hertogenbosch%2C%20Leonardo%20da%20Vinciplein%2060%2C%20%27s-Hertogenbosch"
        )
        // A desk whose address is its city names the city once.
        let city = Desk(
            code: "AM", name: "IND-loket Amsterdam", address: "Amsterdam", city: "Amsterdam", products: [],
            openingHours: [], roster: [])
        #expect(city.place == "IND-loket Amsterdam, Amsterdam")
        // Letters beyond ASCII are percent-encoded as UTF-8.
        let accented = Desk(
            code: "ZO", name: "Zoë", address: "Zoë", city: "Zoë", products: [], openingHours: [], roster: [])
        #expect(accented.routeURL.hasSuffix("destination=Zo%C3%AB"))
    }

    @Test func theConfirmationIsInArabicRightToLeft() {
        let message = Self.confirmation(.ar)
        #expect(message.subject.hasPrefix("تم تأكيد موعدك: "))
        #expect(message.text.contains("رمز الموعد: abc123"))
        #expect(message.html.hasPrefix("<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\">"))
        #expect(message.html.contains("text-align:right;padding-left:1em"))
    }

    @Test(arguments: Customer.Language.allCases)
    func everyEmailHasItsLanguagesWords(_ language: Customer.Language) {
        let network = TestNetwork.network
        let product = network.product("BIO")!
        let invitation = InvitationMessage(
            invitation: Invitation(
                id: "i1", product: "BIO", vNumber: "1234567890", dateOfBirth: LocalDate(iso: "1990-01-01")!,
                email: "olena@example.test", language: language, validUntil: Self.june1),
            product: product, link: "http://127.0.0.1/invitation")
        #expect(invitation.text.contains(DateWording.date(Self.june1, language)))
        #expect(invitation.html.contains("dir=\"\(language.direction)\""))
        let subjects = Customer.Language.allCases.map {
            Self.confirmation($0).subject
        }
        #expect(Set(subjects).count == 4)
    }
}

import Foundation
import LoketDomain
import LoketTestSupport
import Testing

/// The offer email says "earlier" only to someone whose appointment the offer improves on.
struct WaitlistOfferMessageTests {
    static let offer = WaitlistEntry.Offer(
        hold: "h1", desk: "TS", slot: "20220602-0900-bio", date: LocalDate(iso: "2022-06-02")!,
        startTime: LocalTime(minutes: 540), endTime: LocalTime(minutes: 555),
        expiresAt: Date(timeIntervalSince1970: 1_654_000_000))

    static func subject(improving appointment: String?, _ language: Customer.Language) -> String {
        let network = TestNetwork.network
        let entry = WaitlistEntry(
            id: "w1", product: "BIO", persons: 1, desks: ["TS"], from: offer.date, to: offer.date, urgent: false,
            expiresOn: nil, appointment: appointment, language: language,
            createdAt: Date(timeIntervalSince1970: 1_650_000_000), state: .offered, offer: offer)
        return WaitlistOfferMessage(
            entry: entry, offer: offer, desk: network.desk("TS")!, product: network.product("BIO")!,
            link: "http://127.0.0.1/waitlist/w1/offer?token=t", organizer: "afspraken@loket.test",
            stamp: Date(timeIntervalSince1970: 1_654_000_000)
        ).subject
    }

    @Test(arguments: [
        (nil, Customer.Language.nl, "Er is een afspraak voor u vrijgekomen: "),
        (nil, .en, "An appointment has come free for you: "),
        ("a1", .nl, "Er is een eerdere afspraak voor u: "),
        ("a1", .en, "An earlier appointment is available for you: "),
        (nil, .uk, "Для вас звільнився час запису: "),
        ("a1", .uk, "Для вас є раніший запис: "),
        (nil, .ar, "أصبح موعد متاحًا لك: "),
        ("a1", .ar, "يتوفر لك موعد أبكر: "),
    ])
    func earlierOnlyWhenItImprovesOnAnAppointment(appointment: String?, language: Customer.Language, opening: String) {
        #expect(Self.subject(improving: appointment, language).hasPrefix(opening))
    }
}

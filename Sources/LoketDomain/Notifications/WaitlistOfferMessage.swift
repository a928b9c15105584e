import Foundation

/// The email that offers a waiting customer a slot, in their language, with a link to accept or
/// decline it before the offer lapses. "Earlier" only to someone whose appointment it improves on.
public struct WaitlistOfferMessage: EmailContent {
    public let subject: String
    public let text: String
    public let html: String
    /// The offered slot as a tentative calendar entry.
    public let invite: CalendarInvite

    /// - Parameter link: the page where the offer is accepted or declined (carries the offer's token).
    public init(
        entry: WaitlistEntry, offer: WaitlistEntry.Offer, desk: Desk, product: Product, link: String, organizer: String,
        stamp: Date
    ) {
        let language = entry.language
        let when = DateWording.dateTime(offer.date, offer.startTime, offer.endTime, language)
        let until = DeskTime(offer.expiresAt, timeZone: DeskTime.amsterdam)
        let deadline = "\(DateWording.date(until.date, language)) \(until.time.text)"
        let productName = product.name(language)
        let place = desk.place
        let lines: [String]
        let earlier = entry.appointment != nil
        let linkText: String
        switch language {
        case .nl:
            subject =
                "\(earlier ? "Er is een eerdere afspraak voor u" : "Er is een afspraak voor u vrijgekomen"): \(when)"
            lines = [
                "Er is een plek vrijgekomen die bij uw wachtlijstverzoek past.", "",
                "Wat: \(productName)", "Wanneer: \(when)", "Waar: \(place)", "",
                "Wij houden deze plek voor u vast tot \(deadline). Neem het aanbod aan of sla het af:", link, "",
                "Als u niets doet, gaat de plek daarna naar de volgende op de wachtlijst en blijft u wachten.",
            ]
            linkText = "Aanbod bekijken, aannemen of afslaan"
        case .en:
            subject =
                "\(earlier ? "An earlier appointment is available for you" : "An appointment has come free for you"): \(when)"
            lines = [
                "A slot has come free that matches your waitlist request.", "",
                "What: \(productName)", "When: \(when)", "Where: \(place)", "",
                "We keep it for you until \(deadline). Accept or decline the offer here:", link, "",
                "If you do nothing, the slot goes to the next person on the waitlist and you keep waiting.",
            ]
            linkText = "View, accept or decline the offer"
        case .uk:
            subject = "\(earlier ? "Для вас є раніший запис" : "Для вас звільнився час запису"): \(when)"
            lines = [
                "Звільнився час, який відповідає вашому запиту в списку очікування.", "",
                "Що: \(productName)", "Коли: \(when)", "Де: \(place)", "",
                "Ми тримаємо цей час для вас до \(deadline). Прийміть або відхиліть пропозицію тут:", link, "",
                "Якщо ви нічого не зробите, цей час отримає наступна людина в списку очікування, а ви й далі чекатимете.",
            ]
            linkText = "Переглянути, прийняти або відхилити пропозицію"
        case .ar:
            subject = "\(earlier ? "يتوفر لك موعد أبكر" : "أصبح موعد متاحًا لك"): \(when)"
            lines = [
                "أصبح موعد متاحًا يناسب طلبك في قائمة الانتظار.", "",
                "ماذا: \(productName)", "متى: \(when)", "أين: \(place)", "",
                "نحجز لك هذا الموعد حتى \(deadline). اقبل العرض أو ارفضه من هنا:", link, "",
                "إذا لم تفعل شيئًا، يذهب الموعد إلى الشخص التالي في قائمة الانتظار وتبقى في الانتظار.",
            ]
            linkText = "عرض العرض أو قبوله أو رفضه"
        }
        text = lines.joined(separator: "\n") + "\n"
        let escaped = lines.map(HTMLText.escape)
        html = EmailPage.html(
            subject: subject, language: language,
            body: """
                <p>\(escaped[0])</p><p>\(escaped[2])<br>\(escaped[3])<br>\(escaped[4])</p>\
                <p>\(escaped[6])</p><p><a href="\(HTMLText.escape(link))">\(linkText)</a></p><p>\(escaped[9])</p>
                """)
        invite = CalendarInvite(
            method: .publish, uid: "\(offer.hold)@loket", sequence: 0, date: offer.date, start: offer.startTime,
            end: offer.endTime, summary: "\(Self.offerWord(language)): \(productName) — \(desk.name)",
            location: place, description: link, organizer: organizer, stamp: stamp)
    }

    /// "Offer", as the calendar entry's title starts.
    static func offerWord(_ language: Customer.Language) -> String {
        switch language {
        case .nl: "Aanbod"
        case .en: "Offer"
        case .uk: "Пропозиція"
        case .ar: "عرض"
        }
    }
}

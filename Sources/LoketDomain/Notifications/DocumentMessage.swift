import Foundation

/// The emails about a document, in its holder's language: that it is ready and how to get it
/// (pickup at the desk, or delivery where offered), the advance notice of a delivery's day and
/// window, and that a delivery failed and the document is back at the desk.
public struct DocumentMessage: EmailContent {
    public enum Kind: Sendable {
        case ready
        case deliveryNotice(Delivery)
        case deliveryFailed
    }

    public let subject: String
    public let text: String
    public let html: String

    /// - Parameters:
    ///   - documentName: the kind's name in the holder's language.
    ///   - link: the document's page, where the holder chooses (carries its link token).
    public init(
        kind: Kind, document: Document, holder: Document.Holder, documentName: String, desk: Desk,
        deliveryOffered: Bool, link: String
    ) {
        let language = holder.language
        let name = documentName.lowercased()
        let wording: (subject: String, lines: [String])
        switch kind {
        case .ready:
            wording = Self.ready(
                name: name, holder: holder.name, readyOn: document.readyOn, place: desk.place,
                deliveryOffered: deliveryOffered, link: link, language)
        case .deliveryNotice(let delivery):
            wording = Self.deliveryNotice(name: name, holder: holder.name, delivery: delivery, link: link, language)
        case .deliveryFailed:
            wording = Self.deliveryFailed(name: name, holder: holder.name, place: desk.place, link: link, language)
        }
        subject = wording.subject
        let lines = wording.lines
        text = lines.joined(separator: "\n\n") + "\n"
        let escaped = lines.dropLast().map { "<p>\(HTMLText.escape($0))</p>" }.joined()
        html = EmailPage.html(
            subject: subject, language: language,
            body: "\(escaped)<p><a href=\"\(HTMLText.escape(link))\">\(Self.linkText(language))</a></p>")
    }

    /// That the document is ready at the desk, and how to get it.
    static func ready(
        name: String, holder: String, readyOn: LocalDate, place: String, deliveryOffered: Bool, link: String,
        _ language: Customer.Language
    ) -> (subject: String, lines: [String]) {
        switch language {
        case .nl:
            let subject = "Uw \(name) ligt klaar"
            let lines = [
                "Beste \(holder),",
                "Uw \(name) ligt vanaf \(DateWording.date(readyOn, .nl)) klaar bij \(place).",
                deliveryOffered
                    ? "Maak een afspraak om het op te halen, of laat het thuisbezorgen door de koerier:"
                    : "Maak een afspraak om het op te halen:",
                link,
            ]
            return (subject, lines)
        case .en:
            let subject = "Your \(name) is ready"
            let lines = [
                "Dear \(holder),",
                "Your \(name) is ready from \(DateWording.date(readyOn, .en)) at \(place).",
                deliveryOffered
                    ? "Book an appointment to collect it, or have the courier deliver it to your home:"
                    : "Book an appointment to collect it:",
                link,
            ]
            return (subject, lines)
        case .uk:
            let subject = "Ваш документ готовий: \(name)"
            let lines = [
                "Шановні \(holder),",
                "Ваш документ (\(name)) можна отримати з \(DateWording.date(readyOn, .uk)) у \(place).",
                deliveryOffered
                    ? "Запишіться на прийом, щоб його забрати, або замовте доставку кур’єром додому:"
                    : "Запишіться на прийом, щоб його забрати:",
                link,
            ]
            return (subject, lines)
        case .ar:
            let subject = "وثيقتك جاهزة: \(name)"
            let lines = [
                "عزيزي/عزيزتي \(holder)،",
                "وثيقتك (\(name)) جاهزة للاستلام ابتداءً من \(DateWording.date(readyOn, .ar)) في \(place).",
                deliveryOffered
                    ? "احجز موعدًا لاستلامها، أو اطلب توصيلها إلى منزلك عن طريق الساعي:"
                    : "احجز موعدًا لاستلامها:",
                link,
            ]
            return (subject, lines)
        }
    }

    /// The courier's day and window, and where it delivers.
    static func deliveryNotice(
        name: String, holder: String, delivery: Delivery, link: String, _ language: Customer.Language
    ) -> (subject: String, lines: [String]) {
        switch language {
        case .nl:
            let when = DateWording.dateTime(delivery.date, delivery.window.from, delivery.window.to, .nl)
            let subject = "De koerier bezorgt uw \(name): \(when)"
            let lines = [
                "Beste \(holder),",
                "De koerier bezorgt uw \(name) op \(when) bij \(delivery.address.street) \(delivery.address.houseNumber), \(delivery.address.postcode) \(delivery.address.city).",
                "Zorg dat u thuis bent en uw identiteitsbewijs bij de hand hebt. Een andere dag kiezen kan hier, tot de dag ervoor:",
                link,
            ]
            return (subject, lines)
        case .en:
            let when = DateWording.dateTime(delivery.date, delivery.window.from, delivery.window.to, .en)
            let subject = "The courier delivers your \(name): \(when)"
            let lines = [
                "Dear \(holder),",
                "The courier delivers your \(name) on \(when) at \(delivery.address.street) \(delivery.address.houseNumber), \(delivery.address.postcode) \(delivery.address.city).",
                "Please be at home with your proof of identity. You can choose another day here, until the day before:",
                link,
            ]
            return (subject, lines)
        case .uk:
            let when = DateWording.dateTime(delivery.date, delivery.window.from, delivery.window.to, .uk)
            let subject = "Кур’єр доставить ваш документ (\(name)): \(when)"
            let lines = [
                "Шановні \(holder),",
                "Кур’єр доставить ваш документ (\(name)) \(when) за адресою \(delivery.address.street) \(delivery.address.houseNumber), \(delivery.address.postcode) \(delivery.address.city).",
                "Будьте вдома й майте при собі посвідчення особи. Вибрати інший день можна тут, до попереднього дня:",
                link,
            ]
            return (subject, lines)
        case .ar:
            let when = DateWording.dateTime(delivery.date, delivery.window.from, delivery.window.to, .ar)
            let subject = "سيوصل الساعي وثيقتك (\(name)): \(when)"
            let lines = [
                "عزيزي/عزيزتي \(holder)،",
                "سيوصل الساعي وثيقتك (\(name)) في \(when) إلى \(delivery.address.street) \(delivery.address.houseNumber)، \(delivery.address.postcode) \(delivery.address.city).",
                "كن في المنزل ومعك إثبات هويتك. يمكنك اختيار يوم آخر من هنا حتى اليوم السابق:",
                link,
            ]
            return (subject, lines)
        }
    }

    /// That the courier could not deliver, and the document is back at the desk.
    static func deliveryFailed(
        name: String, holder: String, place: String, link: String, _ language: Customer.Language
    ) -> (subject: String, lines: [String]) {
        switch language {
        case .nl:
            let subject = "Uw \(name) kon niet worden bezorgd"
            let lines = [
                "Beste \(holder),",
                "De koerier kon uw \(name) niet bezorgen. Het ligt weer klaar bij \(place).",
                "Kies opnieuw: ophalen of een nieuwe bezorgdag:", link,
            ]
            return (subject, lines)
        case .en:
            let subject = "Your \(name) could not be delivered"
            let lines = [
                "Dear \(holder),",
                "The courier could not deliver your \(name). It is back at \(place).",
                "Choose again: collect it, or a new delivery day:", link,
            ]
            return (subject, lines)
        case .uk:
            let subject = "Ваш документ (\(name)) не вдалося доставити"
            let lines = [
                "Шановні \(holder),",
                "Кур’єр не зміг доставити ваш документ (\(name)). Він знову чекає на вас у \(place).",
                "Виберіть знову: забрати самостійно або новий день доставки:", link,
            ]
            return (subject, lines)
        case .ar:
            let subject = "تعذّر توصيل وثيقتك (\(name))"
            let lines = [
                "عزيزي/عزيزتي \(holder)،",
                "لم يتمكن الساعي من توصيل وثيقتك (\(name)). وهي الآن متاحة مرة أخرى في \(place).",
                "اختر من جديد: الاستلام بنفسك أو يوم توصيل جديد:", link,
            ]
            return (subject, lines)
        }
    }

    static func linkText(_ language: Customer.Language) -> String {
        switch language {
        case .nl: "Kiezen: ophalen of bezorgen"
        case .en: "Choose: collect or delivery"
        case .uk: "Вибрати: забрати або доставка"
        case .ar: "اختر: الاستلام أو التوصيل"
        }
    }
}

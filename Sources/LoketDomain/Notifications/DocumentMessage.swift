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
        let place = desk.place
        let lines: [String]
        switch (kind, language) {
        case (.ready, .nl):
            subject = "Uw \(name) ligt klaar"
            lines = [
                "Beste \(holder.name),",
                "Uw \(name) ligt vanaf \(DateWording.date(document.readyOn, .nl)) klaar bij \(place).",
                deliveryOffered
                    ? "Maak een afspraak om het op te halen, of laat het thuisbezorgen door de koerier:"
                    : "Maak een afspraak om het op te halen:",
                link,
            ]
        case (.ready, .en):
            subject = "Your \(name) is ready"
            lines = [
                "Dear \(holder.name),",
                "Your \(name) is ready from \(DateWording.date(document.readyOn, .en)) at \(place).",
                deliveryOffered
                    ? "Book an appointment to collect it, or have the courier deliver it to your home:"
                    : "Book an appointment to collect it:",
                link,
            ]
        case (.deliveryNotice(let delivery), .nl):
            let when = DateWording.dateTime(delivery.date, delivery.window.from, delivery.window.to, .nl)
            subject = "De koerier bezorgt uw \(name): \(when)"
            lines = [
                "Beste \(holder.name),",
                "De koerier bezorgt uw \(name) op \(when) bij \(delivery.address.street) \(delivery.address.houseNumber), \(delivery.address.postcode) \(delivery.address.city).",
                "Zorg dat u thuis bent en uw identiteitsbewijs bij de hand hebt. Een andere dag kiezen kan hier, tot de dag ervoor:",
                link,
            ]
        case (.deliveryNotice(let delivery), .en):
            let when = DateWording.dateTime(delivery.date, delivery.window.from, delivery.window.to, .en)
            subject = "The courier delivers your \(name): \(when)"
            lines = [
                "Dear \(holder.name),",
                "The courier delivers your \(name) on \(when) at \(delivery.address.street) \(delivery.address.houseNumber), \(delivery.address.postcode) \(delivery.address.city).",
                "Please be at home with your proof of identity. You can choose another day here, until the day before:",
                link,
            ]
        case (.deliveryFailed, .nl):
            subject = "Uw \(name) kon niet worden bezorgd"
            lines = [
                "Beste \(holder.name),",
                "De koerier kon uw \(name) niet bezorgen. Het ligt weer klaar bij \(place).",
                "Kies opnieuw: ophalen of een nieuwe bezorgdag:", link,
            ]
        case (.deliveryFailed, .en):
            subject = "Your \(name) could not be delivered"
            lines = [
                "Dear \(holder.name),",
                "The courier could not deliver your \(name). It is back at \(place).",
                "Choose again: collect it, or a new delivery day:", link,
            ]
        case (.ready, .uk):
            subject = "Ваш документ готовий: \(name)"
            lines = [
                "Шановні \(holder.name),",
                "Ваш документ (\(name)) можна отримати з \(DateWording.date(document.readyOn, .uk)) у \(place).",
                deliveryOffered
                    ? "Запишіться на прийом, щоб його забрати, або замовте доставку кур’єром додому:"
                    : "Запишіться на прийом, щоб його забрати:",
                link,
            ]
        case (.deliveryNotice(let delivery), .uk):
            let when = DateWording.dateTime(delivery.date, delivery.window.from, delivery.window.to, .uk)
            subject = "Кур’єр доставить ваш документ (\(name)): \(when)"
            lines = [
                "Шановні \(holder.name),",
                "Кур’єр доставить ваш документ (\(name)) \(when) за адресою \(delivery.address.street) \(delivery.address.houseNumber), \(delivery.address.postcode) \(delivery.address.city).",
                "Будьте вдома й майте при собі посвідчення особи. Вибрати інший день можна тут, до попереднього дня:",
                link,
            ]
        case (.deliveryFailed, .uk):
            subject = "Ваш документ (\(name)) не вдалося доставити"
            lines = [
                "Шановні \(holder.name),",
                "Кур’єр не зміг доставити ваш документ (\(name)). Він знову чекає на вас у \(place).",
                "Виберіть знову: забрати самостійно або новий день доставки:", link,
            ]
        case (.ready, .ar):
            subject = "وثيقتك جاهزة: \(name)"
            lines = [
                "عزيزي/عزيزتي \(holder.name)،",
                "وثيقتك (\(name)) جاهزة للاستلام ابتداءً من \(DateWording.date(document.readyOn, .ar)) في \(place).",
                deliveryOffered
                    ? "احجز موعدًا لاستلامها، أو اطلب توصيلها إلى منزلك عن طريق الساعي:"
                    : "احجز موعدًا لاستلامها:",
                link,
            ]
        case (.deliveryNotice(let delivery), .ar):
            let when = DateWording.dateTime(delivery.date, delivery.window.from, delivery.window.to, .ar)
            subject = "سيوصل الساعي وثيقتك (\(name)): \(when)"
            lines = [
                "عزيزي/عزيزتي \(holder.name)،",
                "سيوصل الساعي وثيقتك (\(name)) في \(when) إلى \(delivery.address.street) \(delivery.address.houseNumber)، \(delivery.address.postcode) \(delivery.address.city).",
                "كن في المنزل ومعك إثبات هويتك. يمكنك اختيار يوم آخر من هنا حتى اليوم السابق:",
                link,
            ]
        case (.deliveryFailed, .ar):
            subject = "تعذّر توصيل وثيقتك (\(name))"
            lines = [
                "عزيزي/عزيزتي \(holder.name)،",
                "لم يتمكن الساعي من توصيل وثيقتك (\(name)). وهي الآن متاحة مرة أخرى في \(place).",
                "اختر من جديد: الاستلام بنفسك أو يوم توصيل جديد:", link,
            ]
        }
        text = lines.joined(separator: "\n\n") + "\n"
        let escaped = lines.dropLast().map { "<p>\(HTMLText.escape($0))</p>" }.joined()
        html = EmailPage.html(
            subject: subject, language: language,
            body: "\(escaped)<p><a href=\"\(HTMLText.escape(link))\">\(Self.linkText(language))</a></p>")
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

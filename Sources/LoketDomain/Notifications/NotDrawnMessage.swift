import Foundation

/// The email to someone a draw did not give a place: nobody should have to wonder whether they
/// lost or were forgotten. It says they now wait on the waitlist, in draw order, and that an
/// offer will come by email; they need not poll.
public struct NotDrawnMessage: EmailContent {
    public let subject: String
    public let text: String
    public let html: String

    /// - Parameter entry: the waitlist entry the draw put them in.
    public init(entry: WaitlistEntry, product: Product, desks: [Desk]) {
        let language = entry.language
        let productName = product.name(language)
        let places = desks.map(\.place)
        let window = "\(DateWording.date(entry.from, language)) – \(DateWording.date(entry.to, language))"
        let lines: [String]
        switch language {
        case .nl:
            subject = "Loting \(productName): u bent niet ingeloot en staat nu op de wachtlijst"
            lines = [
                "Er waren meer aanmeldingen dan plaatsen. Bij de loting voor \(productName) bent u deze keer niet ingeloot.",
                "U staat nu op de wachtlijst, in de volgorde van de loting, voor:", places.joined(separator: "; "),
                "tussen \(window).",
                "Komt er een plaats vrij, dan krijgt u een aanbod per e-mail. U hoeft niet zelf te blijven zoeken.",
            ]
        case .en:
            subject = "Draw for \(productName): you were not drawn and are now on the waitlist"
            lines = [
                "There were more entries than places. In the draw for \(productName) you were not drawn this time.",
                "You are now on the waitlist, in draw order, for:", places.joined(separator: "; "),
                "between \(window).",
                "When a place comes free you will get an offer by email. You do not need to keep looking.",
            ]
        case .uk:
            subject = "Жеребкування, \(productName): вас не обрано, ви тепер у списку очікування"
            lines = [
                "Заявок було більше, ніж місць. Цього разу в жеребкуванні на \(productName) вас не обрано.",
                "Тепер ви в списку очікування, у порядку жеребкування, на:", places.joined(separator: "; "),
                "у період \(window).",
                "Коли звільниться місце, ви отримаєте пропозицію електронною поштою. Самостійно шукати далі не потрібно.",
            ]
        case .ar:
            subject = "قرعة \(productName): لم يقع عليك الاختيار وأنت الآن في قائمة الانتظار"
            lines = [
                "كانت الطلبات أكثر من الأماكن المتاحة. في قرعة \(productName) لم يقع عليك الاختيار هذه المرة.",
                "أنت الآن في قائمة الانتظار، بترتيب القرعة، من أجل:", places.joined(separator: "؛ "),
                "في الفترة \(window).",
                "عندما يصبح مكان متاحًا ستصلك رسالة بعرض عبر البريد الإلكتروني. لا داعي لمواصلة البحث بنفسك.",
            ]
        }
        text = lines.joined(separator: "\n") + "\n"
        let escaped = lines.map(HTMLText.escape)
        html = EmailPage.html(
            subject: subject, language: language,
            body: "<p>\(escaped[0])</p><p>\(escaped[1])<br>\(escaped[2])<br>\(escaped[3])</p><p>\(escaped[4])</p>")
    }
}

import Foundation

/// The receipt for joining the waitlist: what they wait for, that an offer comes by email so
/// they need not poll, and the link to their entry, which opens in any browser (the one they
/// joined in may be gone by the time an offer comes).
public struct WaitlistJoinedMessage: EmailContent {
    public let subject: String
    public let text: String
    public let html: String

    public init(entry: WaitlistEntry, product: Product, desks: [Desk], link: String) {
        let language = entry.language
        let productName = product.name(language)
        let places = desks.map(\.place).joined(separator: language == .ar ? "؛ " : "; ")
        let window = "\(DateWording.date(entry.from, language)) – \(DateWording.date(entry.to, language))"
        let lines: [String]
        switch language {
        case .nl:
            subject = "U staat op de wachtlijst: \(productName)"
            lines = [
                "U staat op de wachtlijst voor \(productName), bij \(places), tussen \(window).",
                "Komt er een tijd vrij, dan krijgt u een aanbod per e-mail. U hoeft niet zelf te blijven zoeken.",
                "Op deze pagina ziet u uw plaats in de rij en kunt u de wachtlijst verlaten:",
            ]
        case .en:
            subject = "You are on the waitlist: \(productName)"
            lines = [
                "You are on the waitlist for \(productName), at \(places), between \(window).",
                "When a time comes free you will get an offer by email. You do not need to keep looking.",
                "On this page you see your place in line and can leave the waitlist:",
            ]
        case .uk:
            subject = "Ви в списку очікування: \(productName)"
            lines = [
                "Ви в списку очікування на \(productName), у: \(places), у період \(window).",
                "Коли звільниться час, ви отримаєте пропозицію електронною поштою. Самостійно шукати далі не потрібно.",
                "На цій сторінці видно ваше місце в черзі, і там можна вийти зі списку очікування:",
            ]
        case .ar:
            subject = "أنت في قائمة الانتظار: \(productName)"
            lines = [
                "أنت في قائمة الانتظار من أجل \(productName)، في: \(places)، في الفترة \(window).",
                "عندما يصبح وقت متاحًا ستصلك رسالة بعرض عبر البريد الإلكتروني. لا داعي لمواصلة البحث بنفسك.",
                "في هذه الصفحة ترى مكانك في الدور ويمكنك مغادرة قائمة الانتظار:",
            ]
        }
        let message = LinkMessage(subject: subject, language: language, paragraphs: lines, link: link)
        text = message.text
        html = message.html
    }
}

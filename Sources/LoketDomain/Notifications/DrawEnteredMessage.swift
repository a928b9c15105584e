import Foundation

/// The receipt for entering a draw: what was entered, when the draw is held, that the result
/// comes by email, and the link to the entry, which opens in any browser, not only the one that
/// entered.
public struct DrawEnteredMessage: EmailContent {
    public let subject: String
    public let text: String
    public let html: String

    public init(
        draw: Draw, entry: DrawEntry, product: Product, desk: Desk, language: Customer.Language, link: String
    ) {
        let productName = product.name(language)
        let separator = language == .ar ? "؛ " : "; "
        let days =
            entry.days.isEmpty ? nil : entry.days.map { DateWording.date($0, language) }.joined(separator: separator)
        let closes = DateWording.deadline(draw.closesAt, language)
        let lines: [String]
        switch language {
        case .nl:
            subject = "U doet mee aan de loting: \(productName)"
            lines = [
                "U doet mee aan de loting voor \(productName) bij \(desk.place).",
                days.map { "Dagen die u schikken: \($0)." } ?? "Elke dag van de loting schikt u.",
                "De inschrijving sluit \(closes); daarna wordt geloot. U krijgt de uitslag per e-mail: een afspraak, of een plaats op de wachtlijst.",
                "Op deze pagina ziet u uw inschrijving en later de uitslag, ook in een andere browser:",
            ]
        case .en:
            subject = "You have entered the draw: \(productName)"
            lines = [
                "You have entered the draw for \(productName) at \(desk.place).",
                days.map { "Days that suit you: \($0)." } ?? "Any day of the draw suits you.",
                "Entries close \(closes); the draw is held then. You will get the result by email: an appointment, or a place on the waitlist.",
                "On this page you see your entry and, later, the result, in any browser:",
            ]
        case .uk:
            subject = "Ви берете участь у жеребкуванні: \(productName)"
            lines = [
                "Ви берете участь у жеребкуванні на \(productName) у: \(desk.place).",
                days.map { "Дні, які вам підходять: \($0)." } ?? "Вам підходить будь-який день жеребкування.",
                "Прийом заявок закривається: \(closes); тоді й відбудеться жеребкування. Результат ви отримаєте електронною поштою: запис на прийом або місце в списку очікування.",
                "На цій сторінці видно вашу заявку, а згодом і результат, у будь-якому браузері:",
            ]
        case .ar:
            subject = "لقد اشتركت في القرعة: \(productName)"
            lines = [
                "لقد اشتركت في القرعة من أجل \(productName) في: \(desk.place).",
                days.map { "الأيام التي تناسبك: \($0)." } ?? "أي يوم من أيام القرعة يناسبك.",
                "يُغلق باب الاشتراك: \(closes)؛ وتُجرى القرعة حينها. ستصلك النتيجة عبر البريد الإلكتروني: موعد، أو مكان في قائمة الانتظار.",
                "في هذه الصفحة ترى اشتراكك ثم النتيجة لاحقًا، في أي متصفح:",
            ]
        }
        let message = LinkMessage(subject: subject, language: language, paragraphs: lines, link: link)
        text = message.text
        html = message.html
    }
}

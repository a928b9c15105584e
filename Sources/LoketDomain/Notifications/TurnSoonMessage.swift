import Foundation

/// The email to a checked-in customer who asked for it: their ticket is among the next to be
/// called, so it is time to come back to the waiting room and watch the screen.
public struct TurnSoonMessage: EmailContent {
    public let subject: String
    public let text: String
    public let html: String

    public init(ticket: Ticket, desk: Desk, language: Customer.Language) {
        let number = ticket.description
        let lines: [String]
        switch language {
        case .nl:
            subject = "Straks aan de beurt: nummer \(number)"
            lines = [
                "Uw nummer \(number) wordt binnenkort opgeroepen bij \(desk.name).",
                "Kom terug naar de wachtruimte en let op het scherm: daar staat bij welke balie u terecht kunt.",
            ]
        case .en:
            subject = "Your turn soon: number \(number)"
            lines = [
                "Your number \(number) will be called soon at \(desk.name).",
                "Please come back to the waiting room and watch the screen: it shows which counter to go to.",
            ]
        case .uk:
            subject = "Скоро ваша черга: номер \(number)"
            lines = [
                "Ваш номер \(number) скоро викличуть у \(desk.name).",
                "Поверніться, будь ласка, до зали очікування і стежте за екраном: там буде вказано, до якого віконця підійти.",
            ]
        case .ar:
            subject = "اقترب دورك: الرقم \(number)"
            lines = [
                "سيُنادى على رقمك \(number) قريبًا في \(desk.name).",
                "يُرجى العودة إلى قاعة الانتظار ومتابعة الشاشة: ستعرض الشباك الذي تتوجه إليه.",
            ]
        }
        text = lines.joined(separator: "\n") + "\n"
        html = EmailPage.html(
            subject: subject, language: language,
            body: lines.map { "<p>\(HTMLText.escape($0))</p>" }.joined())
    }
}

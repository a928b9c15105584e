import Foundation

/// The email to an invited person for whom a third party (an app, a lawyer's office) booked
/// through the planner API: the slot is held, and only the person makes it an appointment, with
/// the link and their date of birth. Sent to the invitation's own address, never to one the
/// third party gave.
public struct AwaitingPersonMessage: EmailContent {
    public let subject: String
    public let text: String
    public let html: String

    public init(hold: Hold, desk: Desk, product: Product, language: Customer.Language, link: String) {
        let productName = product.name(language)
        let when = DateWording.dateTime(hold.date, hold.startTime, hold.endTime, language)
        let until = DeskTime(hold.expiresAt, timeZone: DeskTime.amsterdam).time.text
        let lines: [String]
        switch language {
        case .nl:
            subject = "Bevestig uw afspraak bij de IND: \(productName)"
            lines = [
                "Via een andere website of app is voor u een afspraak klaargezet: \(productName), \(when), \(desk.name), \(desk.address), \(desk.city).",
                "Het is pas een afspraak als u die zelf bevestigt, met uw geboortedatum, vóór \(until) uur. Anders vervalt de tijd. Heeft u dit niet zelf gevraagd? Doe dan niets.",
                "Bevestig de afspraak via deze link:",
            ]
        case .en:
            subject = "Confirm your IND appointment: \(productName)"
            lines = [
                "An appointment was set aside for you through another website or app: \(productName), \(when), \(desk.name), \(desk.address), \(desk.city).",
                "It becomes an appointment only when you confirm it yourself, with your date of birth, before \(until). Otherwise the time lapses. Did you not ask for this? Then do nothing.",
                "Confirm the appointment with this link:",
            ]
        case .uk:
            subject = "Підтвердьте свій запис до IND: \(productName)"
            lines = [
                "Через інший вебсайт або застосунок для вас зарезервовано час прийому: \(productName), \(when), \(desk.name), \(desk.address), \(desk.city).",
                "Запис стане дійсним лише тоді, коли ви самі підтвердите його своєю датою народження до \(until). Інакше цей час пропаде. Ви цього не просили? Тоді нічого не робіть.",
                "Підтвердьте запис за цим посиланням:",
            ]
        case .ar:
            subject = "أكّد موعدك لدى IND: \(productName)"
            lines = [
                "تم حجز وقت لك عبر موقع أو تطبيق آخر: \(productName)، \(when)، \(desk.name)، \(desk.address)، \(desk.city).",
                "لا يصبح موعدًا إلا عندما تؤكده بنفسك بتاريخ ميلادك قبل الساعة \(until). وإلا يسقط هذا الوقت. إذا لم تطلب ذلك بنفسك، فلا تفعل شيئًا.",
                "أكّد الموعد عبر هذا الرابط:",
            ]
        }
        let message = LinkMessage(subject: subject, language: language, paragraphs: lines, link: link)
        text = message.text
        html = message.html
    }
}

import Foundation

/// The email the case system's invitation sends: what to book, until when, and the link that
/// opens booking with the person's details filled in. It names no V-number or date of birth:
/// mail travels and is forwarded, and the booking asks for the date of birth again.
public struct InvitationMessage: EmailContent {
    public let subject: String
    public let text: String
    public let html: String

    public init(invitation: Invitation, product: Product, link: String) {
        let language = invitation.language
        let productName = product.name(language)
        let until = DateWording.date(invitation.validUntil, language)
        let lines: [String]
        switch language {
        case .nl:
            subject = "Maak uw afspraak bij de IND: \(productName)"
            lines = [
                "De IND nodigt u uit een afspraak te maken voor: \(productName).",
                "U kunt tot en met \(until) een afspraak maken. Alleen u kunt deze uitnodiging gebruiken: bij het maken van de afspraak vragen wij uw V-nummer en geboortedatum. Komt u met gezinsleden, dan heeft ieder van hen een eigen uitnodiging nodig.",
                "Maak uw afspraak via deze link:",
            ]
        case .en:
            subject = "Book your IND appointment: \(productName)"
            lines = [
                "The IND invites you to book an appointment for: \(productName).",
                "You can book until \(until). Only you can use this invitation: when you book, we ask for your V-number and date of birth. If family members come with you, each of them needs an invitation of their own.",
                "Book your appointment with this link:",
            ]
        case .uk:
            subject = "Запишіться на прийом до IND: \(productName)"
            lines = [
                "IND запрошує вас записатися на прийом: \(productName).",
                "Записатися можна до \(until) включно. Скористатися цим запрошенням можете лише ви: під час запису ми запитаємо ваш V-номер і дату народження. Якщо з вами прийдуть члени сім’ї, кожному з них потрібне власне запрошення.",
                "Запишіться на прийом за цим посиланням:",
            ]
        case .ar:
            subject = "احجز موعدك لدى IND: \(productName)"
            lines = [
                "تدعوك IND إلى حجز موعد من أجل: \(productName).",
                "يمكنك الحجز حتى \(until). لا يستطيع أحد غيرك استخدام هذه الدعوة: عند الحجز نطلب رقم V الخاص بك وتاريخ ميلادك. إذا جاء معك أفراد من عائلتك، فيحتاج كل منهم إلى دعوة خاصة به.",
                "احجز موعدك عبر هذا الرابط:",
            ]
        }
        let message = LinkMessage(subject: subject, language: language, paragraphs: lines, link: link)
        text = message.text
        html = message.html
    }
}

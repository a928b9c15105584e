import Foundation

/// The email the case system's invitation sends: what to book, until when, and the link that
/// opens booking with the person's details filled in. It names no V-number or date of birth:
/// mail travels and is forwarded, and the booking asks for the date of birth again.
public struct InvitationMessage: Sendable {
    public let subject: String
    public let text: String
    public let html: String

    public init(invitation: Invitation, product: Product, link: String) {
        let language = invitation.language
        let productName = language == .nl ? product.nameNL : product.nameEN
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
        }
        text = (lines + [link]).joined(separator: "\n") + "\n"
        let escaped = lines.map(HTMLText.escape)
        let href = HTMLText.escape(link)
        html = """
            <!DOCTYPE html><html lang="\(language.rawValue)"><head><meta charset="utf-8"><title>\(HTMLText.escape(subject))</title></head>\
            <body style="font-family:sans-serif;color:#111"><p>\(escaped[0])</p><p>\(escaped[1])</p>\
            <p>\(escaped[2])<br><a href="\(href)">\(href)</a></p></body></html>
            """
    }
}

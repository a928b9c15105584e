import Foundation

/// The emails about a document, in its holder's language: that it is ready and how to get it
/// (pickup at the desk, or delivery where offered), the advance notice of a delivery's day and
/// window, and that a delivery failed and the document is back at the desk.
public struct DocumentMessage: Sendable {
    public enum Kind: Sendable {
        case ready
        case deliveryNotice(Delivery)
        case deliveryFailed
    }

    public let subject: String
    public let text: String
    public let html: String

    /// - Parameter link: the document's page, where the holder chooses (carries its link token).
    public init(
        kind: Kind, document: Document, holder: Document.Holder, documentName: (nl: String, en: String), desk: Desk,
        deliveryOffered: Bool, link: String
    ) {
        let language = holder.language
        let name = language == .nl ? documentName.nl : documentName.en
        let place = "\(desk.name), \(desk.address), \(desk.city)"
        let lines: [String]
        switch (kind, language) {
        case (.ready, .nl):
            subject = "Uw \(name.lowercased()) ligt klaar"
            lines = [
                "Beste \(holder.name),",
                "Uw \(name.lowercased()) ligt vanaf \(DateWording.date(document.readyOn, .nl)) klaar bij \(place).",
                deliveryOffered
                    ? "Maak een afspraak om het op te halen, of laat het thuisbezorgen door de koerier:"
                    : "Maak een afspraak om het op te halen:",
                link,
            ]
        case (.ready, .en):
            subject = "Your \(name.lowercased()) is ready"
            lines = [
                "Dear \(holder.name),",
                "Your \(name.lowercased()) is ready from \(DateWording.date(document.readyOn, .en)) at \(place).",
                deliveryOffered
                    ? "Book an appointment to collect it, or have the courier deliver it to your home:"
                    : "Book an appointment to collect it:",
                link,
            ]
        case (.deliveryNotice(let delivery), .nl):
            let when = DateWording.dateTime(delivery.date, delivery.window.from, delivery.window.to, .nl)
            subject = "De koerier bezorgt uw \(name.lowercased()): \(when)"
            lines = [
                "Beste \(holder.name),",
                "De koerier bezorgt uw \(name.lowercased()) op \(when) bij \(delivery.address.street) \(delivery.address.houseNumber), \(delivery.address.postcode) \(delivery.address.city).",
                "Zorg dat u thuis bent en uw identiteitsbewijs bij de hand hebt. Een andere dag kiezen kan hier, tot de dag ervoor:",
                link,
            ]
        case (.deliveryNotice(let delivery), .en):
            let when = DateWording.dateTime(delivery.date, delivery.window.from, delivery.window.to, .en)
            subject = "The courier delivers your \(name.lowercased()): \(when)"
            lines = [
                "Dear \(holder.name),",
                "The courier delivers your \(name.lowercased()) on \(when) at \(delivery.address.street) \(delivery.address.houseNumber), \(delivery.address.postcode) \(delivery.address.city).",
                "Please be at home with your proof of identity. You can choose another day here, until the day before:",
                link,
            ]
        case (.deliveryFailed, .nl):
            subject = "Uw \(name.lowercased()) kon niet worden bezorgd"
            lines = [
                "Beste \(holder.name),",
                "De koerier kon uw \(name.lowercased()) niet bezorgen. Het ligt weer klaar bij \(place).",
                "Kies opnieuw: ophalen of een nieuwe bezorgdag:", link,
            ]
        case (.deliveryFailed, .en):
            subject = "Your \(name.lowercased()) could not be delivered"
            lines = [
                "Dear \(holder.name),",
                "The courier could not deliver your \(name.lowercased()). It is back at \(place).",
                "Choose again: collect it, or a new delivery day:", link,
            ]
        }
        text = lines.joined(separator: "\n\n") + "\n"
        let escaped = lines.dropLast().map { "<p>\(HTMLText.escape($0))</p>" }.joined()
        let linkText = language == .nl ? "Kiezen: ophalen of bezorgen" : "Choose: collect or delivery"
        html = """
            <!DOCTYPE html><html lang="\(language.rawValue)"><head><meta charset="utf-8"><title>\(HTMLText.escape(subject))</title></head>\
            <body style="font-family:sans-serif;color:#111">\(escaped)<p><a href="\(HTMLText.escape(link))">\(linkText)</a></p></body></html>
            """
    }
}

import Foundation

/// The email a customer gets about their appointment, in their language: a text and an HTML
/// version and a calendar invite that adds, moves or removes the appointment.
public struct AppointmentMessage: Sendable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case confirmation, reschedule, cancellation, reminder
    }

    public let subject: String
    public let text: String
    public let html: String
    public let invite: CalendarInvite

    /// - Parameters:
    ///   - sequence: how often the appointment was moved before, for the invite's SEQUENCE.
    ///   - organizer: the address invites come from.
    ///   - manageLink: where the customer can move or cancel the appointment; left out of cancellations.
    public init(
        kind: Kind, appointment: Appointment, desk: Desk, product: Product, sequence: Int, organizer: String,
        stamp: Date,
        manageLink: String? = nil
    ) {
        let language = appointment.language
        let when = DateWording.dateTime(appointment.date, appointment.startTime, appointment.endTime, language)
        let productName = product.name(language)
        let persons = appointment.persons
        let place = "\(desk.name), \(desk.address)"
        let reference = appointment.code ?? appointment.id
        let link = kind == .cancellation ? nil : manageLink
        var lines: [String]
        switch (kind, language) {
        case (.confirmation, .nl):
            subject = "Bevestiging van uw afspraak: \(productName), \(when)"
            lines = ["Uw afspraak is gemaakt.", ""]
        case (.confirmation, .en):
            subject = "Your appointment is confirmed: \(productName), \(when)"
            lines = ["Your appointment is booked.", ""]
        case (.reschedule, .nl):
            subject = "Uw afspraak is verzet: \(productName), \(when)"
            lines = ["Uw afspraak is verzet naar het moment hieronder. Het oude tijdstip vervalt.", ""]
        case (.reschedule, .en):
            subject = "Your appointment has moved: \(productName), \(when)"
            lines = ["Your appointment has moved to the time below. The old time no longer applies.", ""]
        case (.cancellation, .nl):
            subject = "Uw afspraak is geannuleerd: \(productName), \(when)"
            lines = ["Uw afspraak is geannuleerd. U hoeft niet te komen.", ""]
        case (.cancellation, .en):
            subject = "Your appointment is cancelled: \(productName), \(when)"
            lines = ["Your appointment is cancelled. You do not need to come.", ""]
        case (.reminder, .nl):
            subject = "Herinnering: uw afspraak op \(when)"
            lines = ["U heeft binnenkort een afspraak.", ""]
        case (.reminder, .en):
            subject = "Reminder: your appointment on \(when)"
            lines = ["You have an appointment soon.", ""]
        }
        let facts: [(String, String)] =
            language == .nl
            ? [
                ("Wat", productName), ("Wanneer", when), ("Waar", place), ("Personen", "\(persons)"),
                ("Afspraakcode", reference),
            ]
            : [
                ("What", productName), ("When", when), ("Where", place), ("Persons", "\(persons)"),
                ("Appointment code", reference),
            ]
        lines += facts.map { "\($0.0): \($0.1)" }
        let bring =
            language == .nl
            ? "Neem uw paspoort of identiteitsbewijs mee, en dat van iedereen voor wie de afspraak is. Kom op tijd; wie te laat is, kan een nieuwe afspraak moeten maken."
            : "Bring your passport or identity document, and those of everyone the appointment is for. Be on time; if you are late you may have to book again."
        if kind != .cancellation { lines += ["", bring] }
        let linkLabel =
            language == .nl ? "Afspraak bekijken, verzetten of afzeggen" : "View, change or cancel the appointment"
        if let link { lines += ["", "\(linkLabel): \(link)"] }
        text = lines.joined(separator: "\n") + "\n"
        let rows = facts.map {
            "<tr><th scope=\"row\" style=\"text-align:left;padding-right:1em\">\(HTMLText.escape($0.0))</th><td>\(HTMLText.escape($0.1))</td></tr>"
        }.joined()
        let intro = HTMLText.escape(lines[0])
        var outro = kind == .cancellation ? "" : "<p>\(HTMLText.escape(bring))</p>"
        if let link { outro += "<p><a href=\"\(HTMLText.escape(link))\">\(HTMLText.escape(linkLabel))</a></p>" }
        html = """
            <!DOCTYPE html><html lang="\(language.rawValue)"><head><meta charset="utf-8"><title>\(HTMLText.escape(subject))</title></head>\
            <body style="font-family:sans-serif;color:#111"><p>\(intro)</p><table>\(rows)</table>\(outro)</body></html>
            """
        invite = CalendarInvite(
            method: kind == .cancellation ? .cancel : .request, uid: "\(appointment.id)@loket", sequence: sequence,
            date: appointment.date, start: appointment.startTime, end: appointment.endTime,
            summary: "\(productName) — \(desk.name)", location: place,
            description: "\(language == .nl ? "Afspraakcode" : "Appointment code"): \(reference)",
            organizer: organizer, stamp: stamp)
    }
}

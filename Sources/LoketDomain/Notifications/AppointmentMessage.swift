import Foundation

/// The email a customer gets about their appointment, in their language: a text and an HTML
/// version and a calendar invite that adds, moves or removes the appointment.
public struct AppointmentMessage: EmailContent {
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
        let place = desk.place
        let reference = appointment.code ?? appointment.id
        let link = kind == .cancellation ? nil : manageLink
        let words = Wording(language)
        let headline = words.headline(kind, product: productName, when: when)
        subject = headline.subject
        var lines = [headline.intro, ""]
        let facts = zip(words.factLabels, [productName, when, place, "\(persons)", reference]).map { ($0, $1) }
        lines += facts.map { "\($0.0): \($0.1)" }
        if kind != .cancellation { lines += ["", words.bring, "\(words.routeLabel): \(desk.routeURL)"] }
        if let link { lines += ["", "\(words.linkLabel): \(link)"] }
        text = lines.joined(separator: "\n") + "\n"
        // The label's side follows the language's direction, written out: mail programs that
        // render with a word processor know no logical properties.
        let (start, end) = language.isRightToLeft ? ("right", "left") : ("left", "right")
        let rows = facts.map {
            "<tr><th scope=\"row\" style=\"text-align:\(start);padding-\(end):1em\">\(HTMLText.escape($0.0))</th><td>\(HTMLText.escape($0.1))</td></tr>"
        }.joined()
        var outro =
            kind == .cancellation
            ? ""
            : "<p>\(HTMLText.escape(words.bring))</p><p><a href=\"\(HTMLText.escape(desk.routeURL))\">\(HTMLText.escape(words.routeLabel))</a></p>"
        if let link { outro += "<p><a href=\"\(HTMLText.escape(link))\">\(HTMLText.escape(words.linkLabel))</a></p>" }
        html = EmailPage.html(
            subject: subject, language: language,
            body: "<p>\(HTMLText.escape(lines[0]))</p><table>\(rows)</table>\(outro)")
        invite = CalendarInvite(
            method: kind == .cancellation ? .cancel : .request, uid: "\(appointment.id)@loket", sequence: sequence,
            date: appointment.date, start: appointment.startTime, end: appointment.endTime,
            summary: "\(productName) — \(desk.name)", location: place,
            description: "\(words.factLabels[4]): \(reference)",
            organizer: organizer, stamp: stamp)
    }

    /// One language's words for the appointment emails.
    struct Wording {
        let language: Customer.Language

        init(_ language: Customer.Language) { self.language = language }

        /// The subject and the first line for `kind`.
        func headline(_ kind: Kind, product: String, when: String) -> (subject: String, intro: String) {
            switch (kind, language) {
            case (.confirmation, .nl):
                ("Bevestiging van uw afspraak: \(product), \(when)", "Uw afspraak is gemaakt.")
            case (.confirmation, .en):
                ("Your appointment is confirmed: \(product), \(when)", "Your appointment is booked.")
            case (.confirmation, .uk): ("Ваш запис підтверджено: \(product), \(when)", "Вас записано на прийом.")
            case (.confirmation, .ar): ("تم تأكيد موعدك: \(product)، \(when)", "تم حجز موعدك.")
            case (.reschedule, .nl):
                (
                    "Uw afspraak is verzet: \(product), \(when)",
                    "Uw afspraak is verzet naar het moment hieronder. Het oude tijdstip vervalt."
                )
            case (.reschedule, .en):
                (
                    "Your appointment has moved: \(product), \(when)",
                    "Your appointment has moved to the time below. The old time no longer applies."
                )
            case (.reschedule, .uk):
                (
                    "Ваш запис перенесено: \(product), \(when)",
                    "Ваш запис перенесено на час, указаний нижче. Попередній час більше не діє."
                )
            case (.reschedule, .ar):
                (
                    "تم تغيير موعدك: \(product)، \(when)",
                    "تم نقل موعدك إلى الوقت المذكور أدناه. الوقت السابق لم يعد صالحًا."
                )
            case (.cancellation, .nl):
                (
                    "Uw afspraak is geannuleerd: \(product), \(when)",
                    "Uw afspraak is geannuleerd. U hoeft niet te komen."
                )
            case (.cancellation, .en):
                (
                    "Your appointment is cancelled: \(product), \(when)",
                    "Your appointment is cancelled. You do not need to come."
                )
            case (.cancellation, .uk):
                ("Ваш запис скасовано: \(product), \(when)", "Ваш запис скасовано. Приходити не потрібно.")
            case (.cancellation, .ar): ("تم إلغاء موعدك: \(product)، \(when)", "تم إلغاء موعدك. لا داعي للحضور.")
            case (.reminder, .nl): ("Herinnering: uw afspraak op \(when)", "U heeft binnenkort een afspraak.")
            case (.reminder, .en): ("Reminder: your appointment on \(when)", "You have an appointment soon.")
            case (.reminder, .uk): ("Нагадування: ваш запис на \(when)", "Незабаром у вас прийом.")
            case (.reminder, .ar): ("تذكير: موعدك في \(when)", "لديك موعد قريبًا.")
            }
        }

        /// What, when, where, persons, appointment code.
        var factLabels: [String] {
            switch language {
            case .nl: ["Wat", "Wanneer", "Waar", "Personen", "Afspraakcode"]
            case .en: ["What", "When", "Where", "Persons", "Appointment code"]
            case .uk: ["Що", "Коли", "Де", "Осіб", "Код запису"]
            case .ar: ["ماذا", "متى", "أين", "عدد الأشخاص", "رمز الموعد"]
            }
        }

        var bring: String {
            switch language {
            case .nl:
                "Neem uw paspoort of identiteitsbewijs mee, en dat van iedereen voor wie de afspraak is. Kom op tijd; wie te laat is, kan een nieuwe afspraak moeten maken."
            case .en:
                "Bring your passport or identity document, and those of everyone the appointment is for. Be on time; if you are late you may have to book again."
            case .uk:
                "Візьміть із собою паспорт або посвідчення особи, а також документи всіх, для кого цей запис. Приходьте вчасно: якщо ви запізнитеся, можливо, доведеться записатися знову."
            case .ar:
                "أحضر جواز سفرك أو وثيقة هويتك، ووثائق كل من الموعد لهم. احضر في الوقت المحدد؛ إذا تأخرت فقد تحتاج إلى حجز موعد جديد."
            }
        }

        /// Directions to the desk.
        var routeLabel: String {
            switch language {
            case .nl: "Routebeschrijving"
            case .en: "Directions"
            case .uk: "Як дістатися"
            case .ar: "الاتجاهات"
            }
        }

        var linkLabel: String {
            switch language {
            case .nl: "Afspraak bekijken, verzetten of afzeggen"
            case .en: "View, change or cancel the appointment"
            case .uk: "Переглянути, перенести або скасувати запис"
            case .ar: "عرض الموعد أو تغييره أو إلغاؤه"
            }
        }
    }
}

import LoketApp
import LoketDomain

/// The texts that say what went wrong or what happened, in Dutch and English: validation
/// messages by the refused field and code (`error.<field>.<code>`), and the sentences the Swift
/// code puts together. The application layer's English messages stay for the API; a page shows
/// the table's text where there is one.
extension WebCopy {
    static let messageTexts: [String: (nl: String, en: String)] = [
        // The customer's details (the booking form and the staff's urgent booking form)
        "error.name.required": (
            "Vul de naam in van de persoon voor wie de afspraak is.",
            "Give the name of the person the appointment is for."
        ),
        "error.name.too_long": ("Een naam heeft hoogstens 200 tekens.", "A name may be at most 200 characters."),
        "error.email.required": (
            "Vul een e-mailadres in. Daar sturen wij de bevestiging heen.",
            "Give an email address for the confirmation."
        ),
        "error.email.invalid": (
            "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.", "This is not a valid email address."
        ),
        "error.phone.invalid": (
            "Vul een geldig telefoonnummer in (6 tot 20 cijfers), of laat het leeg.",
            "A phone number has 6 to 20 digits and may start with +."
        ),
        "error.dateOfBirth.required": ("Vul de geboortedatum in.", "Enter the date of birth."),
        "error.dateOfBirth.out_of_range": (
            "Deze geboortedatum kan niet kloppen.", "This date of birth cannot be right."
        ),
        "error.vNumber.invalid": (
            "Een V-nummer heeft 10 cijfers. Het staat op uw brieven van de IND.",
            "A V-number has exactly 10 digits. It is on your letters from the IND."
        ),
        "error.vNumber.required": (
            "Vul het V-nummer in. Iedereen kan voor deze afspraak maar één afspraak tegelijk hebben.",
            "Give the V-number. Each person can have only one appointment of this kind at a time."
        ),
        "error.vNumber.already_booked": (
            "Voor deze persoon is al een afspraak gemaakt. Wilt u een andere tijd? Verzet dan die afspraak met de link in de bevestigingsmail.",
            "This person already has an appointment for this. To change the time, move that appointment with the link in its confirmation email."
        ),
        "error.vNumber.not_invited": (
            "Voor deze persoon vonden wij geen uitnodiging met dit V-nummer en deze geboortedatum. Kijk beide na; de IND stuurt een uitnodiging per e-mail als een afspraak nodig is.",
            "We found no invitation for this person with this V-number and date of birth. Check both; the IND sends an invitation by email when an appointment is needed."
        ),
        "error.vNumber.not_on_booking": (
            "Dit V-nummer hoort niet bij deze afspraak. Controleer het identiteitsbewijs en de afspraak.",
            "This V-number is not one of this appointment's people. Check the ID and the appointment."
        ),
        "error.reference.too_many_checks": (
            "Voor dit document zijn vandaag te veel controles mislukt. Vraag een leidinggevende het te bekijken.",
            "Too many checks failed for this document today. Ask a desk manager to look at it."
        ),
        "error.appointment.too_many_checks": (
            "Voor deze afspraak zijn vandaag te veel controles mislukt. Vraag een leidinggevende het te bekijken.",
            "Too many checks failed for this appointment today. Ask a desk manager to look at it."
        ),
        "error.dateOfBirth.not_holder": (
            "Dit is niet de geboortedatum van de houder van het document.",
            "This is not the date of birth of the document's holder."
        ),
        "error.dateOfBirth.invalid": (
            "Vul de geboortedatum in als dag, maand en jaar.", "Give the date of birth as day, month and year."
        ),
        "error.companions.count": (
            "Vul de naam en het V-nummer in van iedereen die meekomt.",
            "Give the name and V-number of everyone who comes."
        ),
        "error.companions.duplicate": (
            "Elk V-nummer mag maar één keer voorkomen.", "Each person can be named only once."
        ),
        "error.holdToken.required": (
            "Deze tijd wordt niet in deze browser vastgehouden. Kies opnieuw een tijd.",
            "This time is not held in this browser. Please choose a time again."
        ),
        "error.holdToken.wrong_token": (
            "Deze tijd wordt niet in deze browser vastgehouden. Kies opnieuw een tijd.",
            "This time is not held in this browser. Please choose a time again."
        ),
        "error.hold.offered_hold": (
            "Deze tijd is aangeboden aan iemand op de wachtlijst.", "This time is offered to someone on the waitlist."
        ),
        "error.limit": (
            "U heeft dit vanaf uw adres te vaak kort na elkaar gedaan. Probeer het over %@ seconden opnieuw.",
            "You did this too often in a short time from your address. Please try again in %@ seconds."
        ),
        "error.id.move_limit": (
            "Deze afspraak is al te vaak verzet. Past de tijd niet? Zeg de afspraak dan af.",
            "This appointment has been moved too often. If the time does not suit you, cancel it."
        ),
        "error.language.invalid": (
            "Kies Nederlands, Engels, Oekraïens of Arabisch.", "Choose Dutch, English, Ukrainian or Arabic."
        ),
        // Times and appointments
        "error.slot.required": ("Kies een tijd.", "Choose a time."),
        "error.slot.unknown_slot": (
            "Deze tijd is er niet (meer). Kies een andere tijd.",
            "This time does not exist (any more). Choose another time."
        ),
        "error.slot.in_past": ("Deze tijd is al begonnen. Kies een latere tijd.", "This slot has already started."),
        "error.slot.slot_full": (
            "Iemand anders heeft deze tijd net gekozen. Kies een andere tijd.",
            "This slot was just taken; choose another."
        ),
        "error.hold.hold_expired": (
            "Deze tijd wordt niet meer voor u vastgehouden. Kies opnieuw een tijd.",
            "This time is no longer held for you. Please choose a time again."
        ),
        "error.hold.hold_used": (
            "Voor deze tijd is al een afspraak gemaakt.", "This hold has already been used for an appointment."
        ),
        "error.hold.unknown_hold": (
            "Deze tijd wordt niet voor u vastgehouden. Kies opnieuw een tijd.",
            "This time is not held for you. Please choose a time again."
        ),
        "error.id.cancelled": (
            "Deze afspraak is afgezegd. U kunt hem niet meer verzetten.", "A cancelled appointment cannot be moved."
        ),
        "error.id.unknown_appointment": ("Deze afspraak bestaat niet.", "There is no such appointment."),
        "error.Authorization.wrong_token": ("Deze link is niet (meer) geldig.", "This link is not valid (any more)."),
        "error.Authorization.missing_token": ("Deze link is niet (meer) geldig.", "This link is not valid (any more)."),
        "error.offer.no_offer": ("Er is geen aanbod (meer).", "There is no offer (any more)."),
        // The urgent booking
        "error.reason.invalid": ("Kies een reden.", "Choose a reason."),
        "error.note.required": ("Schrijf bij de reden ‘Anders’ een toelichting.", "Say why, for reason other."),
        "error.note.too_long": ("Een toelichting heeft hoogstens 500 tekens.", "At most 500 characters."),
        // The desk day
        "error.code.invalid_code": (
            "Een afspraakcode heeft acht letters en cijfers, zoals K7M2-Q9XD.",
            "An appointment code has eight letters and digits, like K7M2-Q9XD."
        ),
        "error.code.unknown_code": (
            "Vandaag is er bij dit loket geen afspraak met deze code.",
            "There is no appointment with this code at this desk today."
        ),
        "error.appointment.unknown_appointment": (
            "Deze afspraak is er niet bij dit loket.", "There is no such appointment at this desk."
        ),
        "error.outcome.not_yet": (
            "Deze afspraak is nog niet begonnen: markeer hem pas daarna als niet gekomen.",
            "This appointment has not begun yet: mark it a no-show only after its start."
        ),
        "error.outcome.cancelled": (
            "Deze afspraak is afgezegd; er valt niets te markeren.",
            "This appointment was cancelled; there is nothing to mark."
        ),
        "error.outcome.not_possible": (
            "Dat kan niet: het bezoek is al afgelopen, of de klant is nog niet opgeroepen.",
            "Not possible: the visit has already ended, or the customer has not been called yet."
        ),
        "error.counter.required": ("Vul uw balienummer in.", "Enter your counter number."),
        "error.from.invalid_window": (
            "Geef een tijd zoals 09:00, of day voor de hele dag.", "Give a time like 09:00, or day for the whole day."
        ),
        // The desk's settings
        "error.from.invalid_date": (
            "Vul de eerste dag in als jaar-maand-dag, bijvoorbeeld 2026-12-24.", "Give the first day as YYYY-MM-DD."
        ),
        "error.until.invalid_date": (
            "Vul de laatste dag in als jaar-maand-dag. Die mag niet voor de eerste dag liggen.",
            "Give the last day as YYYY-MM-DD, not before the first."
        ),
        "error.reason.required": (
            "Vul in waarom het loket dicht is (hoogstens 200 tekens).", "Say why the desk is closed."
        ),
        "error.day.invalid_hours": (
            "Schrijf de tijden op %@ zo: 09:00-17:00.", "Write the hours on %@ as 09:00-17:00."
        ),
        "error.hours.invalid_hours": ("Schrijf de tijden zo: 09:00-13:00.", "Write the hours as 09:00-13:00."),
        "error.product.required": (
            "Kies de producten waarvoor de balies zijn.", "Choose the products the counters serve."
        ),
        "error.days.required": ("Kies de dagen.", "Choose the days."),
        "error.counters.out_of_range": (
            "Het aantal balies is een getal van 0 tot 99.", "Counters is a number from 0 to 99."
        ),
        "error.counters.too_few": (
            "Het aantal balies is een getal van 1 tot 99.", "Counters is a number from 1 to 99."
        ),
        "error.block.unknown_block": ("Kies een roosterblok van dit loket.", "Choose a roster block of this desk."),
        // Staff accounts
        "error.username.invalid": (
            "Een gebruikersnaam heeft 3 tot 40 kleine letters, cijfers, punten of streepjes.",
            "A username has 3 to 40 lower-case letters, digits, dots or dashes."
        ),
        "error.username.taken": (
            "Er is al een account met deze gebruikersnaam.", "There is already an account with this username."
        ),
        "error.password.too_short": (
            "Een wachtwoord heeft minstens 12 tekens.", "A password has at least 12 characters."
        ),
        "error.desk.required": (
            "Kies het loket van een baliemedewerker of vestigingsmanager.",
            "Choose the desk of a clerk or desk manager."
        ),
        "error.desk.unknown_desk": ("Dit loket bestaat niet.", "There is no such desk."),
        "error.role.unknown": ("Kies een rol uit de lijst.", "Choose a role from the list."),
        "noAccess": ("U heeft geen toegang tot deze pagina.", "You do not have access to this page."),
        // The biometrics question
        "bioBirthInvalid": (
            "Vul uw geboortedatum in: dag, maand en jaar, bijvoorbeeld 31 maart 2004.",
            "Enter your date of birth: day, month and year, for example 31 March 2004."
        ),
        "bioDateInvalid": (
            "Deze datum klopt niet: hij ligt na vandaag of voor uw geboortedatum.",
            "This date is not possible: it is after today or before your date of birth."
        ),
        "bioReason.no_capture": ("Wij hebben nog geen %@ van u.", "We do not have your %@ yet."),
        "bioReason.insufficient_quality": (
            "De kwaliteit van uw vorige %@ was niet goed genoeg.", "The quality of your last %@ was not good enough."
        ),
        "bioReason.retake_at_age": ("%@ nemen wij opnieuw af vanaf %@ jaar.", "%@ are taken again from the age of %@."),
        "bioReason.too_old": ("Uw %@ is ouder dan %@ maanden.", "Your %@ is more than %@ months old."),
        "bioName.face": ("gezichtsopname", "facial image"), "bioNames.face": ("Gezichtsopnamen", "Facial images"),
        "bioName.fingerprints": ("vingerafdrukken", "fingerprints"),
        "bioNames.fingerprints": ("Vingerafdrukken", "Fingerprints"),
        "bioName.signature": ("handtekening", "signature"), "bioNames.signature": ("Handtekeningen", "Signatures"),
        // Changes to a desk's roster, as the list of changes shows them
        "change.closure": ("Gesloten %@: %@", "Closed %@: %@"),
        "change.hours": ("Openingstijden %@: %@", "Opening hours %@: %@"),
        "change.closed": ("gesloten", "closed"),
        "change.counters": ("Roosterblok %@ %@: %@ balies", "Roster block %@ %@: %@ counters"),
        "change.block": ("Extra roosterblok %@: %@, %@ %@, %@ balies", "Extra roster block %@: %@, %@ %@, %@ counters"),
        // A waitlist offer
        "offerNotFoundTitle": ("Aanbod niet gevonden", "Offer not found"),
        "offerBadLink": ("Deze link is niet (meer) geldig.", "This link is not valid (any more)."),
        "noOfferTitle": ("Geen aanbod meer", "No offer any more"),
        "noOfferText": ("Dit aanbod is niet meer geldig.", "This offer is no longer valid."),
        "offerTitle": ("Een eerdere afspraak voor u", "An earlier appointment for you"),
        "offerTitleNew": ("Er is een afspraak voor u vrijgekomen", "An appointment has come free for you"),
        "offerDeadline": ("Wij houden deze plek voor u vast tot %@.", "We keep this slot for you until %@."),
        "acceptOffer": ("Aanbod aannemen", "Accept the offer"),
        "declineOffer": ("Afslaan en blijven wachten", "Decline and keep waiting"),
        "offerBookedTitle": ("Afspraak gemaakt", "Appointment booked"),
        "offerBooked": (
            "Uw afspraak is %@. U krijgt een bevestiging per e-mail.",
            "Your appointment is on %@. You will get a confirmation by email."
        ),
        "offerDeclinedTitle": ("Aanbod afgeslagen", "Offer declined"),
        "offerDeclined": ("U blijft op de wachtlijst.", "You stay on the waitlist."),
        "notPossibleTitle": ("Dat kan niet", "Not possible"),
    ]

    /// What a page says about `error`: the table's text for its field and code in `language`,
    /// or the application's own (English) message when the table has none.
    static func message(_ error: Refusal, _ language: Customer.Language) -> String {
        if error.kind == .tooManyRequests {
            return text("error.limit", language, String(error.retryAfter ?? 60))
        }
        // "customer.email" and ".note" are the fields "email" and "note" of the page's form.
        let field = error.field.split(separator: ".").last.map(String.init) ?? error.field
        if let day = Weekday(rawValue: field) {
            return text("error.day.\(error.code)", language, text("weekday.\(day.rawValue)", language))
        }
        let key = "error.\(field).\(error.code)"
        return texts[key] == nil ? error.message : text(key, language)
    }

    /// Why a biometric must be taken at the desk, in the page's words; `policy` gives the
    /// months after which a capture is too old. The assessment's own sentence for a reason the
    /// table does not know.
    static func reason(
        _ reason: BiometricsAssessment.Reason, policy: BiometricsPolicy, _ language: Customer.Language
    ) -> String {
        let kind = reason.kind.rawValue
        let months = policy.rules[reason.kind]?.maxAgeMonths.map(String.init)
        switch reason.code {
        case "no_capture", "insufficient_quality":
            return text("bioReason.\(reason.code)", language, text("bioName.\(kind)", language))
        case "too_old" where months != nil:
            return text("bioReason.too_old", language, text("bioName.\(kind)", language), months!)
        case let code where code.hasPrefix("retake_at_age_"):
            return text(
                "bioReason.retake_at_age", language, text("bioNames.\(kind)", language),
                String(code.dropFirst("retake_at_age_".count)))
        default:
            // The policy file's own sentences are Dutch and English.
            return language == .nl ? reason.nl : reason.en
        }
    }
}

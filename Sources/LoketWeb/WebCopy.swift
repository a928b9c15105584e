import Foundation
import LoketApp
import LoketDomain

/// Every text on the web pages, in Dutch and English, and the customer's pages in Ukrainian and
/// Arabic (`Resources/texts/uk.json`, `ar.json`: translations of the English, key by key).
/// Templates read them as `{{t.key}}`; a test checks that every key a template or the Swift code
/// uses is here, so none shows up as an empty string. The messages and sentences the Swift code
/// builds are in `messageTexts`, the clerk's day in `deskDayTexts`, the draw pages' texts in `drawTexts`, the document page's in
/// `documentTexts`, the biometrics record's in `captureTexts`, handing a document over at the
/// desk in `handoverTexts`, inviting at the desk in `invitationTexts`, the open data, dashboard
/// and forecast pages' in `historyTexts`, the waitlist's in `waitlistTexts`.
enum WebCopy {
    static let texts = pageTexts.merging(deskDayTexts) { page, _ in page }.merging(messageTexts) { page, _ in page }
        .merging(drawTexts) { page, _ in page }
        .merging(documentTexts) { page, _ in page }.merging(captureTexts) { page, _ in page }
        .merging(handoverTexts) { page, _ in page }.merging(historyTexts) { page, _ in page }
        .merging(invitationTexts) { page, _ in page }.merging(waitlistTexts) { page, _ in page }
        .merging(whatIfTexts) { page, _ in page }.merging(settingsTexts) { page, _ in page }

    static let pageTexts: [String: (nl: String, en: String)] = [
        "service": ("Loket — afspraken bij de IND", "Loket — IND appointments"),
        "skip": ("Naar de inhoud", "Skip to content"),
        "readOnlyNotice": (
            "Even alleen inzien: Loket kan nu niets opslaan. Afspraken maken, verzetten en afzeggen lukt over enkele minuten weer.",
            "Viewing only, for now: Loket cannot save anything just now. Booking, moving and cancelling will work again in a few minutes."
        ),
        "siteMenu": ("Taal en account", "Language and account"),
        "errorsTitle": ("Controleer het volgende", "Please check the following"),
        "continue": ("Verder", "Continue"),
        "back": ("Terug", "Back"),
        "required": ("verplicht", "required"),
        "optional": ("niet verplicht", "optional"),
        // The biometrics check and the open data, from the start page
        "bioFromRecord": (
            "Dit antwoord komt uit wat de IND heeft vastgelegd bij dit V-nummer en deze geboortedatum.",
            "This answer comes from what the IND has recorded for this V-number and date of birth."
        ),
        "bioTryDates": (
            "Klopt dit niet? Vul de datums zelf in", "Does this not seem right? Enter the dates yourself"
        ),
        "bioRecordTitle": ("Met uw V-nummer", "With your V-number"),
        "bioRecordIntro": (
            "Wij kijken wat de IND al van u heeft vastgelegd.", "We look at what the IND has already recorded of you."
        ),
        "bioDatesTitle": ("Zelf de datums invullen", "Enter the dates yourself"),
        "bioDatesIntro": (
            "Is uw biometrie elders afgenomen en nog niet bij ons vastgelegd? Vul dan zelf de datums in.",
            "Were your biometrics taken elsewhere and not yet recorded by us? Then enter the dates yourself."
        ),
        "openDataHomeLink": ("Wachttijden per loket", "Waiting times per desk"),
        "openDataHomeHint": (
            "Hoe lang de wachttijd is en hoe die zich ontwikkelt, per loket, om te downloaden.",
            "How long the wait is and how it develops, per desk, to download."
        ),
        // Booking flow
        "homeTitle": ("Een afspraak maken", "Book an appointment"),
        "homeIntro": (
            "Kies waarvoor u komt. Daarna kiest u het loket, de dag en de tijd.",
            "Choose what you are coming for. Then you choose the desk, the day and the time."
        ),
        "productLegend": ("Waarvoor komt u?", "What are you coming for?"),
        "bioCheckHint": (
            "Eerst kijken we of u wel langs hoeft te komen.", "First we check whether you need to come at all."
        ),
        "manageHint": (
            "Heeft u al een afspraak? Gebruik de link in uw bevestigingsmail om die te verzetten of af te zeggen.",
            "Already have an appointment? Use the link in your confirmation email to change or cancel it."
        ),
        "desksTitle": ("Kies een loket", "Choose a desk"),
        "desksIntro": (
            "Bij elk loket ziet u de wachttijd in werkdagen en de eerste vrije dag.",
            "Each desk shows its waiting time in working days and its first free day."
        ),
        "waitDays": ("Wachttijd: %@ werkdagen", "Waiting time: %@ working days"),
        "firstFree": ("Eerste vrije dag: %@", "First free day: %@"),
        "noFree": ("Geen vrije plek in de komende periode.", "No free time in the coming period."),
        "deskClosed": ("Gesloten sinds %@. Afspraken zijn nu bij %@.", "Closed since %@. Appointments are now at %@."),
        "chooseDesk": ("Kies %@", "Choose %@"),
        "tailoredNote": ("Voor wie meer tijd of hulp nodig heeft.", "For people who need more time or help."),
        "calendarTitle": ("Kies een dag en tijd", "Choose a day and time"),
        "persons": ("Aantal personen", "Number of persons"),
        "personsHint": (
            "Voor iedereen die meekomt en zelf aan de beurt is.", "Everyone who comes along and needs to be served."
        ),
        "assistance": ("Ik heb extra tijd of hulp nodig", "I need extra time or assistance"),
        "assistanceHint": (
            "U krijgt een langere afspraak en het loket weet dat u komt.",
            "You get a longer appointment and the desk knows you are coming."
        ),
        "update": ("Vrije tijden tonen", "Show free times"),
        "previousMonth": ("Vorige maand", "Previous month"),
        "nextMonth": ("Volgende maand", "Next month"),
        "morning": ("Ochtend", "Morning"),
        "afternoon": ("Middag", "Afternoon"),
        "evening": ("Avond", "Evening"),
        "dayHasRoom": ("vrije tijden", "free times"),
        "dayFull": ("geen plek", "no room"),
        "timesOn": ("Vrije tijden op %@", "Free times on %@"),
        "chooseDay": ("Kies een dag met vrije tijden in de kalender.", "Choose a day with free times in the calendar."),
        "noTimes": ("Op deze dag is geen tijd meer vrij.", "There is no free time left on this day."),
        "detailsTitle": ("Uw gegevens", "Your details"),
        "checkTitle": ("Controleer uw gegevens", "Check your answers"),
        "checkIntro": (
            "Klopt alles? Dan maken wij de afspraak. Zo niet, wijzig dan uw gegevens.",
            "Is everything right? Then we book the appointment. If not, change your details."
        ),
        "changeDetails": ("Gegevens wijzigen", "Change your details"),
        "heldUntil": ("Wij houden deze tijd voor u vast tot %@.", "We keep this time for you until %@."),
        "companionLegend": ("Persoon %@", "Person %@"),
        "name": ("Naam", "Name"),
        "email": ("E-mailadres", "Email address"),
        "emailHint": ("Hier sturen wij de bevestiging heen.", "We send the confirmation here."),
        "phone": ("Telefoonnummer", "Phone number"),
        "vNumber": ("V-nummer", "V-number"),
        "vNumberHint": ("Staat op uw brieven van de IND, 10 cijfers.", "On your letters from the IND, 10 digits."),
        "dateOfBirthHint": (
            "Alleen wie een uitnodiging van de IND heeft, kan deze afspraak maken. Wij controleren uw V-nummer en geboortedatum.",
            "Only people the IND invited can book this appointment. We check your V-number and date of birth."
        ),
        "awaitingTitle": ("Bevestig uw afspraak", "Confirm your appointment"),
        "awaitingIntro": (
            "Deze tijd is voor u klaargezet. Vul voor iedere persoon de geboortedatum in; wij controleren die met de uitnodiging van de IND.",
            "This time was set aside for you. Give each person's date of birth; we check it against the IND's invitation."
        ),
        "awaitingConfirm": ("Afspraak bevestigen", "Confirm the appointment"),
        "awaitingGone": (
            "Deze tijd wordt niet meer vastgehouden: hij is al bevestigd, of de tijd om te bevestigen is voorbij. Maak zo nodig een nieuwe afspraak met de link uit de uitnodiging van de IND.",
            "This time is no longer held: it was confirmed already, or the time to confirm has passed. If you still need one, book with the link in the IND's invitation."
        ),
        "invitationLinkInvalid": (
            "Deze uitnodigingslink werkt niet (meer). Gebruik de link uit de nieuwste e-mail van de IND, of neem contact op met de IND.",
            "This invitation link does not work (any more). Use the link in the latest email from the IND, or contact the IND."
        ),
        "book": ("Afspraak maken", "Book the appointment"),
        "what": ("Wat", "What"),
        "when": ("Wanneer", "When"),
        "where": ("Waar", "Where"),
        "routeLink": ("Routebeschrijving (Google Maps)", "Directions (Google Maps)"),
        "code": ("Afspraakcode", "Appointment code"),
        "codeHint": ("Laat deze code zien bij het loket.", "Show this code at the desk."),
        "bookedTitle": ("Uw afspraak is gemaakt", "Your appointment is booked"),
        "bookedText": (
            "U krijgt een bevestiging per e-mail. Bewaar de link op deze pagina om uw afspraak te verzetten of af te zeggen.",
            "You will get a confirmation by email. Keep the link to this page to change or cancel your appointment."
        ),
        "manageTitle": ("Uw afspraak", "Your appointment"),
        "addToCalendar": ("Zet in uw agenda (.ics)", "Add to your calendar (.ics)"),
        "reschedule": ("Afspraak verzetten", "Change the appointment"),
        "cancel": ("Afspraak afzeggen", "Cancel the appointment"),
        "cancelConfirm": ("Ja, zeg mijn afspraak af", "Yes, cancel my appointment"),
        "cancelQuestion": ("Wilt u uw afspraak afzeggen?", "Do you want to cancel your appointment?"),
        "cancelWarning": (
            "De tijd komt dan vrij voor iemand anders. Dit kunt u niet ongedaan maken: wilt u later toch komen, dan maakt u een nieuwe afspraak.",
            "The time then becomes free for someone else. You cannot undo this: to come after all, you would book a new appointment."
        ),
        "keepAppointment": ("Nee, ik houd mijn afspraak", "No, keep my appointment"),
        "movesLeft": ("U kunt deze afspraak nog %@ keer verzetten.", "You can change this appointment %@ more times."),
        "oneMoveLeft": (
            "U kunt deze afspraak nog één keer verzetten.", "You can change this appointment one more time."
        ),
        "noMovesLeft": (
            "U heeft deze afspraak al %@ keer verzet en kunt hem niet meer verzetten. Past de tijd niet, zeg de afspraak dan af.",
            "You have changed this appointment %@ times and cannot change it again. If the time does not suit you, cancel it."
        ),
        "cancelledTitle": ("Uw afspraak is afgezegd", "Your appointment is cancelled"),
        "cancelledText": (
            "U hoeft niet te komen. De tijd is vrijgegeven voor iemand anders.",
            "You do not need to come. The time has been given back for someone else."
        ),
        "bookAgain": ("Nieuwe afspraak maken", "Book a new appointment"),
        "rescheduleTitle": ("Kies een nieuwe dag en tijd", "Choose a new day and time"),
        "movedTitle": ("Uw afspraak is verzet", "Your appointment has moved"),
        "moveQuestion": ("Afspraak verzetten?", "Move your appointment?"),
        "moveNow": ("Nu", "Now"),
        "moveNew": ("Nieuw", "New"),
        "moveConfirm": ("Ja, verzet mijn afspraak", "Yes, move my appointment"),
        "moveOtherTime": ("Een andere tijd kiezen", "Choose another time"),
        "moveKeep": ("Nee, ik houd de tijd die ik heb", "No, keep the time I have"),
        "movesAfter": (
            "Daarna kunt u de afspraak nog %@ keer verzetten.", "After this you can change it %@ more times."
        ),
        "movesAfterOne": (
            "Daarna kunt u de afspraak nog één keer verzetten.", "After this you can change it one more time."
        ),
        "movesAfterNone": (
            "Dit is de laatste keer dat u de afspraak kunt verzetten.", "After this you cannot change it again."
        ),
        "bring": (
            "Neem uw paspoort of identiteitsbewijs mee, en dat van iedereen voor wie de afspraak is.",
            "Bring your passport or identity document, and those of everyone the appointment is for."
        ),
        "notFoundTitle": ("Niet gevonden", "Not found"),
        "notFoundText": ("Deze pagina of link bestaat niet (meer).", "This page or link does not exist (any more)."),
        "problemTitle": ("Dat lukte niet", "That did not work"),
        // Biometrics question
        "bioTitle": ("Moet u langskomen voor biometrie?", "Do you need to come in for biometrics?"),
        "bioIntro": (
            "Voor een verblijfsdocument hebben wij een pasfoto, vingerafdrukken en een handtekening nodig. Soms kunnen wij die van een eerdere keer gebruiken. Wat u hier invult, gebruiken wij alleen voor dit antwoord; wij bewaren het niet.",
            "For a residence document we need a photo, fingerprints and a signature. Sometimes we can reuse those from an earlier visit. What you fill in here is used for this answer only; we do not keep it."
        ),
        "dateOfBirth": ("Geboortedatum", "Date of birth"),
        "dateDay": ("Dag", "Day"),
        "dateMonth": ("Maand", "Month"),
        "dateYear": ("Jaar", "Year"),
        // Under day, month and year boxes: a date in numbers, as they are typed.
        "dateHint": (
            "Bijvoorbeeld 31 3 2004: dag, maand en jaar in cijfers.",
            "For example 31 3 2004: day, month and year in numbers."
        ),
        "faceDate": ("Datum van uw laatste pasfoto bij de IND", "Date of your last photo taken by the IND"),
        "fingerDate": (
            "Datum waarop de IND voor het laatst uw vingerafdrukken nam", "Date the IND last took your fingerprints"
        ),
        "fingerPoor": (
            "Het loket zei toen dat de vingerafdrukken niet goed genoeg waren",
            "The desk said then that the fingerprints were not good enough"
        ),
        "signatureDate": ("Datum van uw laatste handtekening bij de IND", "Date of your last signature at the IND"),
        "leaveEmpty": (
            "Leeg laten als u het niet weet of nooit heeft gedaan.", "Leave empty if you do not know or never did."
        ),
        "check": ("Controleren", "Check"),
        "bioNeeded": ("U moet langskomen", "You need to come in"),
        "bioNotNeeded": ("U hoeft niet langs te komen voor biometrie", "You do not need to come in for biometrics"),
        "bioNotNeededText": (
            "Wij gebruiken wat wij al hebben. U hoeft hiervoor geen afspraak te maken.",
            "We will use what we already have. You do not need to book an appointment for this."
        ),
        "reusableOpenEnded": ("%@: wij gebruiken de opname van %@", "%@: we use the one from %@"),
        "reusableUntil": (
            "%@: wij gebruiken de opname van %@ (geldig tot en met %@)",
            "%@: we use the one from %@ (valid up to and including %@)"
        ),
        "bookBio": ("Afspraak voor biometrie maken", "Book a biometrics appointment"),
        "skipCheck": ("Ik ben nog nooit bij de IND geweest voor biometrie", "I have never given biometrics to the IND"),
        "capture.face": ("Pasfoto", "Photo"),
        "capture.fingerprints": ("Vingerafdrukken", "Fingerprints"),
        "capture.signature": ("Handtekening", "Signature"),
        // Staff
        "signInTitle": ("Inloggen voor medewerkers", "Staff sign-in"),
        "username": ("Gebruikersnaam", "Username"),
        "password": ("Wachtwoord", "Password"),
        "signIn": ("Inloggen", "Sign in"),
        "signOut": ("Uitloggen", "Sign out"),
        "signedInAs": ("Ingelogd als %@", "Signed in as %@"),
        // One answer for a wrong name, a wrong password and a lockout: none tells a guesser more.
        "badSignIn": (
            "Gebruikersnaam of wachtwoord klopt niet, of er is te vaak geprobeerd: probeer het over een kwartier opnieuw of vraag een beheerder.",
            "The username or password is not right, or there were too many tries: try again in a quarter of an hour or ask an administrator."
        ),
        "error.password.busy": (
            "Er wordt nu te vaak tegelijk ingelogd. Probeer het over een minuut opnieuw.",
            "Too many sign-ins at once. Try again in a minute."
        ),
        "urgentTitle": ("Spoedafspraak maken", "Book an urgent appointment"),
        "urgentIntro": (
            "Voor spoed is een deel van de plekken vastgehouden. Geef de reden op.",
            "Part of the capacity is kept for urgent cases. State the reason."
        ),
        "reason": ("Reden", "Reason"),
        "reasonNote": ("Toelichting", "Note"),
        "chooseTime": ("Kies een tijd.", "Choose a time."),
        "days": ("Dagen", "Days"),
        "customerLanguage": ("Taal van de klant (voor de e-mail)", "The customer's language (for the email)"),
        "slot": ("Tijd", "Time"),
        "product": ("Product", "Product"),
        "reason.documentExpiring": ("Document verloopt", "Document expiring"),
        "reason.jobAtRisk": ("Baan in gevaar", "Job at risk"),
        "reason.travelEmergency": ("Noodzakelijke reis", "Travel emergency"),
        "reason.housing": ("Huisvesting statushouder", "Housing for a status holder"),
        "reason.other": ("Anders (toelichting verplicht)", "Other (note required)"),
        "urgentBooked": ("Spoedafspraak gemaakt: %@, code %@.", "Urgent appointment booked: %@, code %@."),
        "settingsTitle": ("Rooster en openingstijden %@", "Roster and opening hours %@"),
        "effectTitle": ("Vrije plekken de komende dagen", "Free slots in the coming days"),
        "urgentWeeksTitle": ("Spoedcapaciteit per week", "Urgent capacity per week"),
        "weekOf": ("Week van", "Week of"),
        "urgentKept": ("Vastgehouden", "Kept back"),
        "urgentUsed": ("Gebruikt voor spoed", "Used for urgent cases"),
        "urgentReleased": ("Vrijgegeven", "Released to everyone"),
        "urgentHeld": ("Nog vast", "Still held"),
        "urgentUnits": ("In plekken van één balie voor één tijdvak.", "In units of one counter for one slot."),
        "changesTitle": ("Wijzigingen", "Changes"),
        "noChanges": ("Geen wijzigingen op het standaardrooster.", "No changes to the standard roster."),
        "undo": ("Ongedaan maken", "Undo"),
        "closureTitle": ("Sluiting", "Closure"),
        "from": ("Van", "From"),
        "until": ("Tot en met", "Until (inclusive)"),
        "addClosure": ("Sluiting toevoegen", "Add closure"),
        "hoursTitle": ("Openingstijden of zaterdagopening", "Opening hours or Saturday opening"),
        "hoursHint": ("Bijvoorbeeld 09:00-17:00. Leeg is gesloten.", "For example 09:00-17:00. Empty is closed."),
        "addHours": ("Openingstijden opslaan", "Save opening hours"),
        "countersTitle": ("Aantal balies in een roosterblok", "Counters in a roster block"),
        "block": ("Roosterblok", "Roster block"),
        "counters": ("Balies", "Counters"),
        "addCounters": ("Balies opslaan", "Save counters"),
        "extraBlockTitle": (
            "Extra roosterblok (bijvoorbeeld voor een zaterdag)", "Extra roster block (for example for a Saturday)"
        ),
        "hours": ("Tijden", "Hours"),
        "addBlock": ("Roosterblok toevoegen", "Add roster block"),
        "affected": (
            "Let op: %@ afspraken vallen op dagen die nu dicht zijn of minder balies hebben; neem contact op met die klanten.",
            "Note: %@ appointments fall on days that are now closed or have fewer counters; contact those customers."
        ),
        "accountsTitle": ("Medewerkers en rollen", "Staff accounts and roles"),
        "role": ("Rol", "Role"),
        "desk": ("Loket", "Desk"),
        "active": ("Actief", "Active"),
        "save": ("Opslaan", "Save"),
        "addAccount": ("Account toevoegen", "Add account"),
        "newPassword": ("Nieuw wachtwoord", "New password"),
        "passwordHint": ("Minstens 12 tekens.", "At least 12 characters."),
        "role.clerk": ("Baliemedewerker", "Clerk"),
        "role.desk-manager": ("Vestigingsmanager", "Desk manager"),
        "role.admin": ("Beheerder", "Administrator"),
        "allDesks": ("alle loketten", "all desks"),
        "saved": ("Opgeslagen.", "Saved."),
        "weekday.monday": ("maandag", "Monday"), "weekday.tuesday": ("dinsdag", "Tuesday"),
        "weekday.wednesday": ("woensdag", "Wednesday"),
        "weekday.thursday": ("donderdag", "Thursday"), "weekday.friday": ("vrijdag", "Friday"),
        "weekday.saturday": ("zaterdag", "Saturday"),
        "weekday.sunday": ("zondag", "Sunday"),
        "wd.monday": ("ma", "Mon"), "wd.tuesday": ("di", "Tue"), "wd.wednesday": ("wo", "Wed"),
        "wd.thursday": ("do", "Thu"),
        "wd.friday": ("vr", "Fri"), "wd.saturday": ("za", "Sat"), "wd.sunday": ("zo", "Sun"),
    ]

    /// The table for one language, as templates see it; made once.
    static func table(_ language: Customer.Language) -> [String: String] {
        switch language {
        case .nl: dutch
        case .en: english
        case .uk: ukrainian
        case .ar: arabic
        }
    }
    private static let dutch = texts.mapValues(\.nl)
    private static let english = texts.mapValues(\.en)
    // Staff pages stay Dutch and English: what a translation leaves out reads in English.
    private static let ukrainian = english.merging(translation(.uk)) { _, translated in translated }
    private static let arabic = english.merging(translation(.ar)) { _, translated in translated }

    /// The customer tables, which every translation covers in full (a test holds it).
    static let customerKeys = Set(pageTexts.keys).union(deskDayTexts.keys).union(messageTexts.keys).union(
        drawTexts.keys
    )
    .union(documentTexts.keys).union(waitlistTexts.keys)

    /// A translation as shipped in `Resources/texts`; empty when missing, which the test of
    /// every key in every language refuses.
    static func translation(_ language: Customer.Language) -> [String: String] {
        guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "json", subdirectory: "texts"),
            let data = try? Data(contentsOf: url)
        else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: data)) ?? [:]
    }

    /// One text with `%@` filled in order; an argument's own `%@` stays as it is.
    static func text(_ key: String, _ language: Customer.Language, _ arguments: String...) -> String {
        text(key, language, arguments: arguments)
    }

    static func text(_ key: String, _ language: Customer.Language, arguments: [String]) -> String {
        guard let text = table(language)[key] else { return key }
        let parts = text.components(separatedBy: "%@")
        var result = parts[0]
        for (index, part) in parts.dropFirst().enumerated() {
            result += (index < arguments.count ? arguments[index] : "%@") + part
        }
        return result
    }
}

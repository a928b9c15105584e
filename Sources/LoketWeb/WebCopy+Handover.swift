/// The texts of handing a document over at the desk, in Dutch and English: the card's state on
/// the clerk's day, the handover page, and the clerk's words for a refused check
/// (`handoverError.<field>.<code>`, before the customer's `error.…`).
extension WebCopy {
    static let handoverTexts: [String: (nl: String, en: String)] = [
        // The clerk's day: is the card there?
        "cardReady": ("Document ligt klaar", "Card ready"),
        "cardNotHere": ("Document is er niet", "Card not here"),
        "cardHandedOver": ("Document overhandigd", "Handed over"),
        "cardUnknown": ("Geen document aangemeld", "No card announced"),
        "handoverLink": ("Document uitreiken", "Hand over the card"),
        "documentHandedOver": ("Het document is uitgereikt.", "The card is handed over."),
        "documentHandedOverServed": (
            "Het document is uitgereikt en de klant staat op geholpen.",
            "The card is handed over and the customer is marked served."
        ),
        // The handover page
        "handoverTitle": ("Document uitreiken", "Hand over a document"),
        "handoverIntro": (
            "Zoek het document met de afspraakcode of het documentnummer. U reikt alleen documenten uit die aan deze balie liggen.",
            "Find the card by appointment code or document id. Only cards that lie at this desk are handed over here."
        ),
        "handoverReference": ("Afspraakcode of documentnummer", "Appointment code or document id"),
        "handoverReferenceHint": ("Bijvoorbeeld K7M2-Q9XD", "For example K7M2-Q9XD"),
        "handoverFind": ("Zoeken", "Find"),
        "handoverCardTitle": ("Gevonden document", "Card found"),
        "handoverHolder": ("Op naam van", "Holder"),
        "handoverCheckIntro": (
            "Vraag om het identiteitsbewijs. Typ het V-nummer en de geboortedatum over zoals ze op het identiteitsbewijs staan; alleen als beide kloppen, wordt de uitreiking vastgelegd.",
            "Ask for the ID document. Type the V-number and the date of birth as the ID shows them; the handover is recorded only when both match."
        ),
        "handoverVNumber": ("V-nummer (van het identiteitsbewijs)", "V-number (from the ID document)"),
        "handoverDateOfBirth": ("Geboortedatum (van het identiteitsbewijs)", "Date of birth (from the ID document)"),
        "handoverRecord": ("Uitreiken en vastleggen", "Hand over and record"),
        "handoverOverride": (
            "Ik heb het identiteitsbewijs van de ophaler gecontroleerd: reik uit, ook als het niet dat van de houder is (bijvoorbeeld een ouder voor een kind; wordt vastgelegd in het auditlog)",
            "I checked the collector's ID: hand over, also if it is not the holder's (a parent for a child, for example; written to the audit log)"
        ),
        // Refusals, by field and code
        "handoverError.vNumber.required": (
            "Typ het V-nummer over van het identiteitsbewijs.", "Type the V-number from the ID document."
        ),
        "handoverError.vNumber.invalid": ("Een V-nummer heeft 10 cijfers.", "A V-number has exactly 10 digits."),
        "handoverError.vNumber.holder_mismatch": (
            "Dit V-nummer hoort niet bij dit document. Geef het document niet mee; er is niets vastgelegd.",
            "This V-number is not the card holder's. Do not hand the card over; nothing was recorded."
        ),
        "handoverError.dateOfBirth.required": (
            "Typ de geboortedatum over van het identiteitsbewijs.", "Type the date of birth from the ID document."
        ),
        "handoverError.dateOfBirth.holder_mismatch": (
            "Deze geboortedatum hoort niet bij dit document. Geef het document niet mee; er is niets vastgelegd.",
            "This date of birth is not the card holder's. Do not hand the card over; nothing was recorded."
        ),
        "error.reference.required": (
            "Typ de afspraakcode of het documentnummer.", "Type the appointment code or the document id."
        ),
        "error.reference.invalid": (
            "Dit is geen afspraakcode of documentnummer.", "This is not an appointment code or a document id."
        ),
        "error.reference.unknown_reference": (
            "Er is geen document met deze afspraakcode of dit nummer.",
            "There is no card with this appointment code or id."
        ),
        "error.reference.other_desk": (
            "Dit document ligt aan een andere balie en wordt daar uitgereikt.",
            "This card lies at another desk and is handed over there."
        ),
        "error.document.other_desk": (
            "Dit document ligt aan een andere balie en wordt daar uitgereikt.",
            "This card lies at another desk and is handed over there."
        ),
        "error.id.unknown_document": ("Dit document bestaat niet.", "There is no such document."),
        "error.id.document_changed": (
            "Het document is intussen gewijzigd. Zoek het opnieuw.", "The card changed meanwhile. Find it again."
        ),
        // The lifecycle's refusals, for the clerk and the holder alike
        "error.status.document_in_production": (
            "Het document wordt nog gemaakt en is nog niet aan de balie.",
            "The document is still being made and is not at the desk yet."
        ),
        "error.status.document_handed_over": (
            "Het document is al uitgereikt.", "The document has already been handed over."
        ),
        "error.status.document_delivery_scheduled": (
            "Het document wordt door de koerier bezorgd.", "The document is to be delivered by the courier."
        ),
        "error.status.document_out_for_delivery": (
            "Het document is onderweg met de koerier.", "The document is out with the courier."
        ),
        "error.status.document_delivered": ("Het document is al bezorgd.", "The document has already been delivered."),
        "error.status.document_returned": (
            "Het document is niet op tijd opgehaald en teruggestuurd.",
            "The document was not collected in time and was sent back."
        ),
    ]
}

/// The texts of the biometrics record, in Dutch and English: the clerk's capture page and the
/// customer's question decided by V-number. Kept apart from `pageTexts` as one feature's words.
extension WebCopy {
    static let captureTexts: [String: (nl: String, en: String)] = [
        // The clerk records what was captured
        "capturesTitle": ("Biometrie vastleggen", "Record biometrics"),
        "capturesLink": ("Biometrie vastleggen", "Record biometrics"),
        "capturesIntro": (
            "Leg per persoon vast wat u vandaag hebt afgenomen, met de kwaliteit. Controleer het V-nummer en de geboortedatum op het identiteitsbewijs. Bij wie niets is afgenomen, laat u alles leeg.",
            "Record for each person what you captured today, with its quality. Check the V-number and date of birth against the ID document. Leave everything empty for a person of whom nothing was captured."
        ),
        "capturesPerson": ("Persoon %@", "Person %@"),
        "capturesNamedPerson": ("Persoon %@: %@", "Person %@: %@"),
        "capturesDateOfBirth": (
            "Geboortedatum (gecontroleerd op het identiteitsbewijs)", "Date of birth (checked on the ID document)"
        ),
        "captureKind.face": ("Gezichtsopname", "Facial image"),
        "captureKind.fingerprints": ("Vingerafdrukken", "Fingerprints"),
        "captureKind.signature": ("Handtekening", "Signature"),
        "captureNone": ("Niet afgenomen", "Not captured"),
        "captureSufficient": ("Afgenomen, kwaliteit voldoende", "Captured, sufficient quality"),
        "captureInsufficient": ("Afgenomen, kwaliteit onvoldoende", "Captured, insufficient quality"),
        "capturesSave": ("Vastleggen", "Record"),
        "capturesOverride": (
            "Ik heb het identiteitsbewijs gecontroleerd: leg vast, ook voor een V-nummer dat niet op de afspraak staat (wordt vastgelegd in het auditlog)",
            "I checked the ID: record, also for a V-number not on the appointment (written to the audit log)"
        ),
        "capturesRecorded": ("De biometrie is vastgelegd.", "The biometrics are recorded."),
        "capturesRecordedServed": (
            "De biometrie is vastgelegd en de klant staat op geholpen.",
            "The biometrics are recorded and the customer is marked served."
        ),
        "error.captures.required": (
            "Kies bij minstens één persoon wat is afgenomen.", "Choose what was captured for at least one person."
        ),
        "error.vNumber.duplicate": ("Dit V-nummer staat er twee keer.", "This V-number is given twice."),
        "error.dateOfBirth.invalid_date": (
            "Vul de datum in: dag, maand en jaar, bijvoorbeeld 31 maart 2004.",
            "Enter the date: day, month and year, for example 31 March 2004."
        ),
        "error.dateOfBirth.date_of_birth_mismatch": (
            "Dit V-nummer is vastgelegd met een andere geboortedatum. Controleer het identiteitsbewijs; er is niets vastgelegd.",
            "This V-number is recorded with another date of birth. Check the ID document; nothing was recorded."
        ),
        "error.appointment.not_found": (
            "Hier is geen biometrie-afspraak met dit nummer.", "There is no such BIO appointment here."
        ),
        "error.appointment.not_today": (
            "Biometrie wordt vastgelegd op de dag van de afspraak.", "Captures are recorded on the appointment's day."
        ),
        // The customer's question, decided from the record
    ]
}

/// The texts of the draw pages (loting), in Dutch and English: what a draw is and why, the
/// entry form, an entry's status, the published result, the calendar's notice and the
/// manager's switch. Kept apart from `pageTexts` because the draw is one feature with its own words.
extension WebCopy {
    static let drawTexts: [String: (nl: String, en: String)] = [
        // What a draw is
        "drawsTitle": ("Afspraken door loting", "Appointments by draw"),
        "drawsHomeLink": ("Afspraken die worden verloot", "Appointments given out by draw"),
        "drawsHomeHint": (
            "Waar afspraken schaars zijn, verloten wij nieuwe plekken. Lees hoe dat werkt en schrijf u in.",
            "Where appointments are scarce, new places are given out by draw. Read how it works and enter."
        ),
        "drawsWhatTitle": ("Wat is een loting?", "What is a draw?"),
        "drawsWhy": (
            "Bij sommige loketten zijn er veel minder afspraken dan mensen die er een willen. Dan verloten wij de nieuwe plekken, in plaats van ze te geven aan wie het snelst klikt.",
            "At some desks there are far fewer appointments than people who want one. There, new places are given out by draw instead of to whoever clicks fastest."
        ),
        "drawsFast": (
            "Snel zijn helpt niet: iedereen die zich inschrijft zolang de loting open is, heeft dezelfde kans.",
            "Being fast does not help: everyone who enters while the draw is open has the same chance."
        ),
        "drawsOnce": (
            "Iedere persoon kan zich één keer per loting inschrijven, met zijn of haar V-nummer.",
            "Each person may enter a draw once, with their V-number."
        ),
        "drawsDrawnInfo": (
            "Ingeloot: u krijgt een afspraak. De bevestiging komt per e-mail, met de link om de afspraak te verzetten of af te zeggen.",
            "Drawn: you get an appointment. The confirmation comes by email, with the link to change or cancel it."
        ),
        "drawsNotDrawnInfo": (
            "Niet ingeloot: u komt op de wachtlijst, in de volgorde van de loting. Komt er een plek vrij, dan krijgt u een aanbod per e-mail.",
            "Not drawn: you are put on the waitlist, in the order of the draw. When a place comes free, you get an offer by email."
        ),
        "drawsCheckInfo": (
            "Na de loting publiceren wij het startgetal en de uitslag. Zo kan iedereen nagaan dat eerlijk is geloot.",
            "After the draw we publish its seed and result, so anyone can check that it was fair."
        ),
        "drawsOpenTitle": ("Open lotingen", "Open draws"),
        "drawsNoneOpen": ("Er is nu geen loting open.", "There is no open draw right now."),
        "drawsRecentTitle": ("Afgelopen lotingen", "Recent draws"),
        "drawsNoneRecent": (
            "Er zijn de laatste twee weken geen lotingen geweest.", "There were no draws in the last two weeks."
        ),
        "drawPlaces": ("Plekken", "Places"),
        "drawCloses": ("Inschrijven tot", "Entries until"),
        "drawModeNext": (
            "Wat al te boeken is, blijft te boeken zoals nu; de eerste loting opent %@ om 00:00 uur, voor de dagen tot en met %@",
            "What is open now stays bookable as it is; the first draw opens on %@ at midnight, for the days up to %@"
        ),
        "drawEnterLink": ("Schrijf u in", "Enter the draw"),
        "drawResultLink": ("Uitslag", "Result"),
        "drawBeingDrawn": ("Wordt nu geloot", "Being drawn now"),
        "drawAllocated": ("Geloot", "Drawn"),
        // Entering
        "drawEnterTitle": ("Inschrijven voor de loting", "Enter the draw"),
        "drawEnterIntro": (
            "Iedereen die zich inschrijft voordat de loting sluit, heeft dezelfde kans. Het maakt niet uit wanneer u zich inschrijft.",
            "Everyone who enters before the draw closes has the same chance. It does not matter when you enter."
        ),
        "drawPersonsHint": (
            "Iedereen die meekomt en zelf aan de beurt is. Ieder van hen doet één keer mee.",
            "Everyone who comes along and needs to be served. Each of them takes part once."
        ),
        "drawPersonsUpdate": ("Aantal personen aanpassen", "Change the number of persons"),
        "drawVNumberHint": (
            "Staat op uw brieven van de IND, 10 cijfers. Iedere persoon kan zich één keer inschrijven.",
            "On your letters from the IND, 10 digits. Each person may enter once."
        ),
        "drawDaysLegend": ("Welke dagen passen u?", "Which days suit you?"),
        "drawDaysHint": (
            "Kruis de dagen aan waarop u kunt komen. Kunt u op al deze dagen, dan hoeft u niets aan te kruisen. Hoe minder dagen u kiest, hoe kleiner de kans op een plek.",
            "Tick the days you can come. If you can come on all of them, you need not tick any. The fewer days you choose, the smaller your chance of a place."
        ),
        "drawDesksLegend": ("Andere loketten voor de wachtlijst", "Other desks for the waitlist"),
        "drawDesksHint": (
            "Wordt u niet ingeloot, dan wacht u op een plek bij %@ en bij de loketten die u hier kiest (samen hoogstens %@).",
            "If you are not drawn, you wait for a place at %@ and at the desks you choose here (at most %@ in all)."
        ),
        "emailLanguage": ("Taal van de e-mails", "Language of the emails"),
        "drawSubmit": ("Inschrijven", "Enter"),
        "drawClosedText": (
            "Deze loting is gesloten: inschrijven kan niet meer.", "This draw has closed: entries are no longer taken."
        ),
        "drawsBack": ("Alle lotingen", "All draws"),
        // An entry
        "drawEntryTitle": ("Uw inschrijving", "Your entry"),
        "drawEnteredTitle": ("U bent ingeschreven", "You have entered the draw"),
        "drawEnteredNotice": (
            "Uw inschrijving is ontvangen. U hoeft verder niets te doen.",
            "Your entry has been received. You do not need to do anything else."
        ),
        "drawYourDays": ("Dagen die u passen", "Days that suit you"),
        "drawEntryID": ("Uw inschrijfnummer", "Your entry number"),
        "drawEntryIDHint": (
            "Hiermee vindt u uw plaats in de uitslag. Alleen u kent dit nummer.",
            "With it you find your place in the result. Only you know this number."
        ),
        "drawWaitingText": (
            "U doet mee. De loting sluit op %@; kort daarna wordt geloot.",
            "You are in the draw. It closes on %@; the places are drawn shortly after."
        ),
        "drawNextTitle": ("Wat gebeurt er nu?", "What happens next?"),
        "drawKeepPage": (
            "Deze pagina toont uw uitslag zodra er geloot is. Hij opent alleen in deze browser.",
            "This page shows your outcome once the draw is done. It opens only in this browser."
        ),
        "drawStatusLink": ("Bekijk uw inschrijving", "View your entry"),
        "drawDrawnTitle": ("U bent ingeloot", "You have been drawn"),
        "drawDrawnText": (
            "U heeft een afspraak. De bevestiging, met de link om te verzetten of af te zeggen, is naar uw e-mailadres gestuurd.",
            "You have an appointment. The confirmation, with the link to change or cancel it, has been sent to your email address."
        ),
        "drawNotDrawnTitle": ("U bent niet ingeloot", "You were not drawn"),
        "drawNotDrawnText": (
            "U staat op de wachtlijst, in de volgorde van de loting. Komt er een plek vrij, dan krijgt u een aanbod per e-mail.",
            "You are on the waitlist, in the order of the draw. When a place comes free, you get an offer by email."
        ),
        "drawNoWaitText": (
            "Er was geen plek die bij u past, en u kon niet op de wachtlijst, bijvoorbeeld omdat u al een afspraak heeft.",
            "No place suited you, and you could not be put on the waitlist, for example because you already have an appointment."
        ),
        "drawEntryBadLink": (
            "Deze inschrijving opent alleen in de browser waarin u zich inschreef.",
            "This entry opens only in the browser you entered with."
        ),
        // The result
        "drawResultTitle": ("Uitslag van de loting", "Result of the draw"),
        "drawPending": (
            "Er is nog niet geloot. De loting sluit op %@; kort daarna verschijnt hier de uitslag.",
            "This draw has not been drawn yet. It closes on %@; the result appears here shortly after."
        ),
        "drawSeed": ("Startgetal (seed)", "Seed"),
        "drawEntries": ("Inschrijvingen", "Entries"),
        "drawDrawn": ("Ingeloot", "Drawn"),
        "drawDigest": ("Controlegetal (SHA-256)", "Digest (SHA-256)"),
        "drawAllocationTitle": ("Volgorde en plekken", "Order and places"),
        "drawPosition": ("Plaats", "Position"),
        "drawEntry": ("Inschrijving", "Entry"),
        "drawSlot": ("Afspraak", "Appointment"),
        "drawNotDrawn": ("niet ingeloot", "not drawn"),
        "drawNoEntries": ("Niemand heeft zich ingeschreven.", "Nobody entered."),
        "drawHowToCheck": (
            "Zelf nagaan: sorteer de inschrijfnummers, schud ze met SplitMix64 vanuit het startgetal (Fisher–Yates, van achter naar voren) en neem de SHA-256 van de regels ‘plaats, inschrijving, plek’, gescheiden door tabs. Die moet gelijk zijn aan het controlegetal. De uitslag noemt geen namen.",
            "Check it yourself: sort the entry numbers, shuffle them with SplitMix64 from the seed (Fisher–Yates, from the back) and take the SHA-256 of the lines ‘position, entry, slot’ separated by tabs. It must equal the digest. The result names nobody."
        ),
        // The calendar's notice
        "drawNoticeIntro": (
            "Nieuwe afspraken bij dit loket worden verloot.", "New appointments at this desk are given out by draw."
        ),
        "drawNoticeFor": (
            "Doe mee aan de loting voor %@ (inschrijven tot %@)", "Enter the draw for %@ (entries close %@)"
        ),
        // The manager's switch
        "drawModeTitle": ("Loting", "Draw mode"),
        "drawModeIntro": (
            "Staat loting aan, dan worden nieuwe plekken voor een product verloot in plaats van gegeven aan wie het eerst komt. Dagen die al te boeken zijn, blijven te boeken.",
            "With draw mode on, new places for a product are given out by draw instead of first come, first served. Days already open for booking stay open."
        ),
        "drawModeState": ("Loting", "Draw mode"),
        "drawModeSetBy": ("Ingesteld door", "Set by"),
        "drawModeOn": ("aan", "on"),
        "drawModeOff": ("uit", "off"),
        "drawModeByManager": ("een manager, sinds %@", "a manager, since %@"),
        "drawModeByRule": ("de regel voor lange wachttijden, sinds %@", "the rule for long waits, since %@"),
        "drawModeNotSet": ("niemand", "nobody"),
        "drawModeTurnOn": ("Loting aanzetten", "Turn draw mode on"),
        "drawModeTurnOff": ("Loting uitzetten", "Turn draw mode off"),
        // What went wrong
        "drawError.vNumber.required": (
            "Vul uw V-nummer in (10 cijfers). Iedere persoon kan zich één keer inschrijven.",
            "Give your V-number (10 digits). Each person may enter once."
        ),
        "error.vNumber.already_entered": (
            "Deze persoon doet al mee aan deze loting. Iedere persoon kan zich één keer inschrijven.",
            "This person has already entered this draw. Each person may enter once."
        ),
        "error.draw.draw_closed": (
            "Deze loting is gesloten: inschrijven kan niet meer.", "This draw has closed: entries are no longer taken."
        ),
        "error.draw.unknown_draw": ("Deze loting bestaat niet.", "There is no such draw."),
        "error.days.invalid_date": ("Kies dagen uit de lijst.", "Choose days from the list."),
        "error.days.not_in_draw": (
            "Kies alleen dagen van deze loting.", "Choose only days of this draw."
        ),
        "error.desks.too_many": (
            "Kies minder andere loketten; het aantal dat kan staat hierboven.",
            "Choose fewer other desks; how many you may choose is said above."
        ),
        "error.desks.unknown_desk": ("Kies loketten uit de lijst.", "Choose desks from the list."),
        "error.desks.not_offered": (
            "Kies alleen loketten die dit product hebben.", "Choose only desks that offer this product."
        ),
        "error.token.token_required": (
            "Deze inschrijving opent alleen in de browser waarin u zich inschreef.",
            "This entry opens only in the browser you entered with."
        ),
        "error.token.wrong_token": ("Deze link is niet (meer) geldig.", "This link is not valid (any more)."),
        "error.entry.unknown_entry": ("Deze inschrijving bestaat niet.", "There is no such entry."),
    ]
}

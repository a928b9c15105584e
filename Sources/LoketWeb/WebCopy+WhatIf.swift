/// The texts of a what-if in words and of forecasts compared in words, in Dutch and English
/// (the forecast pages are staff pages).
extension WebCopy {
    static let whatIfTexts: [String: (nl: String, en: String)] = [
        "forecastChangedTitle": ("Veranderd ten opzichte van vandaag", "Changed from today"),
        "whatIfMoreCounters": ("%@: %@ balies erbij", "%@: %@ more counters"),
        "whatIfFewerCounters": ("%@: %@ balies minder", "%@: %@ fewer counters"),
        "whatIfSaturday": (
            "%@ open op zaterdag, %@ uur, met %@ van de doordeweekse balies",
            "%@ open on Saturdays, %@ hours, with %@ of the weekday counters"
        ),
        "whatIfHiring": (
            "%@ nieuwe medewerkers per maand, %@ maanden lang: %@ weken werven, %@ weken inwerken op %@, hoogstens %@ tegelijk in opleiding per loket",
            "%@ people hired a month for %@ months: %@ weeks to recruit, %@ weeks' training at %@, at most %@ in training per desk at once"
        ),
        "whatIfCourier": (
            "%@ van de documenten bezorgd door de koerier", "%@ of the documents delivered by the courier"
        ),
        "whatIfReuse": (
            "%@ van de biometrie-afspraken niet nodig door hergebruik van eerdere opnames",
            "%@ of the biometrics visits not needed because earlier captures are reused"
        ),
        "whatIfClosure": (
            "%@ sluit op %@; %@ van de balies gaat naar %@", "%@ closes on %@; %@ of its counters move to %@"
        ),
        "whatIfShock": (
            "Vraag op %@ van normaal voor %@, van %@ tot en met %@",
            "Demand at %@ of normal for %@, from %@ to %@"
        ),
        "whatIfAllProducts": ("alle producten", "every product"),
        "whatIfPhone": (
            "Informatielijn: %@ medewerkers, %@ gesprekken per werkdag zonder wachttijd",
            "Information line: %@ agents, %@ calls a working day without a wait"
        ),
        "forecastWeeksTable": ("Alle %@ weken als tabel", "All %@ weeks as a table"),
        "forecastForAnalysts": (
            "Voor analisten: het scenario en de opdrachtregel", "For analysts: the scenario and the command line"
        ),
        "compareInWords": ("In woorden", "In words"),
        "adviceOn": ("Uitgaan van", "Start from"),
        "adviceOnToday": ("Vandaag zoals het is", "Today as it is"),
        "compareFirst": (
            "%@: de wachttijd is blijvend onder de norm in de week van %@ (mediaan).",
            "%@: the wait is back under the norm for good in the week of %@ (median)."
        ),
        "compareEarlier": (
            "%@: blijvend onder de norm in de week van %@, %@ eerder dan %@.",
            "%@: back under the norm for good in the week of %@, %@ earlier than %@."
        ),
        "compareLater": (
            "%@: blijvend onder de norm in de week van %@, %@ later dan %@.",
            "%@: back under the norm for good in the week of %@, %@ later than %@."
        ),
        "compareFirstNever": (
            "%@: blijvend onder de norm in de week van %@; %@ komt er in deze periode niet.",
            "%@: back under the norm for good in the week of %@; %@ does not get there within this period."
        ),
        "weekCountOne": ("%@ week", "%@ week"),
        "weekCount": ("%@ weken", "%@ weeks"),
        "error.adviceOn.unknown": ("Kies een van de genoemde wat-als-prognoses.", "Choose one of the what-ifs listed."),
        "compareSame": (
            "%@: blijvend onder de norm in de week van %@, dezelfde week als %@.",
            "%@: back under the norm for good in the week of %@, the same week as %@."
        ),
        "compareNever": (
            "%@: de wachttijd komt in deze periode niet blijvend onder de norm (mediaan).",
            "%@: the wait does not come back under the norm for good within this period (median)."
        ),
        "compareUnfinished": ("%@: nog niet klaar.", "%@: not done yet."),
    ]
}

/// The texts of the pages about the service as a whole, in Dutch and English: the public
/// waiting times (open data), the managers' dashboard and the forecast.
extension WebCopy {
    static let historyTexts: [String: (nl: String, en: String)] = [
        // Charts
        "chartWorkingDays": ("Werkdagen", "Working days"),
        "chartNorm": ("Norm: %@ werkdagen", "Norm: %@ working days"),
        "chartWeeks": ("Week", "Week"),
        // Open data
        "openDataTitle": ("Wachttijden per loket", "Waiting times per desk"),
        "openDataIntro": (
            "Hoe lang u wacht op een afspraak: het aantal werkdagen tot de eerste vrije plek, per loket. Loket meet dit elk uur en bewaart het. De norm is %@ werkdagen.",
            "How long you wait for an appointment: the working days until the first free slot, per desk. Loket measures this every hour and keeps it. The norm is %@ working days."
        ),
        "openDataNoPolling": (
            "U hoeft de afsprakenplanner dus niet steeds te bekijken om te zien hoe de wachttijd verandert: de cijfers hieronder zijn ook als bestand te downloaden.",
            "So you need not keep checking the planner to see how the wait changes: the figures below can also be downloaded as a file."
        ),
        "openDataChartTitle": (
            "%@: werkdagen tot de eerste vrije plek, gemiddeld per week, de laatste 12 weken",
            "%@: working days until the first free slot, weekly average, the last 12 weeks"
        ),
        "openDataTableCaption": (
            "Wachttijd in werkdagen, nu en 12 weken geleden", "Waiting time in working days, now and 12 weeks ago"
        ),
        "openDataDesk": ("Loket", "Desk"),
        "openDataNow": ("Nu: eerste vrije plek", "Now: first free slot"),
        "openDataThird": ("Nu: derde vrije plek", "Now: third free slot"),
        "openDataThen": ("12 weken geleden", "12 weeks ago"),
        "openDataTrend": ("Verloop", "Trend"),
        "openDataOverNorm": ("boven de norm", "above the norm"),
        "openDataNoSlot": ("geen plek vrij", "no free slot"),
        "trendShorter": ("korter", "shorter"),
        "trendLonger": ("langer", "longer"),
        "trendSame": ("ongeveer gelijk", "about the same"),
        "openDataDownloads": ("Downloaden", "Download"),
        "openDataCSV": ("De laatste 12 weken als CSV", "The last 12 weeks as CSV"),
        "openDataJSON": ("De laatste 12 weken als JSON", "The last 12 weeks as JSON"),
        "openDataAllCSV": ("Alles wat Loket heeft gemeten, als CSV", "Everything Loket has measured, as CSV"),
        "openDataFields": (
            "Elke regel is één dag, loket, product en maat: werkdagen tot de eerste en de derde vrije plek, vrije plekken in de komende 4 en 8 weken, en de wachttijd op een verblijfsdocument dat klaarligt. Er staan geen persoonsgegevens in.",
            "Each row is one day, desk, product and measure: working days to the first and third free slot, free places in the next 4 and 8 weeks, and the wait for a card that is ready. There is no personal data in it."
        ),
        "openDataHref": ("/wachttijden", "/en/waiting-times"),
        "openDataSpreadsheet": (
            "De laatste 12 weken voor Excel en andere spreadsheets",
            "The last 12 weeks for Excel and other spreadsheets"
        ),
        "openDataFileName": ("wachttijden", "waiting-times"),
        "openDataColumnsTitle": ("Wat de kolommen betekenen", "What the columns mean"),
        "openDataColumn.date": ("Datum", "Date"),
        "openDataColumn.desk": ("Loket", "Desk"),
        "openDataColumn.deskCode": ("Loketcode", "Desk code"),
        "openDataColumn.product": ("Product", "Product"),
        "openDataColumn.productCode": ("Productcode", "Product code"),
        "openDataColumn.measure": ("Maat", "Measure"),
        "openDataColumn.value": ("Waarde", "Value"),
        "openDataColumn.unit": ("Eenheid", "Unit"),
        "openDataMeaning.date": ("De dag waarop gemeten is.", "The day of the measurement."),
        "openDataMeaning.desk": ("De naam van het loket.", "The desk's name."),
        "openDataMeaning.deskCode": (
            "De code van het loket, zoals in de API en in de CSV en JSON hieronder.",
            "The desk's code, as in the API and in the CSV and JSON below."
        ),
        "openDataMeaning.product": ("Waarvoor de afspraak is.", "What the appointment is for."),
        "openDataMeaning.productCode": (
            "De code van het product, zoals in de API (BIO, DOC, VAA, TKV, FAM).",
            "The product's code, as in the API (BIO, DOC, VAA, TKV, FAM)."
        ),
        "openDataMeaning.measure": (
            "Wat er gemeten is: de eerste of derde vrije plek, vrije plekken in de komende weken, afspraken gemaakt, afgezegd of verzet, de wachtlijst.",
            "What was measured: the first or third free slot, free places in the coming weeks, appointments made, cancelled or moved, the waitlist."
        ),
        "openDataMeaning.value": (
            "Het getal, met een decimale komma, in de eenheid van de volgende kolom.",
            "The number, in the unit of the next column."
        ),
        "openDataMeaning.unit": (
            "Werkdagen (tot een vrije plek, of van klaarliggen tot ophalen), vrije plekken, of een aantal.",
            "Working days (to a free slot, or from ready to collected), free places, or a count."
        ),
        "unit.workingDays": ("werkdagen", "working days"),
        "unit.places": ("vrije plekken", "free places"),
        "unit.count": ("aantal", "count"),
        // Dashboard
        "dashboardTitle": ("Dashboard", "Dashboard"),
        "dashboardWeekOf": ("week van %@", "week of %@"),
        "overviewTitle": ("Het netwerk in één oogopslag", "The network at a glance"),
        "overviewIntro": (
            "Werkdagen tot de eerste vrije plek, nu, per loket en product. De norm is %@ werkdagen. Kies een getal voor de grafieken van dat loket en product.",
            "Working days to the first free slot now, per desk and product. The norm is %@ working days. Choose a number for that desk's and product's charts."
        ),
        "forecastTitle": ("Prognose", "Forecast"),
        "dashboardDesk": ("Loket", "Desk"),
        "dashboardProduct": ("Product", "Product"),
        "dashboardSpan": ("Periode", "Period"),
        "dashboardWeeksOption": ("%@ weken", "%@ weeks"),
        "dashboardShow": ("Toon", "Show"),
        "dashboardHeading": ("%@: %@", "%@: %@"),
        "dashboardIntro": (
            "Per week: het gemiddelde van wat elke dag gemeten is (wachttijden, vrije plekken, wachtlijst), of het totaal van wat er gebeurde (afspraken, aanbiedingen, lotingen). De nieuwste week staat bovenaan in de tabellen.",
            "Per week: the average of what was measured each day (waits, free places, waitlist), or the total of what happened (appointments, offers, draws). The newest week is at the top of the tables."
        ),
        "dashboardCSV": ("Deze cijfers als CSV", "These figures as CSV"),
        "dashboardNothingYet": (
            "Hierover is in deze periode nog niets gemeten.", "Nothing was measured about this in this period yet."
        ),
        "dashboardWaits": ("Wachttijd", "Waiting time"),
        "dashboardWaitsUnit": ("Werkdagen", "Working days"),
        "dashboardFree": ("Vrije plekken", "Free places"),
        "dashboardFreeUnit": ("Plekken voor één persoon", "Places for one person"),
        "dashboardAppointments": ("Afspraken", "Appointments"),
        "dashboardAppointmentsUnit": ("Per week", "Per week"),
        "dashboardWaitlist": ("Wachtlijst", "Waitlist"),
        "dashboardWaitlistUnit": ("Mensen of aanbiedingen", "People or offers"),
        "dashboardUrgent": ("Spoedcapaciteit (hele loket)", "Urgent reserve (whole desk)"),
        "dashboardUrgentUnit": ("Plekken", "Places"),
        "dashboardDraws": ("Lotingen", "Draws"),
        "dashboardDrawsUnit": ("Per week", "Per week"),
        "dashboardCollection": ("Wachttijd op een verblijfsdocument", "Wait for a residence card"),
        "dashboardCollectionUnit": ("Werkdagen", "Working days"),
        "measure.wait_first_slot_working_days": ("Eerste vrije plek", "First free slot"),
        "measure.wait_third_slot_working_days": ("Derde vrije plek", "Third free slot"),
        "measure.free_next_4_weeks": ("Komende 4 weken", "Next 4 weeks"),
        "measure.free_next_8_weeks": ("Komende 8 weken", "Next 8 weeks"),
        "measure.appointments_made": ("Gemaakt", "Made"),
        "measure.appointments_cancelled": ("Afgezegd", "Cancelled"),
        "measure.appointments_moved": ("Verzet", "Moved"),
        "measure.visits_served": ("Geholpen", "Served"),
        "measure.visits_no_show": ("Niet gekomen", "No-show"),
        "measure.waitlist_size": ("Op de wachtlijst", "On the waitlist"),
        "measure.waitlist_joined": ("Ingeschreven", "Joined"),
        "measure.offers_made": ("Aangeboden", "Offered"),
        "measure.offers_accepted": ("Aangenomen", "Accepted"),
        "measure.urgent_held": ("Nog vastgehouden", "Still held"),
        "measure.urgent_used": ("Gebruikt", "Used"),
        "measure.urgent_released": ("Vrijgegeven", "Released"),
        "measure.draw_entries": ("Inschrijvingen", "Entries"),
        "measure.draw_places": ("Plekken verloot", "Places drawn"),
        "measure.collection_wait_p50_working_days": ("Mediaan", "Median"),
        "measure.collection_wait_p90_working_days": ("90% binnen", "90% within"),
        // Forecasts against what happened
        "checksTitle": ("Prognoses tegen de werkelijkheid", "Forecasts against what happened"),
        "checksIntro": (
            "Elke basisprognose van vier weken geleden of eerder, naast de wachttijd tot de eerste vrije plek die Loket daarna mat. Valt de gemeten wachttijd veel minder dan 8 van de 10 weken binnen de band, dan is het model te zeker van zichzelf.",
            "Every baseline forecast of four weeks ago or earlier, beside the wait to the first free slot that Loket measured afterwards. If the measured wait falls inside the band in far fewer than 8 weeks in 10, the model is too sure of itself."
        ),
        "checksNone": (
            "Er is nog geen basisprognose van vier weken of ouder.",
            "There is no baseline forecast of four weeks or older yet."
        ),
        "checkTitle": ("%@ (gestart %@)", "%@ (started %@)"),
        "checkChartTitle": (
            "%@: voorspeld en gemeten, werkdagen tot de eerste vrije plek",
            "%@: forecast and measured, working days to the first free slot"
        ),
        "checkMeasured": ("Gemeten", "Measured"),
        "checkCoverage": (
            "In %@ gemeten weken lag de wachttijd %@ van de tijd binnen de band.",
            "In %@ measured weeks the wait was inside the band %@ of the time."
        ),
        "checkNothingMeasured": ("In deze weken is nog niets gemeten.", "Nothing was measured in these weeks yet."),
        // Forecast
        "forecastIntro": (
            "Een prognose begint bij vandaag: de loketten zoals ze nu zijn ingeroosterd, de afspraken die al gemaakt zijn en de wachtlijst, en de vraag, afzeggingen en no-shows van de afgelopen 8 weken. Verander hieronder wat u wilt doorrekenen (wat-als), of laat alles leeg voor de basisprognose. De berekening loopt op de achtergrond; de resultaten blijven bewaard.",
            "A forecast starts from today: the desks as they are rostered now, the appointments already made and the waitlist, and the demand, cancellations and no-shows of the last 8 weeks. Change below what you want to work out (what-if), or leave everything empty for the baseline. It runs in the background; the results are kept."
        ),
        "forecastStart": ("Prognose starten", "Start a forecast"),
        "forecastName": ("Naam", "Name"),
        "forecastWeeks": ("Weken vooruit (4 tot 156)", "Weeks ahead (4 to 156)"),
        "forecastReplications": ("Herhalingen (10 tot 1.000)", "Replications (10 to 1,000)"),
        "forecastWhatIfTitle": ("Wat als", "What if"),
        "forecastWhatIfHint": (
            "Alles is optioneel. Percentages als getal van 0 tot 100.",
            "Everything is optional. Percentages as a number from 0 to 100."
        ),
        "forecastDesksCaption": (
            "Per loket: balies erbij (of eraf, negatief) voor het hoofdproduct, en zaterdagopening",
            "Per desk: counters added (or taken away, negative) for the main product, and Saturday opening"
        ),
        "forecastExtraCounters": ("Balies erbij", "Extra counters"),
        "forecastSaturdayHours": ("Zaterdag: uren open", "Saturday: hours open"),
        "forecastSaturdayShare": ("Zaterdag: % balies bezet", "Saturday: % of counters staffed"),
        "forecastHiring": ("Werving", "Hiring"),
        "forecastHiresPerMonth": ("Nieuwe medewerkers per maand", "New staff per month"),
        "forecastHiringMonths": ("Aantal maanden", "Number of months"),
        "forecastRecruitmentDelay": ("Weken tot indiensttreding", "Weeks until they start"),
        "forecastTrainingWeeks": ("Weken inwerken", "Weeks of training"),
        "forecastTrainingProductivity": ("Productiviteit tijdens inwerken (%)", "Productivity while in training (%)"),
        "forecastAbsorption": (
            "Hoogstens zoveel tegelijk inwerken per loket", "At most this many in training per desk at once"
        ),
        "forecastCourierShare": (
            "Documenten per koerier (% van de uitgiftes)", "Documents by courier (% of hand-overs)"
        ),
        "forecastBiometricsReuse": (
            "Hergebruik van biometrie: % van de afspraken dat vervalt", "Reuse of biometrics: % of visits avoided"
        ),
        "forecastClosure": ("Een loket sluit", "A desk closes"),
        "forecastCloseDesk": ("Loket", "Desk"),
        "forecastCloseDate": ("Sluit op", "Closes on"),
        "forecastCloseTo": ("Werk gaat naar", "Work moves to"),
        "forecastCloseMoved": ("% van de balies gaat mee", "% of the counters move with it"),
        "forecastShock": ("Vraag verandert", "Demand changes"),
        "forecastShockPercent": ("Vraag als % van normaal (bijv. 120)", "Demand as % of normal (e.g. 120)"),
        "forecastShockFrom": ("Vanaf", "From"),
        "forecastShockUntil": ("Tot en met", "Until"),
        "forecastShockProduct": ("Product", "Product"),
        "forecastAllProducts": ("Alle producten", "All products"),
        "forecastNone": ("Geen", "None"),
        "forecastStartButton": ("Start de prognose", "Start the forecast"),
        "forecastRuns": ("Prognoses", "Forecasts"),
        "forecastNoRuns": ("Er zijn nog geen prognoses.", "There are no forecasts yet."),
        "forecastCompare": ("Vergelijk", "Compare"),
        "forecastCompareLegend": (
            "Kies tot vijf prognoses om in één grafiek te vergelijken",
            "Pick up to five forecasts to compare in one chart"
        ),
        "forecastCompareButton": ("Vergelijk de gekozen prognoses", "Compare the chosen forecasts"),
        "forecastKind": ("Soort", "Kind"),
        "forecastStarted": ("Gestart", "Started"),
        "forecastNormMet": ("Norm gehaald", "Norm met"),
        "forecastBaseline": ("Basis", "Baseline"),
        "forecastWhatIf": ("Wat als", "What if"),
        "forecastQueued": ("In de wachtrij", "Queued"),
        "forecastRunning": ("Bezig: %@%", "Running: %@%"),
        "forecastDone": ("Klaar", "Done"),
        "forecastFailed": ("Mislukt", "Failed"),
        "forecastNever": ("niet in deze periode", "not in this period"),
        "adviceWeekOf": ("de week van %@", "the week of %@"),
        "forecastAnswerShort": (
            "mediaan week van %@; %@ kans binnen de periode", "median week of %@; %@ chance within the period"
        ),
        "forecastAnswer": (
            "De wachttijd is voor het eerst blijvend onder de norm van %@ werkdagen in de week van %@ (mediaan; 10%: %@, 90%: %@). Kans dat dat binnen de periode gebeurt: %@.",
            "The wait is back under the norm of %@ working days for good in the week of %@ (median; 10%: %@, 90%: %@). Chance that it happens within the period: %@."
        ),
        "forecastRunTitle": ("Prognose: %@", "Forecast: %@"),
        "forecastProgress": ("Voortgang", "Progress"),
        "forecastRefreshes": (
            "Deze pagina ververst zichzelf elke twee seconden tot de prognose klaar is.",
            "This page refreshes itself every two seconds until the forecast is done."
        ),
        "forecastRefresh": ("Bekijk de voortgang opnieuw", "Check the progress again"),
        "forecastFollow": (
            "Volg de voortgang: de pagina ververst zichzelf elke twee seconden",
            "Follow the progress: the page refreshes itself every two seconds"
        ),
        "forecastStopFollowing": ("Stop met verversen", "Stop refreshing"),
        "forecastChartTitle": (
            "%@, landelijk: werkdagen tot de eerste vrije plek, P10–P90 en mediaan",
            "%@, national: working days to the first free slot, P10–P90 and median"
        ),
        "forecastBand": ("P10–P90", "P10–P90"),
        "forecastBandOf": ("P10–P90 van %@", "P10–P90 of %@"),
        "forecastMedian": ("Mediaan", "Median"),
        "forecastTableCaption": (
            "Landelijke wachttijd per week in werkdagen, en de kans dat de norm dan blijvend gehaald is",
            "National wait per week in working days, and the chance that the norm is met for good by then"
        ),
        "forecastMetBy": ("Norm blijvend gehaald", "Norm met for good"),
        "forecastPhone": ("Informatielijn", "Information line"),
        "forecastPhoneIntro": (
            "Mediaan per week, elke vierde week, naast de landelijke wachttijd aan de balie: bellers die te lang wachten hangen op en een deel belt opnieuw (Erlang A).",
            "Median per week, every fourth week, beside the national wait at the desks: callers who wait too long hang up and some call again (Erlang A)."
        ),
        "phoneDeskWait": ("Wachttijd balie (werkdagen)", "Desk wait (working days)"),
        "forecastPhoneLegend": ("Informatielijn (optioneel)", "Information line (optional)"),
        "forecastPhoneHint": (
            "Loket weet niets van de telefoon: vul gesprekken en medewerkers in om de lijn naast de wachttijd door te rekenen.",
            "Loket knows nothing of the phone line: fill in calls and agents to forecast the line beside the wait."
        ),
        "phoneCallsField": ("Gesprekken per werkdag zonder wachttijd", "Calls per working day without a wait"),
        "phonePerWaitingDayField": (
            "Extra gesprekken per dag per werkdag wachttijd", "Extra calls a day per working day of wait"
        ),
        "phoneSourceField": ("Bron van dat verband", "Source of that relation"),
        "phoneAgentsField": ("Medewerkers aan de lijn", "Agents on the line"),
        "phoneHoursField": ("Uren open per dag", "Hours open a day"),
        "phoneCallMinutesField": ("Minuten per gesprek", "Minutes per call"),
        "phonePatienceField": ("Geduld van bellers (seconden)", "Callers' patience (seconds)"),
        "phoneRedialsField": ("Wie ophangt en opnieuw belt (%)", "Who hangs up and calls again (%)"),
        "forecastYAML": ("Scenario als YAML", "Scenario as YAML"),
        "forecastRepeat": ("herhaal de berekening met", "repeat the run with"),
        "forecastBack": ("Terug naar de prognoses", "Back to the forecasts"),
        "forecastCompareTitle": ("Prognoses vergeleken", "Forecasts compared"),
        "forecastCompareChart": (
            "%@, landelijk: mediaan per prognose, werkdagen tot de eerste vrije plek",
            "%@, national: median per forecast, working days to the first free slot"
        ),
        "forecastCompareCaption": ("De vergeleken prognoses", "The forecasts compared"),
        // Capacity advisor
        "adviceTitle": ("Capaciteitsadviseur", "Capacity advisor"),
        "adviceIntro": (
            "Hoeveel balie-uren per week zijn er extra nodig om de wachttijd uiterlijk in een bepaalde week blijvend onder de norm te krijgen, met een gekozen kans? De adviseur zoekt het kleinste aantal, verdeeld over de loketten naar hun vraag, en zegt hoeveel zaterdagen dat zou zijn.",
            "How many extra counter-hours a week does it take to bring the wait back under the norm for good by a given week, with a chosen probability? The advisor searches for the smallest number, shared over the desks by their demand, and says how many Saturday sessions that would be."
        ),
        "adviceBy": ("Onder de norm uiterlijk in de week van", "Under the norm by the week of"),
        "adviceProbabilityField": ("Met een kans van (%)", "With a probability of (%)"),
        "adviceFrom": ("Extra capaciteit vanaf (leeg: vandaag)", "Extra capacity from (empty: today)"),
        "adviceButton": ("Zoek de kleinste extra capaciteit", "Find the smallest extra capacity"),
        "forecastAdvice": ("Advies", "Advice"),
        "adviceRunning": ("Bezig: %@ mogelijkheden doorgerekend", "Running: %@ options worked out"),
        "adviceAlreadyMet": (
            "Er is geen extra capaciteit nodig. Met een kans van %@ is de wachttijd blijvend onder de norm van %@ werkdagen vanaf de week van %@ (mediaan: %@); gevraagd was uiterlijk de week van %@.",
            "No extra capacity is needed. With a probability of %@ the wait is back under the norm of %@ working days for good from the week of %@ (median: %@); you asked for the week of %@ at the latest."
        ),
        "adviceNeeded": (
            "Er zijn %@ balie-uren per week extra nodig vanaf %@ om de wachttijd blijvend onder de norm van %@ werkdagen te krijgen in de week van %@ met een kans van %@ (berekend: %@). Eén uur minder haalt het niet. Met die uren is de norm met die kans gehaald vanaf de week van %@.",
            "It takes %@ extra counter-hours a week from %@ to bring the wait back under the norm of %@ working days for good by the week of %@ with a probability of %@ (worked out: %@). One hour less does not make it. With them, the norm is met with that probability from the week of %@."
        ),
        "adviceNotWithin": (
            "Ook %@ balie-uren per week extra halen de norm van %@ werkdagen in de week van %@ niet met een kans van %@: kies een latere week, een lagere kans, of andere maatregelen.",
            "Even %@ extra counter-hours a week do not meet the norm of %@ working days by the week of %@ with a probability of %@: choose a later week, a lower probability, or other measures."
        ),
        "adviceDesksCaption": ("Per loket", "Per desk"),
        "adviceHours": ("Balie-uren per week extra", "Extra counter-hours a week"),
        "adviceSaturdays": ("Zaterdagen per week", "Saturday sessions a week"),
        "adviceCandidatesCaption": ("Wat de adviseur doorrekende", "What the advisor worked out"),
        "adviceProbability": ("Kans", "Probability"),
        "adviceMeets": ("Haalt het doel", "Meets the target"),
        "adviceYes": ("ja", "yes"),
        "adviceShort": ("%@ balie-uren per week extra", "%@ extra counter-hours a week"),
        "adviceShortMet": ("niets extra nodig", "nothing extra needed"),
        "adviceShortNot": ("niet haalbaar binnen de grens", "not within the bound"),
        "adviceNo": ("nee", "no"),
        "phone.calls_per_day": ("Gesprekken per dag", "Calls a day"),
        "phone.answered_share": ("Deel beantwoord", "Share answered"),
        "phone.abandoned_share": ("Deel opgehangen", "Share who hung up"),
        "phone.answer_wait_minutes": ("Wachttijd van wie antwoord kreeg (min.)", "Wait of those answered (min.)"),
        "phone.service_level": ("Servicegraad", "Service level"),
        "phone.agents_needed": ("Medewerkers nodig", "Agents needed"),
    ]
}

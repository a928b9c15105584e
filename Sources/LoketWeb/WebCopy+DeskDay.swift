/// The texts of the clerk's day (check-in, queues, calls, the agenda) and the waiting-room
/// screen, in Dutch and English; translated with the page texts (customerKeys), as they were
/// before these pages had a file of their own.
extension WebCopy {
    static let deskDayTexts: [String: (nl: String, en: String)] = [
        "dayTitle": ("Dagagenda %@", "Today at %@"),
        "checkIn": ("Aanmelden", "Check in"),
        "checkInLabel": ("Afspraakcode van de klant", "The customer's appointment code"),
        "checkedIn": ("%@ is aangemeld met nummer %@.", "%@ is checked in with number %@."),
        "waitingTitle": ("Wachtend", "Waiting"),
        "nobodyWaiting": ("Niemand wacht.", "Nobody is waiting."),
        "counter": ("Balie", "Counter"),
        "callNext": ("Volgende oproepen", "Call the next customer"),
        "notifySoonLabel": (
            "E-mail de klant als die bij de volgende drie is (als die buiten wil wachten)",
            "Email the customer when they are among the next three (if they would rather wait outside)"
        ),
        "notifySoonMarker": ("Wacht misschien buiten: krijgt een e-mail", "May be waiting outside: gets an email"),
        "queuesLegend": ("Wachtrijen die deze balie oproept", "Queues this counter calls from"),
        "queuesHint": (
            "Elk nummer begint met de letter van zijn wachtrij. Niets aangevinkt roept uit alle wachtrijen. Deze werkplek onthoudt de keuze vandaag.",
            "Each ticket starts with its queue's letter. None ticked calls from every queue. This workstation keeps the choice for today."
        ),
        "nobodyWaitingInQueues": (
            "Niemand wacht in de gekozen wachtrijen.", "Nobody is waiting in the queues this counter calls from."
        ),
        "called": ("Nummer %@ is opgeroepen naar balie %@: %@.", "Number %@ is called to counter %@: %@."),
        "markedServed": ("Gemarkeerd als geholpen.", "Marked as served."),
        "markedNoShow": ("Gemarkeerd als niet gekomen.", "Marked as a no-show."),
        "served": ("Geholpen", "Served"),
        "noShow": ("Niet gekomen", "No-show"),
        "minutesWaiting": ("%@ min. wachtend", "waiting %@ min"),
        "agenda": ("Afspraken vandaag", "Today's appointments"),
        "time": ("Tijd", "Time"),
        "customer": ("Klant", "Customer"),
        "status": ("Status", "Status"),
        "action": ("Actie", "Action"),
        "stateExpected": ("verwacht", "expected"),
        "stateWaiting": ("wacht", "waiting"),
        "stateCalled": ("aan de balie", "at the counter"),
        "stateServed": ("geholpen", "served"),
        "stateNoShow": ("niet gekomen", "no-show"),
        "needsAssistance": ("extra tijd/hulp", "extra time/help"),
        "noAppointments": ("Geen afspraken vandaag.", "No appointments today."),
        "noAppointmentsInWindow": ("Geen afspraken in deze uren.", "No appointments in these hours."),
        "dayProgress": (
            "Afspraken vandaag: %@ — %@ verwacht, %@ wachtend, %@ aan de balie, %@ geholpen, %@ niet gekomen.",
            "Appointments today: %@ — %@ expected, %@ waiting, %@ at a counter, %@ served, %@ no-show."
        ),
        "agendaWindow": (
            "Afspraken van %@ tot %@, en wie er wacht of aan de balie is.",
            "Appointments from %@ to %@, and whoever is waiting or at a counter."
        ),
        "agendaWholeDay": ("Alle afspraken van vandaag.", "All of today's appointments."),
        "agendaHours": ("Andere uren", "Other hours"),
        "agendaEarlier": ("Eerder: %@–%@", "Earlier: %@–%@"),
        "agendaLater": ("Later: %@–%@", "Later: %@–%@"),
        "agendaShowDay": ("De hele dag", "The whole day"),
        "agendaShowNow": ("Rond nu", "Around now"),
        "displayTitle": ("Oproepen", "Now calling"),
        "ticket": ("Nummer", "Number"),
    ]
}

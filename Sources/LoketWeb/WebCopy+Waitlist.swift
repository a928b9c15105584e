import LoketDomain

/// The texts of joining the waitlist on the web and following the entry, in Dutch and English;
/// Ukrainian and Arabic in `Resources/texts`.
extension WebCopy {
    static let waitlistTexts: [String: (nl: String, en: String)] = [
        "waitlistLink": (
            "Geen tijd die past? Zet u op de wachtlijst",
            "No time that suits you? Join the waitlist"
        ),
        "waitlistLinkHint": (
            "Komt er een plek vrij, dan krijgt u een aanbod per e-mail. U hoeft niet zelf te blijven zoeken.",
            "When a place comes free, you get an offer by email. You do not need to keep looking."
        ),
        "waitlistJoinShort": (
            "Op de wachtlijst voor dit loket",
            "Join the waitlist for this desk"
        ),
        "waitlistJoinTitle": (
            "Op de wachtlijst",
            "Join the waitlist"
        ),
        "waitlistJoinIntro": (
            "Kies de loketten en de dagen waarop u kunt komen. Komt er in die periode een plek vrij, dan houden wij die even voor u vast en krijgt u een e-mail om hem aan te nemen of af te slaan. Wie eerder op de lijst staat, krijgt eerder een aanbod.",
            "Choose the desks and the days you could come. If a place comes free in that period, we keep it for you for a while and email you to accept or decline it. Whoever joined the list earlier gets an offer earlier."
        ),
        "waitlistDesksLegend": (
            "Bij welke loketten kunt u komen?",
            "At which desks could you come?"
        ),
        "waitlistDesksHint": (
            "Kies er minstens één en hoogstens %@.",
            "Choose at least one and at most %@."
        ),
        "waitlistDatesLegend": (
            "Wanneer kunt u komen?",
            "When could you come?"
        ),
        "waitlistDatesHint": (
            "Van vandaag tot en met %@.",
            "From today up to and including %@."
        ),
        "waitlistFrom": (
            "Eerste dag",
            "First day"
        ),
        "waitlistTo": (
            "Laatste dag",
            "Last day"
        ),
        "waitlistEmailHint": (
            "Hier sturen wij het aanbod heen.",
            "We send the offer here."
        ),
        "waitlistJoin": (
            "Op de wachtlijst zetten",
            "Join the waitlist"
        ),
        "waitlistEntryTitle": (
            "U staat op de wachtlijst",
            "You are on the waitlist"
        ),
        "waitlistJoinedNotice": (
            "U staat op de wachtlijst. Komt er een plek vrij, dan mailen wij u. Bewaar de link van deze pagina: hier ziet u uw plaats en kunt u zich afmelden.",
            "You are on the waitlist. When a place comes free, we email you. Keep this page's link: here you see your place and can leave the list."
        ),
        "waitlistPositionLabel": (
            "Uw plaats in de rij",
            "Your place in line"
        ),
        "waitlistOffered": (
            "Er is een plek voor u vrijgekomen.",
            "A place has come free for you."
        ),
        "waitlistViewOffer": (
            "Bekijk het aanbod",
            "View the offer"
        ),
        "waitlistLeave": (
            "Van de wachtlijst af",
            "Leave the waitlist"
        ),
        "waitlistLeaveHint": (
            "Heeft u al een afspraak, of hoeft u niet meer te komen? Meld u dan af, dan gaat de plek naar een ander.",
            "Already have an appointment, or no longer need to come? Then leave the list, so that the place goes to someone else."
        ),
        "waitlistLeaveQuestion": ("Van de wachtlijst af?", "Leave the waitlist?"),
        "waitlistLeaveWarning": (
            "U verliest uw plaats in de rij en krijgt geen aanbod meer. Wie zich later opnieuw aanmeldt, sluit achteraan aan.",
            "You lose your place in line and get no more offers. Joining again later puts you at the back of the line."
        ),
        "waitlistLeaveConfirm": ("Ja, van de wachtlijst af", "Yes, leave the waitlist"),
        "waitlistKeepPlace": ("Nee, mijn plaats houden", "No, keep my place"),
        "waitlistLeftTitle": (
            "U staat niet meer op de wachtlijst",
            "You have left the waitlist"
        ),
        "waitlistLeftText": (
            "U krijgt geen aanbod meer. U kunt altijd opnieuw een afspraak zoeken.",
            "You will get no more offers. You can always look for an appointment again."
        ),
        "waitlistBookedText": (
            "U heeft een aanbod van de wachtlijst aangenomen. De gegevens van uw afspraak staan in de bevestigingsmail.",
            "You accepted an offer from the waitlist. Your appointment's details are in the confirmation email."
        ),
        "waitlistOverTitle": (
            "Niet meer op de wachtlijst",
            "No longer on the waitlist"
        ),
        "waitlistOverText": (
            "Deze aanmelding is afgelopen: u heeft zich afgemeld, of de laatste dag is voorbij. U kunt opnieuw een afspraak zoeken.",
            "This request has ended: you left the list, or its last day has passed. You can look for an appointment again."
        ),
        "error.desks.required": (
            "Kies minstens één loket.",
            "Choose at least one desk."
        ),
        "error.from.required": (
            "Vul de eerste dag in.",
            "Give the first day."
        ),
        "error.to.required": (
            "Vul de laatste dag in.",
            "Give the last day."
        ),
        "error.from.in_past": (
            "De eerste dag ligt in het verleden.",
            "The first day is in the past."
        ),
        "error.to.in_past": (
            "De laatste dag ligt in het verleden.",
            "The last day is in the past."
        ),
        "error.from.beyond_horizon": (
            "Zo ver vooruit kunt u nog niet wachten. Kies een eerdere dag.",
            "You cannot wait that far ahead yet. Choose an earlier day."
        ),
        "error.to.beyond_horizon": (
            "Zo ver vooruit kunt u nog niet wachten. Kies een eerdere dag.",
            "You cannot wait that far ahead yet. Choose an earlier day."
        ),
        "error.to.before_from": (
            "De laatste dag ligt voor de eerste dag.",
            "The last day is before the first day."
        ),
        "error.to.invalid_date": (
            "Vul de laatste dag in als jaar-maand-dag.",
            "Give the last day as YYYY-MM-DD."
        ),
        "error.vNumber.already_waiting": (
            "Deze persoon staat al op de wachtlijst hiervoor. Gebruik de link van die aanmelding om hem te bekijken of u af te melden.",
            "This person is already on the waitlist for this. Use that request's link to view it or leave."
        ),
    ]
}

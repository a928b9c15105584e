/// The texts of the holder's document page, in Dutch and English.
extension WebCopy {
    static let documentTexts: [String: (nl: String, en: String)] = [
        "documentTitle": ("Uw %@", "Your %@"),
        "documentWhat": ("Document", "Document"),
        "documentReadyOn": ("Klaar vanaf", "Ready from"),
        "documentStatusLabel": ("Stand van zaken", "Status"),
        "documentPickup": ("Ophalen", "Collection"),
        "documentDelivery": ("Bezorging", "Delivery"),
        "documentStatus.in_production": ("Wordt nog gemaakt", "Still being made"),
        "documentStatus.ready": ("Ligt klaar: kies ophalen of bezorgen", "Ready: choose collection or delivery"),
        "documentStatus.pickup_booked": ("Afspraak om op te halen gemaakt", "Collection appointment booked"),
        "documentStatus.handed_over": ("Aan u overhandigd", "Handed to you"),
        "documentStatus.delivery_scheduled": ("Bezorging gepland", "Delivery scheduled"),
        "documentStatus.out_for_delivery": ("Onderweg met de koerier", "With the courier"),
        "documentStatus.delivered": ("Bezorgd", "Delivered"),
        "documentStatus.returned": (
            "Niet opgehaald en teruggestuurd; neem contact met ons op", "Not collected and sent back; please contact us"
        ),
        "documentPickupTitle": ("Ophalen aan het loket", "Collect it at the desk"),
        "documentPickupIntro": (
            "Kies een tijd. Neem uw paspoort of identiteitsbewijs mee.",
            "Choose a time. Bring your passport or proof of identity."
        ),
        "documentPickupInsteadTitle": ("Toch liever ophalen aan het loket", "Collect it at the desk instead"),
        "documentPickupInsteadIntro": (
            "Kies een tijd en de bezorging vervalt. Neem uw paspoort of identiteitsbewijs mee.",
            "Choose a time and the delivery is cancelled. Bring your passport or proof of identity."
        ),
        "documentSlot": ("Tijd", "Time"),
        "error.slot.delivery_fixed": (
            "De koerier heeft de pas al voor de bezorgdag; ophalen aan het loket kan nu niet meer.",
            "The courier already has the card for the delivery day; it can no longer be collected at the desk instead."
        ),
        "documentBookPickup": ("Afspraak maken", "Book the appointment"),
        "documentNoSlots": (
            "Er is nu geen tijd vrij om op te halen. Kijk later opnieuw of kies bezorging.",
            "There is no time free to collect it just now. Look again later or choose delivery."
        ),
        "documentDeliveryTitle": ("Laten bezorgen", "Have it delivered"),
        "documentDeliveryMoveTitle": ("Andere dag of ander adres", "Another day or address"),
        "documentDeliveryIntro": (
            "De koerier bezorgt alleen aan u, op een adres in Nederland. U hoort twee werkdagen vooraf in welk tijdvak. Tot de dag ervoor kunt u een andere dag kiezen.",
            "The courier hands it only to you, at an address in the Netherlands. You hear the time window two working days before. You can choose another day until the day before."
        ),
        "documentBirthHint": (
            "Van de houder van het document: alleen met de link kan niemand uw pas naar een ander adres laten sturen.",
            "The document holder's: with the link alone, nobody can send your card to another address."
        ),
        "documentStreet": ("Straat", "Street"),
        "documentHouseNumber": ("Huisnummer", "House number"),
        "documentPostcode": ("Postcode", "Postcode"),
        "documentPostcodeHint": ("Bijvoorbeeld 2511 AB", "For example 2511 AB"),
        "documentCity": ("Plaats", "Town or city"),
        "documentDay": ("Dag", "Day"),
        "documentSchedule": ("Bezorging plannen", "Schedule delivery"),
    ]
}

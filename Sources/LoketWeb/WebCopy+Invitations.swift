/// The texts of inviting a person at the desk, in Dutch and English.
extension WebCopy {
    static let invitationTexts: [String: (nl: String, en: String)] = [
        "inviteTitle": ("Uitnodigen", "Invite someone"),
        "inviteIntro": (
            "Nodig iemand aan de balie uit voor een afspraak die een uitnodiging vraagt. Neem het V-nummer en de geboortedatum over van het identiteitsbewijs. De persoon krijgt een e-mail met een link om zelf te boeken.",
            "Invite a person at the counter to book an appointment that needs an invitation. Type the V-number and date of birth from their ID. They get an email with a link to book themselves."
        ),
        "inviteEmailHint": (
            "De link om te boeken gaat naar dit adres.", "The link to book goes to this address."
        ),
        "inviteValidUntil": ("Geldig tot en met", "Valid until"),
        "inviteValidUntilHint": (
            "Leeg: zo ver vooruit als er geboekt kan worden.", "Empty: as far ahead as booking is open."
        ),
        "inviteSend": ("Uitnodiging versturen", "Send the invitation"),
        "inviteSent": (
            "De uitnodiging is verstuurd. De persoon boekt met de link uit de e-mail.",
            "The invitation is sent. The person books with the link in the email."
        ),
        "error.product.not_offered_here": (
            "Kies een product van deze balie dat een uitnodiging vraagt.",
            "Choose a product of this desk that needs an invitation."
        ),
        "error.validUntil.invalid": ("Geef de laatste dag als datum.", "Give the last day as a date."),
        "error.validUntil.out_of_range": ("De laatste dag ligt in het verleden.", "The last day lies in the past."),
    ]
}

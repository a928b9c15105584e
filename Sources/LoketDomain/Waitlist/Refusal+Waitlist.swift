/// The refusals of joining, leaving and answering an offer, worded once here.
extension Refusal {
    /// A person who already waits for the product.
    public static let alreadyWaiting = Refusal(
        .conflict, field: "customer.vNumber", code: "already_waiting",
        "This person is already on the waitlist for this. Change or leave that entry instead of joining again.")

    /// An appointment that already waits for an earlier time: each accepted improvement is a
    /// move, and a stack of them would be a way round the cap on moves.
    public static let alreadyImproving = Refusal(
        .conflict, field: "appointment", code: "already_waiting",
        "This appointment already waits for an earlier time. Change or leave that entry instead.")

    public static let waitlistTokenMissing = Refusal(
        .unauthorized, field: "Authorization", code: "missing_token",
        "Send the waitlist token as Authorization: Bearer <token>.")

    public static let unknownWaitlistEntry = Refusal(
        .notFound, field: "id", code: "unknown_waitlist", "There is no such waitlist entry.")

    public static let wrongWaitlistToken = Refusal(
        .unauthorized, field: "Authorization", code: "wrong_token", "This token does not open this waitlist entry.")

    public static let noOffer = Refusal(.conflict, field: "offer", code: "no_offer", "There is no offer to accept.")

    /// A waitlist entry another request changed between reading and writing it.
    public static let waitlistChangedMeanwhile = Refusal(
        .conflict, field: "id", code: "changed", "This waitlist entry changed meanwhile; load it again.")

    /// The appointment an entry would improve was cancelled: the entry improves nothing, and
    /// books nobody (the customer it names was never checked as the appointment's people were).
    public static let improvedAppointmentGone = Refusal(
        .gone, field: "appointment", code: "appointment_gone",
        "The appointment this would improve was cancelled; book a new one instead.")
}

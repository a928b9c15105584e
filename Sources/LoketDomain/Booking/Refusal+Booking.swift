/// The refusals of holding, confirming, cancelling and moving, worded once here: the
/// application makes them from what storage found (a row missing, a condition that failed).
extension Refusal {
    /// A unit was full when it was to be taken.
    public static let slotFull = Refusal(
        .conflict, field: "slot", code: "slot_full", "This slot was just taken; choose another.")

    /// A person who already has a live appointment for the product.
    public static let alreadyBooked = Refusal(
        .conflict, field: "customer.vNumber", code: "already_booked",
        "This person already has an appointment for this. Move that one with the link in its confirmation email instead of booking another."
    )

    /// No hold `id`: named as `field`, the request's `hold` or the path's `id`.
    public static func unknownHold(_ id: String, field: String = "hold") -> Refusal {
        Refusal(.notFound, field: field, code: "unknown_hold", "There is no hold \(id).")
    }

    /// An appointment the database did not give back once written.
    public static let appointmentNotStored = Refusal(
        .conflict, field: "hold", code: "not_stored", "The appointment could not be stored.")

    /// Of two confirmations at once, the other got the hold.
    public static let holdUsed = Refusal(
        .conflict, field: "hold", code: "hold_used", "This hold has already been used for an appointment.")

    /// A parked hold a waitlist offer carries: only that offer may take it.
    public static let offeredHold = Refusal(
        .forbidden, field: "hold", code: "offered_hold",
        "This slot is held for a waitlist offer and can only be taken through that offer.")

    public static let holdTokenMissing = Refusal.invalid(
        "holdToken", "required", "Send the token you got with the hold as holdToken.")

    public static let wrongHoldToken = Refusal(
        .forbidden, field: "holdToken", code: "wrong_token", "This token does not belong to this hold.")

    public static let manageTokenMissing = Refusal(
        .unauthorized, field: "Authorization", code: "missing_token",
        "Send the manage token as Authorization: Bearer <token>.")

    public static let unknownAppointment = Refusal(
        .notFound, field: "id", code: "unknown_appointment", "There is no such appointment.")

    public static let wrongManageToken = Refusal(
        .unauthorized, field: "Authorization", code: "wrong_token", "This manage token does not open this appointment.")

    /// A manage link from an email, after the appointment's day.
    public static let linkExpired = Refusal(
        .gone, field: "Authorization", code: "link_expired",
        "This link from an email worked until the day of the appointment.")

    /// An appointment another request cancelled or moved between reading and writing it.
    public static let changedMeanwhile = Refusal(
        .conflict, field: "id", code: "changed", "This appointment changed meanwhile; load it again.")
}

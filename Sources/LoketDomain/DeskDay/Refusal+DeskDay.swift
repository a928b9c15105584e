/// The refusals of a desk's day (check-in, a visit's end), worded once here.
extension Refusal {
    public static let invalidAppointmentCode = Refusal.invalid(
        "code", "invalid_code", "An appointment code has eight letters and digits, like K7M2-Q9XD.")

    public static func unknownAppointmentCode(_ code: String) -> Refusal {
        Refusal(.notFound, field: "code", code: "unknown_code", "No appointment with code \(code) at this desk today.")
    }

    public static let invalidOutcome = Refusal.invalid("outcome", "invalid", "A visit ends served or no-show.")

    public static let unknownAppointmentAtDesk = Refusal(
        .notFound, field: "appointment", code: "unknown_appointment", "There is no such appointment at this desk.")

    public static let visitEnded = Refusal(
        .conflict, field: "outcome", code: "not_possible", "This visit has already ended.")
}

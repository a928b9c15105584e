/// The refusals of the biometrics record, worded once here.
extension Refusal {
    /// A V-number recorded with another date of birth; `prefix` places the field in the request.
    public static func dateOfBirthMismatch(prefix: String) -> Refusal {
        Refusal(
            .conflict, field: prefix + "dateOfBirth", code: "date_of_birth_mismatch",
            "This V-number is recorded with another date of birth; nothing was recorded.")
    }
}

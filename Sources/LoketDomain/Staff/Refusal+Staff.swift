/// The refusals of staff accounts, worded once here.
extension Refusal {
    public static func usernameTaken(_ username: String) -> Refusal {
        Refusal(.conflict, field: "username", code: "taken", "There is already an account \(username).")
    }
}

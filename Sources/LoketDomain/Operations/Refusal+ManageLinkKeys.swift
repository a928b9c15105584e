/// The refusals of the manage-link keys an operator gives `loket serve`, worded once here.
extension Refusal {
    public static let manageLinkKeyMissing = Refusal.invalid(
        "manage-link-key", "required", "Give at least one manage-link key.")

    public static func manageLinkKeyTooShort(minimum: Int) -> Refusal {
        .invalid("manage-link-key", "too_short", "A manage-link key has at least \(minimum) characters.")
    }

    public static func keyFileUnreadable(_ path: String) -> Refusal {
        .invalid("manage-link-key-file", "unreadable", "Cannot read \(path).")
    }

    public static func keyFileUnwritable(_ path: String) -> Refusal {
        .invalid("manage-link-key-file", "unwritable", "Cannot write \(path).")
    }
}

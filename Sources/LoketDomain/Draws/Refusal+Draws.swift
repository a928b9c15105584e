/// The refusals of draws and their entries, worded once here.
extension Refusal {
    public static let alreadyEntered = Refusal(
        .conflict, field: "vNumber", code: "already_entered", "This person has already entered this draw.")

    public static let entryDecided = Refusal(
        .conflict, field: "entry", code: "already_decided", "This entry has been decided.")

    public static func unknownDraw(_ id: String) -> Refusal {
        Refusal(.notFound, field: "id", code: "unknown_draw", "There is no draw \(id).")
    }

    public static func unknownDrawEntry(_ id: String) -> Refusal {
        Refusal(.notFound, field: "entry", code: "unknown_entry", "There is no entry \(id) in this draw.")
    }

    public static let drawEntryTokenMissing = Refusal(
        .unauthorized, field: "token", code: "token_required", "Give the entry's token.")

    public static let wrongDrawEntryToken = Refusal(
        .forbidden, field: "token", code: "wrong_token", "This token does not open this entry.")
}

/// The refusals of the partner channel's key, worded once here.
extension Refusal {
    public static let partnerKeyMissing = Refusal(
        .unauthorized, field: "Authorization", code: "missing_key",
        "Send the partner API key as Authorization: Bearer <key>.")

    public static let wrongPartnerKey = Refusal(
        .unauthorized, field: "Authorization", code: "wrong_key", "This API key is not known.")
}

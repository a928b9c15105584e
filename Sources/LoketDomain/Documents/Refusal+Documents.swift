/// The refusals of documents, their pickups and deliveries, worded once here.
extension Refusal {
    public static func courierDayFull(_ date: LocalDate) -> Refusal {
        Refusal(
            .conflict, field: "date", code: "day_full", "The courier has no room left on \(date); choose another day.")
    }

    public static let unknownDocument = Refusal(
        .notFound, field: "id", code: "unknown_document", "There is no such document, or this token does not open it.")

    public static let documentChanged = Refusal(
        .conflict, field: "id", code: "document_changed", "The document changed meanwhile; look again.")

    public static let documentTokenMissing = Refusal(
        .unauthorized, field: "Authorization", code: "token_required",
        "Send the document's customerToken as Authorization: Bearer <token>.")

    public static let documentLinkExpired = Refusal(
        .gone, field: "Authorization", code: "link_expired",
        "This link has lapsed: the card has reached you, or a month has passed. Use the latest email.")

    public static func unknownDelivery(_ id: String) -> Refusal {
        Refusal(.notFound, field: "id", code: "unknown_delivery", "There is no delivery \(id) out now.")
    }
}

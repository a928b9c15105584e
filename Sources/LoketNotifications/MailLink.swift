/// The pages an email links to, each path written once: the dispatcher fills them in (and
/// `loket invite` prints one), and a test checks every one against the routes the pages register
/// (`MailLinksTests`), so that a page moved cannot leave the emails already sent, or those still
/// to come, pointing nowhere. Every link carries the secret that opens its page as `token`.
public enum MailLink: String, CaseIterable, Sendable {
    /// The appointment's own page (afspraak beheren): cancel, move, add to a calendar.
    case manage = "/manage/{appointment}"
    case invitation = "/book/invitation/{invitation}"
    /// A booking made for someone else, waiting for that person to confirm it.
    case awaitingPerson = "/book/awaiting/{hold}"
    case waitlistEntry = "/waitlist/{entry}"
    case waitlistOffer = "/waitlist/{entry}/offer"
    case drawEntry = "/draws/{draw}/entries/{entry}"
    case document = "/documents/{document}"

    /// The link under `publicURL`, with `values` in place of the path's placeholders, in order.
    public func url(_ publicURL: String, _ values: String..., token: String) -> String {
        var values = values[...]
        let segments = rawValue.split(separator: "/").map { segment in
            segment.hasPrefix("{") ? values.popFirst() ?? "" : String(segment)
        }
        precondition(values.isEmpty && !segments.contains(""), "\(self) takes another number of values")
        return publicURL + "/" + segments.joined(separator: "/") + "?token=" + token
    }
}

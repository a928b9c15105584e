/// The pages an email links to, each path written once: the dispatcher fills them in (and
/// `loket invite` prints one), and a test checks every one against the routes the pages register
/// (`MailLinksTests`). The emails already sent keep their links: a page that moves keeps its old
/// route too. Every link carries the secret that opens its page as `token`.
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
        let segments = rawValue.split(separator: "/")
        precondition(segments.count { $0.hasPrefix("{") } == values.count, "\(self) takes another number of values")
        var values = values[...]
        let path = segments.map { $0.hasPrefix("{") ? values.removeFirst() : String($0) }
        return publicURL + "/" + path.joined(separator: "/") + "?token=" + token
    }
}

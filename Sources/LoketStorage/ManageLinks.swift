import Foundation
import LoketDomain

/// The manage link in customer email. The manage token itself is kept only as a digest, so the
/// mailer cannot put it in a message; instead each message carries a link token that is an
/// HMAC-SHA256 of the appointment id under a server-wide key (`ManageLinkKeys`). Nothing per
/// appointment is stored, every message (reminders days later too) can carry the link, and the
/// manage page accepts either token. A link opens its appointment until the end of the
/// appointment's day: an old email in a mailbox is no lasting key.
extension AppointmentStore {
    /// The link token for `appointment`.
    public func manageLinkToken(appointment id: String) -> String { links.token(appointment: id) }
}

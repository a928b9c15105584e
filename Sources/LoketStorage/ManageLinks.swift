import Crypto
import Foundation
import SQLKit

/// The manage link in customer email. The manage token itself is kept only as a digest, so the
/// mailer cannot put it in a message; instead each message carries a link token that is an
/// HMAC-SHA256 of the appointment id under a server-wide key. Nothing per appointment is stored,
/// every message (reminders days later too) can carry the link, and the manage page accepts
/// either token. Rotating the key (deleting the `manage-link` secret) voids all emailed links.
extension AppointmentStore {
    /// The link token for `appointment`.
    public func manageLinkToken(appointment id: String) async throws -> String {
        try await database.session { db in try await Self.manageLinkToken(id: id, on: db) }
    }

    static func manageLinkToken(id: String, on db: any SQLDatabase) async throws -> String {
        let key = try await linkKey(on: db)
        let mac = HMAC<SHA256>.authenticationCode(for: Data("manage:\(id)".utf8), using: key)
        return "m"
            + Data(mac).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(
                of: "=", with: "")
    }

    /// The key, made by whichever server needs it first.
    static func linkKey(on db: any SQLDatabase) async throws -> SymmetricKey {
        try await db.raw(
            """
            INSERT INTO secrets (name, value) VALUES ('manage-link', \(bind: Identifiers.randomBase64URL(bytes: 32))) ON CONFLICT (name) DO NOTHING
            """
        ).run()
        let value = try await db.raw("SELECT value FROM secrets WHERE name = 'manage-link'").first()!.decode(
            column: "value", as: String.self)
        return SymmetricKey(data: Data(value.utf8))
    }
}

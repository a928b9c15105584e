import Crypto
import Foundation
import LoketDomain

/// The keys that sign the manage links in customer email, kept outside the database (a key file
/// or the environment) so that a copy of the database cannot sign links. Several keys make
/// rotation possible: the first signs, every one is accepted, so a new key goes first and the
/// old one stays until the links it signed have lapsed.
public struct ManageLinkKeys: Sendable {
    /// The key bytes (SymmetricKey is not Sendable; keys are made from these when signing).
    let keys: [Data]

    /// Keys shorter than this are refused: 32 characters of a random key carry enough entropy.
    public static let minimumLength = 32

    /// `secrets`, the signing key first; each must be at least `minimumLength` characters.
    public init(_ secrets: [String]) throws(Refusal) {
        guard !secrets.isEmpty else {
            throw Refusal.manageLinkKeyMissing
        }
        guard secrets.allSatisfy({ $0.count >= Self.minimumLength }) else {
            throw Refusal.manageLinkKeyTooShort(minimum: Self.minimumLength)
        }
        self.keys = secrets.map { Data($0.utf8) }
    }

    /// A fresh random key, for tests and for a key file made on first start.
    public static func randomSecret() -> String { Identifiers.randomBase64URL(bytes: 32) }

    /// The keys written in `text`: one per line or separated by commas, `#` starting a comment.
    public static func secrets(in text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).flatMap { line in
            (line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }.filter { !$0.isEmpty }
    }

    /// The link token for appointment `id`, signed with the first key.
    func token(appointment id: String) -> String { token(label: "manage:\(id)") }
    func opens(_ token: String, appointment id: String) -> Bool { opens(token, label: "manage:\(id)") }

    /// The link token for document `id`: the same scheme, under another label, so that a link
    /// to a document opens no appointment and the other way round.
    func token(document id: String) -> String { token(label: "document:\(id)") }
    func opens(_ token: String, document id: String) -> Bool { opens(token, label: "document:\(id)") }

    /// The link token for invitation `id`, under a label of its own.
    func token(invitation id: String) -> String { token(label: "invitation:\(id)") }
    func opens(_ token: String, invitation id: String) -> Bool { opens(token, label: "invitation:\(id)") }

    private func token(label: String) -> String { Self.token(label: label, key: keys[0]) }

    /// Whether `token` is the link token for `label` under any of the keys; compared as
    /// digests, so the time taken says nothing about how much of it was right.
    private func opens(_ token: String, label: String) -> Bool {
        let digest = Identifiers.hash(token)
        return keys.contains { Identifiers.hash(Self.token(label: label, key: $0)) == digest }
    }

    static func token(label: String, key: Data) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(label.utf8), using: SymmetricKey(data: key))
        return "m"
            + Data(mac).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(
                of: "=", with: "")
    }
}

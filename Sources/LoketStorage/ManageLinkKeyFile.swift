import Foundation
import LoketDomain

/// The file the manage-link keys are kept in: one key per line, the signing key first, `#` for
/// comments. Without one given, `loket serve` makes one on first start, so that a plain
/// `swift run loket serve` works and keeps its links valid across restarts.
public enum ManageLinkKeyFile {
    /// The keys in the file at `url`.
    public static func read(_ url: URL) throws -> ManageLinkKeys {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw Refusal.keyFileUnreadable(url.path)
        }
        return try ManageLinkKeys(ManageLinkKeys.secrets(in: text))
    }

    /// The keys in the file at `url`, made first with one random key (readable by its owner
    /// only) when there is no such file; `created` says whether it was made now. Two servers
    /// starting at once agree: the file appears whole or not at all, and the second reads it.
    public static func readOrCreate(_ url: URL) throws -> (keys: ManageLinkKeys, created: Bool) {
        let files = FileManager.default
        if files.fileExists(atPath: url.path) { return (try read(url), false) }
        let draft = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID())")
        let text =
            "# Signs the manage links in customer email; the first key signs, all are accepted.\n"
            + ManageLinkKeys.randomSecret() + "\n"
        guard files.createFile(atPath: draft.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else {
            throw Refusal.keyFileUnwritable(url.path)
        }
        defer { try? files.removeItem(at: draft) }
        do {
            try files.linkItem(at: draft, to: url)
        } catch  where files.fileExists(atPath: url.path) {
            // Another server made it first.
            return (try read(url), false)
        }
        return (try read(url), true)
    }

    /// Where the made key file goes: beside a SQLite database, named after it; for PostgreSQL
    /// in the working directory.
    public static func defaultLocation(database: String) -> URL {
        if Database.isPostgres(database) {
            return URL(fileURLWithPath: "loket-manage-link.key")
        }
        return URL(fileURLWithPath: database + ".manage-link-key")
    }
}

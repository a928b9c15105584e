import Foundation
import SQLKit

/// A small key-value table with expiry for sign-in sessions, shared by every server process.
/// Keys are stored as SHA-256 digests: a copy of the database does not hand out live sessions.
extension StaffStore {
    public func putSession(key: String, value: String, expires: Date?) async throws {
        try await database.session { db in
            try await db.raw(
                """
                INSERT INTO web_sessions (key_hash, value, expires_at) VALUES (\(bind: Identifiers.hash(key)), \(bind: value), \(bind: expires?.millis))
                ON CONFLICT (key_hash) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
                """
            ).run()
        }
    }

    /// The value and its expiry, unless it has expired by `now`.
    public func session(key: String, now: Date) async throws -> (value: String, expires: Date?)? {
        try await database.session { db in
            guard
                let row = try await db.raw(
                    "SELECT value, expires_at FROM web_sessions WHERE key_hash = \(bind: Identifiers.hash(key))"
                ).first()
            else {
                return nil
            }
            let stored = try row.decode(model: SessionRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            let expires = stored.expiresAt.map(Date.init(millis:))
            if let expires, expires <= now { return nil }
            return (stored.value, expires)
        }
    }

    public func removeSession(key: String) async throws {
        try await database.session { db in
            try await db.raw("DELETE FROM web_sessions WHERE key_hash = \(bind: Identifiers.hash(key))").run()
        }
    }

    public func forgetExpiredSessions(now: Date) async throws {
        try await database.session { db in
            try await db.raw("DELETE FROM web_sessions WHERE expires_at < \(bind: now.millis)").run()
        }
    }

    /// A `web_sessions` row without its key.
    struct SessionRow: Decodable {
        let value: String, expiresAt: Int?
    }
}

import Foundation
import SQLKit

/// A small key-value table with expiry for sign-in sessions, shared by every server process.
/// Keys are stored as SHA-256 digests: a copy of the database does not hand out live sessions.
extension BookingStore {
    public func putSession(key: String, value: String, expires: Date?) async throws {
        try await database.session { db in
            try await db.raw("""
                INSERT INTO web_sessions (key_hash, value, expires_at) VALUES (\(bind: Self.hash(key)), \(bind: value), \(bind: expires?.millis))
                ON CONFLICT (key_hash) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
                """).run()
        }
    }

    /// The value and its expiry, unless it has expired by `now`.
    public func session(key: String, now: Date) async throws -> (value: String, expires: Date?)? {
        try await database.session { db in
            guard let row = try await db.raw("SELECT value, expires_at FROM web_sessions WHERE key_hash = \(bind: Self.hash(key))").first() else {
                return nil
            }
            let expires = try row.decode(column: "expires_at", as: Int?.self).map(Date.init(millis:))
            if let expires, expires <= now { return nil }
            return (try row.decode(column: "value", as: String.self), expires)
        }
    }

    public func removeSession(key: String) async throws {
        try await database.session { db in
            try await db.raw("DELETE FROM web_sessions WHERE key_hash = \(bind: Self.hash(key))").run()
        }
    }

    public func forgetExpiredSessions(now: Date) async throws {
        try await database.session { db in
            try await db.raw("DELETE FROM web_sessions WHERE expires_at < \(bind: now.millis)").run()
        }
    }
}

import Foundation
import SQLKit

/// A small key-value table with expiry for sign-in sessions, shared by every server process.
/// Keys are stored as SHA-256 digests: a copy of the database does not hand out live sessions.
/// Each session knows its account, so that a password reset can end them all, and when it was
/// last used, so that one left alone ends.
extension StaffStore {
    public func putSession(key: String, value: String, staff: String?, expires: Date?, now: Date) async throws {
        try await database.session { db in
            try await db.raw(
                """
                INSERT INTO web_sessions (key_hash, value, expires_at, staff_id, last_seen_at)
                VALUES (\(bind: Identifiers.hash(key)), \(bind: value), \(bind: expires?.millis), \(bind: staff), \(bind: now.millis))
                ON CONFLICT (key_hash) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at,
                    staff_id = excluded.staff_id, last_seen_at = excluded.last_seen_at
                """
            ).run()
        }
    }

    /// The value and its expiry, unless it has expired by `now` or lain unused for `idle`;
    /// reading it counts as using it.
    public func session(key: String, now: Date, idle: TimeInterval) async throws -> (value: String, expires: Date?)? {
        try await database.session { db in
            guard
                let row = try await db.raw(
                    """
                    UPDATE web_sessions SET last_seen_at = \(bind: now.millis)
                    WHERE key_hash = \(bind: Identifiers.hash(key))
                        AND (expires_at IS NULL OR expires_at > \(bind: now.millis))
                        AND last_seen_at > \(bind: now.addingTimeInterval(-idle).millis)
                    RETURNING value, expires_at
                    """
                ).first()
            else {
                return nil
            }
            let stored = try row.decode(model: SessionRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            return (stored.value, stored.expiresAt.map(Date.init(millis:)))
        }
    }

    public func removeSession(key: String) async throws {
        try await database.session { db in
            try await db.raw("DELETE FROM web_sessions WHERE key_hash = \(bind: Identifiers.hash(key))").run()
        }
    }

    public func forgetExpiredSessions(now: Date, idle: TimeInterval) async throws {
        try await database.session { db in
            try await db.raw(
                """
                DELETE FROM web_sessions WHERE expires_at < \(bind: now.millis)
                    OR last_seen_at < \(bind: now.addingTimeInterval(-idle).millis)
                """
            ).run()
        }
    }

    /// A `web_sessions` row without its key.
    struct SessionRow: Decodable {
        let value: String, expiresAt: Int?
    }
}

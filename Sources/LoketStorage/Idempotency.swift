import Foundation
import LoketDomain
import SQLKit

/// Answers to requests that carried an `Idempotency-Key`, so that a retry gets the first answer
/// instead of doing the work twice.
public struct Idempotency: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Runs `work` once per idempotency key: the key row is claimed first in the same
    /// transaction, so a concurrent retry waits for the first and then reads its answer.
    func once<R: Codable & Sendable>(
        _ idempotency: IdempotencyKey?, now: Date,
        _ work: @escaping @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        guard let idempotency else { return try await database.transaction(work) }
        guard !idempotency.key.isEmpty, idempotency.key.count <= 200 else {
            throw BookingError.invalid("Idempotency-Key", "invalid", "An Idempotency-Key has 1 to 200 characters.")
        }
        let nowMillis = now.millis
        return try await database.transaction { db in
            let claimed = try await db.raw(
                """
                INSERT INTO idempotency_keys (scope, key, fingerprint, created_at)
                VALUES (\(bind: idempotency.scope), \(bind: idempotency.key), \(bind: idempotency.fingerprint), \(bind: nowMillis))
                ON CONFLICT (scope, key) DO NOTHING RETURNING key
                """
            ).first()
            if claimed == nil {
                guard
                    let row = try await db.raw(
                        """
                        SELECT fingerprint, response FROM idempotency_keys
                        WHERE scope = \(bind: idempotency.scope) AND key = \(bind: idempotency.key)
                        """
                    ).first()
                else {
                    throw BookingError(
                        .conflict, field: "Idempotency-Key", code: "in_progress",
                        "A request with this key is still running; retry.")
                }
                let stored = try row.decode(model: StoredAnswer.self, keyDecodingStrategy: .convertFromSnakeCase)
                guard stored.fingerprint == idempotency.fingerprint else {
                    throw BookingError.invalid(
                        "Idempotency-Key", "reused", "This Idempotency-Key was used for a different request.")
                }
                guard let response = stored.response else {
                    throw BookingError(
                        .conflict, field: "Idempotency-Key", code: "in_progress",
                        "A request with this key is still running; retry.")
                }
                return try JSONDecoder().decode(R.self, from: Data(response.utf8))
            }
            let result = try await work(db)
            let response = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
            try await db.raw(
                """
                UPDATE idempotency_keys SET response = \(bind: response)
                WHERE scope = \(bind: idempotency.scope) AND key = \(bind: idempotency.key)
                """
            ).run()
            return result
        }
    }

    /// Forgets idempotency answers older than `before` (the caller keeps a day): clients retry
    /// within minutes, and the answers of confirmations carry manage tokens that should not linger.
    public func forgetKeys(before: Date) async throws {
        try await database.transaction { db in
            try await db.raw("DELETE FROM idempotency_keys WHERE created_at < \(bind: before.millis)").run()
        }
    }

    /// An `idempotency_keys` row: the request's fingerprint and, once done, its answer.
    struct StoredAnswer: Decodable {
        let fingerprint: String
        let response: String?
    }
}

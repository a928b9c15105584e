import Foundation
import LoketDomain
import SQLKit

/// Answers to requests that carried an `Idempotency-Key`, so that a retry gets the first answer
/// instead of doing the work twice. A key belongs to the client that sent it first; its answer is
/// kept without secrets (a retry gets fresh ones, `Replayable`).
public struct Idempotency: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Runs `work` once per idempotency key: the key row is claimed first in the same
    /// transaction, so a concurrent retry waits for the first and then reads its answer.
    func once<R: Replayable>(
        _ idempotency: IdempotencyKey?, now: Date,
        _ work: @escaping @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        guard let idempotency else { return try await database.transaction(work) }
        guard !idempotency.key.isEmpty, idempotency.key.count <= 200 else {
            throw Refusal.idempotencyKeyInvalid
        }
        let nowMillis = now.millis
        let engine = database.engine
        return try await database.transaction { db in
            let claimed = try await db.raw(
                """
                INSERT INTO idempotency_keys (scope, key, fingerprint, client, created_at)
                VALUES (\(bind: idempotency.scope), \(bind: idempotency.key), \(bind: idempotency.fingerprint),
                    \(bind: idempotency.client), \(bind: nowMillis))
                ON CONFLICT (scope, key) DO NOTHING RETURNING key
                """
            ).first()
            if claimed == nil {
                guard
                    let row = try await db.raw(
                        """
                        SELECT fingerprint, response, client FROM idempotency_keys
                        WHERE scope = \(bind: idempotency.scope) AND key = \(bind: idempotency.key)
                        """
                    ).first()
                else {
                    throw Refusal.requestInProgress
                }
                let stored = try row.decode(model: StoredAnswer.self, keyDecodingStrategy: .convertFromSnakeCase)
                // Another client's key: nothing of its answer, not even whether it is done.
                guard stored.client == idempotency.client else {
                    throw Refusal.idempotencyKeyInUse
                }
                guard stored.fingerprint == idempotency.fingerprint else {
                    throw Refusal.idempotencyKeyReused
                }
                guard let response = stored.response else {
                    throw Refusal.requestInProgress
                }
                return try await JSONDecoder().decode(R.self, from: Data(response.utf8)).renewed(
                    in: Transaction(db: db, engine: engine))
            }
            let result = try await work(db)
            let response = String(decoding: try JSONEncoder().encode(result.withoutSecrets), as: UTF8.self)
            try await db.raw(
                """
                UPDATE idempotency_keys SET response = \(bind: response)
                WHERE scope = \(bind: idempotency.scope) AND key = \(bind: idempotency.key)
                """
            ).run()
            return result
        }
    }

    /// As `once` below, for the application's use cases. `alone` promises that the work writes
    /// in one statement at most, conditional on what it read and followed by nothing that can
    /// throw (`Holds.isOneStatement`, `Appointments.confirm`): without a key it then runs
    /// without a transaction, on PostgreSQL saving BEGIN, COMMIT and their round trips, and is
    /// run again after a deadlock (the statement that lost wrote nothing). Work that writes in
    /// several statements must not pass it: they would not be atomic.
    public func once<R: Replayable>(
        _ idempotency: IdempotencyKey?, now: Date, alone: Bool = false,
        _ work: @escaping @Sendable (Transaction) async throws -> R
    ) async throws -> R {
        let engine = database.engine
        if idempotency == nil, alone, engine == .postgres {
            return try await database.writeAlone { db in try await work(Transaction(db: db, engine: engine)) }
        }
        return try await once(idempotency, now: now) { db in try await work(Transaction(db: db, engine: engine)) }
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
        let client: String?
    }
}

/// An answer a retry gets again. Its secrets are not kept with it (a copy of the database would
/// hand them out): `withoutSecrets` is what is stored, and `renewed` gives the retry fresh ones,
/// written where they are checked, in the retry's transaction. The secret of the first answer
/// then no longer works: the client that retried has the new one.
public protocol Replayable: Codable, Sendable {
    var withoutSecrets: Self { get }
    func renewed(in tx: Transaction) async throws -> Self
}

extension HoldReceipt: Replayable {
    public var withoutSecrets: HoldReceipt { HoldReceipt(hold: hold, token: "") }

    /// Only while the hold is still its maker's: not once used, lapsed, or handed to the person
    /// a third party booked it for (`InvitationStore.awaitPerson`).
    public func renewed(in tx: Transaction) async throws -> HoldReceipt {
        let handedOn: SQLQueryString =
            "state = 'active' AND NOT EXISTS (SELECT 1 FROM awaiting_people a WHERE a.hold_id = holds.id)"
        guard let token = try await Identifiers.freshToken(for: "holds", id: hold.id, if: handedOn, on: tx.db) else {
            throw Refusal.heldSecretGone
        }
        return HoldReceipt(hold: hold, token: token)
    }
}

extension ConfirmedBooking: Replayable {
    public var withoutSecrets: ConfirmedBooking { ConfirmedBooking(appointment: appointment, manageToken: "") }

    public func renewed(in tx: Transaction) async throws -> ConfirmedBooking {
        ConfirmedBooking(
            appointment: appointment,
            manageToken: try await Identifiers.freshToken(for: "appointments", id: appointment.id, on: tx.db) ?? "")
    }
}

extension Identifiers {
    /// A new secret for row `id` of `table` (holds or appointments), its digest written in place
    /// of the old one's: the old secret no longer works. Nil when the row does not meet `condition`.
    static func freshToken(
        for table: String, id: String, if condition: SQLQueryString = "1 = 1", on db: any SQLDatabase
    ) async throws -> String? {
        let token = token()
        let written = try await db.raw(
            """
            UPDATE \(unsafeRaw: table) SET token_hash = \(bind: hash(token)) WHERE id = \(bind: id) AND (\(condition))
            RETURNING id
            """
        ).first()
        return written == nil ? nil : token
    }
}

extension Array: Replayable where Element == ConfirmedBooking {
    public var withoutSecrets: [ConfirmedBooking] { map(\.withoutSecrets) }

    public func renewed(in tx: Transaction) async throws -> [ConfirmedBooking] {
        var renewed: [ConfirmedBooking] = []
        for booking in self { renewed.append(try await booking.renewed(in: tx)) }
        return renewed
    }
}

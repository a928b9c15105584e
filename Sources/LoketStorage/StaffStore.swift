import Foundation
import LoketDomain
import SQLKit

/// What a sign-in attempt needs to know about an account; the digest stays in this module's callers.
public struct StaffCredentials: Sendable {
    public let account: StaffAccount
    public let passwordHash: String
}

/// Staff accounts: created by the first-admin command or by an admin, never with a default
/// password; their credentials and sign-in bookkeeping, and the sign-in sessions of the web
/// pages (StaffStore+Sessions.swift).
public struct StaffStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Creates an account on its own (see `create(username:passwordHash:role:desk:now:in:)`).
    public func createStaff(
        username: String, passwordHash: String, role: StaffRole, desk: String?, now: Date
    ) async throws -> StaffAccount {
        try await database.write { tx in
            try await Self.create(
                username: username, passwordHash: passwordHash, role: role, desk: desk, now: now, in: tx)
        }
    }

    /// Creates an account in the use case's transaction; a username taken is refused, also when
    /// two admins create it at once (the unique username decides, not a read before).
    public static func create(
        username: String, passwordHash: String, role: StaffRole, desk: String?, now: Date, in tx: Transaction
    ) async throws -> StaffAccount {
        let id = Identifiers.make()
        let created = try await tx.db.raw(
            """
            INSERT INTO staff (id, username, password_hash, role, desk, created_at)
            VALUES (\(bind: id), \(bind: username), \(bind: passwordHash), \(bind: role.rawValue), \(bind: desk), \(bind: now.millis))
            ON CONFLICT (username) DO NOTHING RETURNING id
            """
        ).first()
        guard created != nil else { throw Refusal.usernameTaken(username) }
        return StaffAccount(id: id, username: username, role: role, desk: desk, active: true)
    }

    public func staffAccounts() async throws -> [StaffAccount] {
        try await database.session { db in
            try await db.raw("SELECT * FROM staff ORDER BY username").all().map { try StaffRow(decoding: $0).account }
        }
    }

    public func staffAccount(id: String) async throws -> StaffAccount? {
        try await database.session { db in
            try await db.raw("SELECT * FROM staff WHERE id = \(bind: id)").first().map {
                try StaffRow(decoding: $0).account
            }
        }
    }

    public func credentials(username: String) async throws -> StaffCredentials? {
        try await database.session { db in
            guard let row = try await db.raw("SELECT * FROM staff WHERE username = \(bind: username)").first() else {
                return nil
            }
            let stored = try StaffRow(decoding: row)
            return StaffCredentials(account: stored.account, passwordHash: stored.passwordHash)
        }
    }

    /// Changes an account's role, desk and whether it may sign in, in the use case's
    /// transaction; an account that may not sign in any more is signed out everywhere. False
    /// when the account had them already (the form sends them with every change of password).
    public static func update(
        id: String, role: StaffRole, desk: String?, active: Bool, in tx: Transaction
    ) async throws -> Bool {
        let before = try await tx.db.raw("SELECT * FROM staff WHERE id = \(bind: id)").first().map {
            try StaffRow(decoding: $0).account
        }
        guard let before, before.role != role || before.desk != desk || before.active != active else { return false }
        try await tx.db.raw(
            """
            UPDATE staff SET role = \(bind: role.rawValue), desk = \(bind: desk), active = \(bind: active ? 1 : 0) WHERE id = \(bind: id)
            """
        ).run()
        if !active { try await tx.db.raw("DELETE FROM web_sessions WHERE staff_id = \(bind: id)").run() }
        return true
    }

    /// Sets a new password, in the use case's transaction. Whoever knew the old one, or sat at a
    /// desk signed in with it, is out: the account's sessions end, and its lockout starts afresh.
    public static func setPassword(id: String, passwordHash: String, in tx: Transaction) async throws {
        guard
            let row = try await tx.db.raw(
                "UPDATE staff SET password_hash = \(bind: passwordHash) WHERE id = \(bind: id) RETURNING username"
            ).first()
        else { return }
        let username = try row.decode(column: "username", as: String.self)
        try await tx.db.raw("DELETE FROM web_sessions WHERE staff_id = \(bind: id)").run()
        try await tx.db.raw(
            "DELETE FROM sign_in_attempts WHERE key_hash = \(bind: SignInCounter.account(username: username).keyHash)"
        ).run()
    }

    /// A `staff` row.
    struct StaffRow: Decodable {
        let id: String, username: String, role: String, desk: String?, active: Int
        let passwordHash: String

        init(decoding row: any SQLRow) throws {
            self = try row.decode(model: StaffRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        }

        var account: StaffAccount {
            StaffAccount(
                id: id, username: username, role: StaffRole(rawValue: role) ?? .clerk, desk: desk, active: active != 0)
        }
    }
}

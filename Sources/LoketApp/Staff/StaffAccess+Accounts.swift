import Foundation
import LoketDomain
import LoketStorage

/// Staff accounts and signing in. Passwords are kept as bcrypt digests (cost 12), hashed and
/// checked by `PasswordHasher` on threads of their own.
extension StaffAccess {
    /// What a sign-in attempt came to. A wrong password, an unknown or inactive account and a
    /// lockout give the one answer `refused`, so that none of them tells a guesser anything.
    public enum SignIn: Sendable {
        case signedIn(StaffAccount)
        case refused
    }

    /// `actor` (nil: the command line) creates an account; a wrong username, short password or
    /// missing desk is refused by field.
    @discardableResult
    public func createStaff(
        username: String, password: String, role: StaffRole, desk: String?, by actor: String?
    ) async throws -> StaffAccount {
        guard StaffAccount.validUsername(username) else {
            throw Refusal.invalid(
                "username", "invalid", "A username has 3 to 40 lower-case letters, digits, dots or dashes.")
        }
        try Self.checkLength(password)
        if let desk, network.desk(desk) == nil {
            throw Refusal(.notFound, field: "desk", code: "unknown_desk", "There is no desk \(desk).")
        }
        guard role == .admin || desk != nil else {
            throw Refusal.invalid("desk", "required", "Clerks and desk managers work at a desk; choose one.")
        }
        let hash = try await passwordHasher.hash(password)
        let now = now()
        // The account and its audit entry in one transaction.
        return try await database.write { tx in
            let account = try await StaffStore.create(
                username: username, passwordHash: hash, role: role, desk: desk, now: now, in: tx)
            try await AuditLog.append(
                AuditEntry(
                    at: now, staff: actor, action: .staffCreated, target: account.id, desk: desk, detail: role.rawValue),
                in: tx)
            return account
        }
    }

    public func staffAccounts() async throws -> [StaffAccount] { try await staffStore.staffAccounts() }

    public func staffAccount(id: String) async throws -> StaffAccount? { try await staffStore.staffAccount(id: id) }

    /// `actor` changes an account's role, desk, whether it may sign in and, when given, its
    /// password: all of it with its audit entries (one for what changed) in one transaction, or
    /// nothing. An inactive account's sessions end at once (every page looks the account up),
    /// and so do they with a new password.
    public func updateStaff(
        id: String, role: StaffRole, desk: String?, active: Bool, password: String? = nil, by actor: String
    ) async throws {
        guard role == .admin || desk != nil else {
            throw Refusal.invalid("desk", "required", "Clerks and desk managers work at a desk; choose one.")
        }
        if let password { try Self.checkLength(password) }
        // Hashed before the transaction: bcrypt takes a good part of a second, and the hasher
        // may refuse when it is busy with sign-ins.
        let hash = try await password.asyncMap { try await passwordHasher.hash($0) }
        let now = now()
        try await database.write { tx in
            if try await StaffStore.update(id: id, role: role, desk: desk, active: active, in: tx) {
                try await AuditLog.append(
                    AuditEntry(
                        at: now, staff: actor, action: .staffUpdated, target: id, desk: desk,
                        detail: "\(role.rawValue)\(active ? "" : ", inactive")"), in: tx)
            }
            if let hash {
                try await StaffStore.setPassword(id: id, passwordHash: hash, in: tx)
                try await AuditLog.append(
                    AuditEntry(at: now, staff: actor, action: .passwordReset, target: id, desk: nil), in: tx)
            }
        }
    }

    private static func checkLength(_ password: String) throws(Refusal) {
        guard password.count >= StaffAccount.minimumPasswordLength else {
            throw Refusal.invalid(
                "password", "too_short", "A password has at least \(StaffAccount.minimumPasswordLength) characters.")
        }
    }

    /// Checks the password of `username`, signing in from `client` (its address). The attempt
    /// is counted against the address and the account before the password is checked, so a
    /// burst of guesses cannot get past the lockout; and every attempt costs one bcrypt check,
    /// against a decoy digest when there is no account or a lock, so that the answer and the time
    /// it takes are the same for an unknown name, a wrong password and a locked account.
    public func signIn(username: String, password: String, client: String) async throws -> SignIn {
        let now = now()
        // The address's rate first, then a flood is turned away before it is counted, so that
        // it cannot lock anyone out.
        try context.admit(.signIns, client: client)
        try passwordHasher.checkRoom()
        let credentials = try await staffStore.credentials(username: username).flatMap {
            $0.account.active ? $0 : nil
        }
        // An address that is locked does not count against the account, and the account is
        // locked only for the address that guessed (from anywhere it slows down instead): one
        // guesser must not keep its owner out.
        let pair = StaffStore.SignInCounter.accountFromAddress(username: username, address: client)
        var open = try await staffStore.countSignInAttempt(.address(client), throttle: .address, now: now)
        if open { open = try await staffStore.countSignInAttempt(pair, throttle: .accountFromAddress, now: now) }
        if open {
            open = try await staffStore.countSignInAttempt(.account(username: username), throttle: .account, now: now)
        }
        let right = try await passwordHasher.verify(password, hash: open ? credentials?.passwordHash : nil)
        guard right, let account = credentials?.account else {
            metrics.signIns(outcome: open ? "refused" : "locked").increment()
            return .refused
        }
        try await staffStore.signInSucceeded(.account(username: username), throttle: .account, now: now)
        try await staffStore.signInSucceeded(pair, throttle: .accountFromAddress, now: now)
        try await staffStore.signInSucceeded(.address(client), throttle: .address, now: now)
        metrics.signIns(outcome: "signed_in").increment()
        try await audit(.signIn, by: account.id, target: account.id, desk: account.desk)
        return .signedIn(account)
    }

    // MARK: Sessions

    /// Keeps a signed-in session of `staff`; the database keeps only a digest of its key.
    public func putSession(key: String, value: String, staff: String?, expires: Date?) async throws {
        try await staffStore.putSession(key: key, value: value, staff: staff, expires: expires, now: now())
    }

    /// The session, unless it has expired or lain unused for `StaffSessionLimits.idle`; looking
    /// it up counts as using it.
    public func session(key: String) async throws -> (value: String, expires: Date?)? {
        try await staffStore.session(key: key, now: now(), idle: StaffSessionLimits.idle)
    }

    public func removeSession(key: String) async throws { try await staffStore.removeSession(key: key) }
}

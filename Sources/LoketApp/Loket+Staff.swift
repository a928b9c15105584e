import Foundation
import HummingbirdBcrypt
import LoketDomain
import NIOPosix

/// Staff accounts and signing in. Passwords are kept as bcrypt digests (cost 12), hashed and
/// checked on NIO's thread pool so that the event loops keep serving.
extension Loket {
    /// What a sign-in attempt came to.
    public enum SignIn: Sendable {
        case signedIn(StaffAccount)
        case refused
        case locked(until: Date)
    }

    /// `actor` (nil: the command line) creates an account; a wrong username, short password or
    /// missing desk is refused by field.
    @discardableResult
    public func createStaff(
        username: String, password: String, role: StaffRole, desk: String?, by actor: String?
    ) async throws -> StaffAccount {
        guard StaffAccount.validUsername(username) else {
            throw BookingError.invalid(
                "username", "invalid", "A username has 3 to 40 lower-case letters, digits, dots or dashes.")
        }
        guard password.count >= StaffAccount.minimumPasswordLength else {
            throw BookingError.invalid(
                "password", "too_short", "A password has at least \(StaffAccount.minimumPasswordLength) characters.")
        }
        if let desk, network.desk(desk) == nil {
            throw BookingError(.notFound, field: "desk", code: "unknown_desk", "There is no desk \(desk).")
        }
        guard role == .admin || desk != nil else {
            throw BookingError.invalid("desk", "required", "Clerks and desk managers work at a desk; choose one.")
        }
        let account = try await staffStore.createStaff(
            username: username, passwordHash: try await Self.hash(password), role: role, desk: desk, now: now())
        try await audit(.staffCreated, by: actor, target: account.id, desk: desk, detail: role.rawValue)
        return account
    }

    public func staffAccounts() async throws -> [StaffAccount] { try await staffStore.staffAccounts() }

    public func staffAccount(id: String) async throws -> StaffAccount? { try await staffStore.staffAccount(id: id) }

    /// Changes an account's role, desk and whether it may sign in; an inactive account's
    /// sessions end at once, since every page looks the account up. `actor` made the change.
    public func updateStaff(id: String, role: StaffRole, desk: String?, active: Bool, by actor: String) async throws {
        guard role == .admin || desk != nil else {
            throw BookingError.invalid("desk", "required", "Clerks and desk managers work at a desk; choose one.")
        }
        try await staffStore.updateStaff(id: id, role: role, desk: desk, active: active)
        try await audit(
            .staffUpdated, by: actor, target: id, desk: desk, detail: "\(role.rawValue)\(active ? "" : ", inactive")")
    }

    /// `actor` sets a new password for account `id`.
    public func setStaffPassword(id: String, password: String, by actor: String) async throws {
        guard password.count >= StaffAccount.minimumPasswordLength else {
            throw BookingError.invalid(
                "password", "too_short", "A password has at least \(StaffAccount.minimumPasswordLength) characters.")
        }
        try await staffStore.setStaffPassword(id: id, passwordHash: try await Self.hash(password))
        try await audit(.passwordReset, by: actor, target: id, desk: nil)
    }

    /// Checks the password, counting failures towards a lockout. Unknown usernames cost the
    /// same bcrypt work as known ones, so timing does not tell them apart.
    public func signIn(username: String, password: String) async throws -> SignIn {
        let now = now()
        guard let credentials = try await staffStore.credentials(username: username), credentials.account.active else {
            _ = try await Self.verify(password, hash: Self.decoyHash)
            return .refused
        }
        if let until = credentials.lockedUntil, until > now { return .locked(until: until) }
        guard try await Self.verify(password, hash: credentials.passwordHash) else {
            if let until = try await staffStore.recordFailedSignIn(
                staff: credentials.account.id, throttle: SignInThrottle(), now: now)
            {
                return .locked(until: until)
            }
            return .refused
        }
        try await staffStore.recordSignIn(staff: credentials.account.id)
        try await audit(
            .signIn, by: credentials.account.id, target: credentials.account.id, desk: credentials.account.desk)
        return .signedIn(credentials.account)
    }

    // MARK: Sessions

    /// Keeps a signed-in session; the database keeps only a digest of its key.
    public func putSession(key: String, value: String, expires: Date?) async throws {
        try await staffStore.putSession(key: key, value: value, expires: expires)
    }

    public func session(key: String) async throws -> (value: String, expires: Date?)? {
        try await staffStore.session(key: key, now: now())
    }

    public func removeSession(key: String) async throws { try await staffStore.removeSession(key: key) }

    static func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: 12) }
    }

    static func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// A bcrypt digest of nothing anyone knows, for timing-equal refusals.
    static let decoyHash = Bcrypt.hash(UUID().uuidString + UUID().uuidString, cost: 12)
}

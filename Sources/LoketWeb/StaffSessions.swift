import Foundation
import Hummingbird
import HummingbirdAuth
import LoketApp
import LoketDomain

/// Hummingbird's key-value store interface over Loket's own database, so that hummingbird-auth's
/// `SessionStorage` keeps staff sessions where every server process can see them.
struct DatabasePersistDriver: PersistDriver {
    let loket: Loket

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        if try await loket.staff.session(key: key) != nil { throw PersistError.duplicate }
        try await set(key: key, value: value, expires: expires)
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let json = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        var until = expires.map { loket.now().addingTimeInterval(TimeInterval($0.components.seconds)) }
        if until == nil { until = try await loket.staff.session(key: key)?.expires }
        // The account goes beside the value, so that a password reset can end its sessions.
        try await loket.staff.putSession(
            key: key, value: json, staff: (value as? StaffSession)?.staffID, expires: until)
    }

    func get<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> Object? {
        guard let stored = try await loket.staff.session(key: key) else { return nil }
        do { return try JSONDecoder().decode(type, from: Data(stored.value.utf8)) } catch {
            throw PersistError.invalidConversion
        }
    }

    func remove(key: String) async throws { try await loket.staff.removeSession(key: key) }
}

/// A signed-in member of staff, as kept in the session.
struct StaffSession: Codable, Sendable {
    let staffID: String
}

/// Signing staff in and out, and the check in front of every staff page: the session cookie
/// here, the password check and lockout in the application layer.
struct StaffGate: Sendable {
    let loket: Loket
    let sessions: SessionStorage<StaffSession>
    /// At most a work day; half an hour unused ends it sooner (`StaffSessionLimits`).
    static let sessionLength: Duration = .seconds(StaffSessionLimits.length)

    init(loket: Loket, secureCookies: Bool) {
        self.loket = loket
        self.sessions = SessionStorage(
            DatabasePersistDriver(loket: loket),
            configuration: .init(
                sessionCookieParameters: .init(
                    name: "loket_staff", path: "/", secure: secureCookies, sameSite: .strict), keyPrefix: "staff."))
    }

    /// The signed-in, active account, or nil.
    func account(_ request: Request) async throws -> StaffAccount? {
        guard let session = try? await sessions.load(request: request) else { return nil }
        guard let account = try await loket.staff.staffAccount(id: session.staffID), account.active else { return nil }
        return account
    }

    enum SignIn {
        case signedIn(StaffAccount, Cookie)
        case refused
    }

    /// Checks the password of a sign-in from `client` and, when it is right, starts a session.
    func signIn(username: String, password: String, client: String) async throws -> SignIn {
        switch try await loket.staff.signIn(username: username, password: password, client: client) {
        case .signedIn(let account):
            let cookie = try await sessions.save(
                session: StaffSession(staffID: account.id), expiresIn: Self.sessionLength)
            return .signedIn(account, cookie)
        case .refused: return .refused
        }
    }

    func signOut(_ request: Request) async throws -> Cookie? {
        try? await sessions.delete(request: request)
    }
}

import Foundation
import Hummingbird
import HummingbirdAuth
import HummingbirdBcrypt
import LoketDomain
import LoketHTTP
import LoketStorage
import NIOPosix

/// Hummingbird's key-value store interface over Loket's own database, so that hummingbird-auth's
/// `SessionStorage` keeps staff sessions where every server process can see them.
struct DatabasePersistDriver: PersistDriver {
    let store: BookingStore
    let now: @Sendable () -> Date

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        if try await store.session(key: key, now: now()) != nil { throw PersistError.duplicate }
        try await set(key: key, value: value, expires: expires)
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let json = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        var until = expires.map { now().addingTimeInterval(TimeInterval($0.components.seconds)) }
        if until == nil { until = try await store.session(key: key, now: now())?.expires }
        try await store.putSession(key: key, value: json, expires: until)
    }

    func get<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> Object? {
        guard let stored = try await store.session(key: key, now: now()) else { return nil }
        do { return try JSONDecoder().decode(type, from: Data(stored.value.utf8)) } catch { throw PersistError.invalidConversion }
    }

    func remove(key: String) async throws { try await store.removeSession(key: key) }
}

/// A signed-in member of staff, as kept in the session.
struct StaffSession: Codable, Sendable {
    let staffID: String
}

/// Signing staff in and out, and the check in front of every staff page.
struct StaffGate: Sendable {
    let store: BookingStore
    let sessions: SessionStorage<StaffSession>
    let throttle: SignInThrottle
    let now: @Sendable () -> Date
    let secureCookies: Bool
    /// A work day; signing in again the next morning is expected.
    static let sessionLength: Duration = .seconds(8 * 3600)

    init(store: BookingStore, now: @escaping @Sendable () -> Date, secureCookies: Bool) {
        self.store = store
        self.now = now
        self.secureCookies = secureCookies
        self.throttle = SignInThrottle()
        self.sessions = SessionStorage(DatabasePersistDriver(store: store, now: now), configuration: .init(
            sessionCookieParameters: .init(name: "loket_staff", path: "/", secure: secureCookies, sameSite: .strict), keyPrefix: "staff."))
    }

    /// The signed-in, active account, or nil.
    func account(_ request: Request) async throws -> StaffAccount? {
        guard let session = try? await sessions.load(request: request) else { return nil }
        guard let account = try await store.staffAccount(id: session.staffID), account.active else { return nil }
        return account
    }

    enum SignIn {
        case signedIn(StaffAccount, Cookie)
        case refused
        case locked(until: Date)
    }

    /// Checks the password (bcrypt, off the event loop), counting failures towards a lockout.
    /// Unknown usernames cost the same bcrypt work as known ones, so timing does not tell them apart.
    func signIn(username: String, password: String) async throws -> SignIn {
        let now = now()
        guard let credentials = try await store.credentials(username: username), credentials.account.active else {
            _ = try await Self.verify(password, hash: Self.decoyHash)
            return .refused
        }
        if let until = credentials.lockedUntil, until > now { return .locked(until: until) }
        guard try await Self.verify(password, hash: credentials.passwordHash) else {
            if let until = try await store.recordFailedSignIn(staff: credentials.account.id, throttle: throttle, now: now) {
                return .locked(until: until)
            }
            return .refused
        }
        try await store.recordSignIn(staff: credentials.account.id)
        let cookie = try await sessions.save(session: StaffSession(staffID: credentials.account.id), expiresIn: Self.sessionLength)
        return .signedIn(credentials.account, cookie)
    }

    func signOut(_ request: Request) async throws -> Cookie? {
        try? await sessions.delete(request: request)
    }

    static func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: 12) }
    }

    static func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// A bcrypt digest of nothing anyone knows, for timing-equal refusals.
    static let decoyHash = Bcrypt.hash(WebRequest.randomToken(), cost: 12)
}

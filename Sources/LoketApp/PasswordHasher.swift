import Foundation
import HummingbirdBcrypt
import LoketDomain
import NIOPosix
import Synchronization

/// bcrypt on threads of its own, with room for `capacity` passwords at a time (running or
/// waiting). bcrypt is slow on purpose; on the thread pool every SQLite statement uses, a flood
/// of sign-ins would delay every booking. Here a flood waits for these threads, and beyond
/// `capacity` is turned away at once.
public final class PasswordHasher: Sendable {
    /// One thread: a quarter-second hash at a time leaves the other cores to the bookings.
    public static let shared = PasswordHasher(threads: 1, capacity: 16, cost: 12)

    let pool: NIOThreadPool
    let capacity: Int
    /// bcrypt's work factor: 2^cost rounds.
    let cost: Int
    /// A digest of nothing anyone knows, at the cost of real ones.
    let decoyHash: String
    private let admitted = Mutex(0)

    /// A hasher with threads of its own that live as long as the process: make few, and keep them.
    public init(threads: Int, capacity: Int, cost: Int) {
        self.pool = NIOThreadPool(numberOfThreads: threads)
        self.pool.start()
        self.capacity = capacity
        self.cost = cost
        self.decoyHash = Bcrypt.hash(UUID().uuidString + UUID().uuidString, cost: UInt8(cost))
    }

    /// How many passwords are being hashed or waiting to be.
    var inUse: Int { admitted.withLock { $0 } }

    /// Refuses with 503 when there is no room for another password just now.
    func checkRoom() throws(Refusal) {
        guard inUse < capacity else { throw Refusal.busySigningIn }
    }

    /// Runs `work` on the hasher's threads, or refuses with 503 when `capacity` are admitted.
    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        let capacity = self.capacity
        let admittedNow = admitted.withLock { count in
            guard count < capacity else { return false }
            count += 1
            return true
        }
        guard admittedNow else { throw Refusal.busySigningIn }
        defer { admitted.withLock { $0 -= 1 } }
        return try await pool.runIfActive(work)
    }

    func hash(_ password: String) async throws -> String {
        let cost = UInt8(self.cost)
        return try await run { Bcrypt.hash(password, cost: cost) }
    }

    /// Checks `password` against `hash`, or against a digest nobody knows when `hash` is nil: the
    /// same work either way, so the time taken does not tell whether there was an account.
    func verify(_ password: String, hash: String?) async throws -> Bool {
        let decoy = decoyHash
        return try await run { Bcrypt.verify(password, hash: hash ?? decoy) && hash != nil }
    }
}

extension Refusal {
    static let busySigningIn = Refusal(
        .unavailable, field: "password", code: "busy", "Too many sign-ins at once; try again in a minute.")
}

import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import Testing

/// The audit log (`AuditLog`), on a real SQLite file and a real PostgreSQL server: an entry is
/// written with its action's transaction or not at all, read back oldest first with the acting
/// account's username, and counted per action, target and time.
@Suite(.timeLimit(.minutes(3))) struct AuditLogTests {
    struct RolledBack: Error {}

    /// Entries written in a transaction and on their own are read back with every field, oldest
    /// first from a time on, with the username of the account that acted (none for the command
    /// line).
    @Test(arguments: TestDatabase.engines)
    func entriesAreReadBackOldestFirstWithTheUsername(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let log = AuditLog(database: store.database)
            let clock = ManualClock(date: "2022-06-01")
            let account = try await StaffStore(database: store.database).createStaff(
                username: "balie", passwordHash: "x", role: .clerk, desk: "TS", now: clock.now)
            let checkIn = AuditEntry(
                at: ManualClock(date: "2022-06-01", time: "09:00").now, staff: account.id, action: .checkIn,
                target: "a-1", desk: "TS", detail: "counter 2")
            let created = AuditEntry(
                at: ManualClock(date: "2022-06-01", time: "08:30").now, staff: nil, action: .staffCreated,
                target: account.id, desk: nil, detail: nil)
            let earlier = AuditEntry(
                at: ManualClock(date: "2022-05-31").now, staff: account.id, action: .signIn, target: nil, desk: nil)
            try await store.database.write { tx in try await AuditLog.append(checkIn, in: tx) }
            try await log.append(created)
            try await log.append(earlier)
            let entries = try await log.entries(since: ManualClock(date: "2022-06-01", time: "08:30").now)
            #expect(entries.map(\.entry) == [created, checkIn])
            #expect(entries.map(\.username) == [nil, "balie"])
            #expect(try await log.entries(since: ManualClock(date: "2022-05-31").now).map(\.entry).first == earlier)
            #expect(try await log.entries(since: ManualClock(date: "2022-06-01", time: "09:01").now).isEmpty)
        }
    }

    /// An entry written in a transaction that rolls back is gone with it.
    @Test(arguments: TestDatabase.engines)
    func anEntryGoesWithItsRolledBackTransaction(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let now = ManualClock(date: "2022-06-01").now
            let entry = AuditEntry(at: now, staff: "s-1", action: .urgentBooking, target: "a-1", desk: "TS")
            await #expect(throws: RolledBack.self) {
                try await store.database.write { tx in
                    try await AuditLog.append(entry, in: tx)
                    throw RolledBack()
                }
            }
            let written = try await AuditLog(database: store.database).entries(since: now)
            #expect(written.isEmpty)
        }
    }

    /// The count takes only entries of the action, about the target, at or after the time.
    @Test(arguments: TestDatabase.engines)
    func entriesAreCountedPerActionTargetAndTime(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let log = AuditLog(database: store.database)
            let at = { (time: String) in ManualClock(date: "2022-06-01", time: time).now }
            let entries: [(time: String, action: AuditAction, target: String)] = [
                ("09:00", .documentHandoverRefused, "d-1"), ("09:10", .documentHandoverRefused, "d-1"),
                ("09:20", .documentHandoverRefused, "d-1"), ("09:10", .documentHandoverRefused, "d-2"),
                ("09:10", .documentHandover, "d-1"),
            ]
            for entry in entries {
                try await log.append(
                    AuditEntry(
                        at: at(entry.time), staff: "s-1", action: entry.action, target: entry.target, desk: "TS",
                        detail: "vNumber"))
            }
            #expect(try await log.count(.documentHandoverRefused, target: "d-1", since: at("09:00")) == 3)
            #expect(try await log.count(.documentHandoverRefused, target: "d-1", since: at("09:10")) == 2)
            #expect(try await log.count(.documentHandoverRefused, target: "d-1", since: at("09:21")) == 0)
            #expect(try await log.count(.documentHandoverRefused, target: "d-2", since: at("09:00")) == 1)
            #expect(try await log.count(.documentHandover, target: "d-1", since: at("09:00")) == 1)
            #expect(try await log.count(.documentHandoverOverride, target: "d-1", since: at("09:00")) == 0)
        }
    }
}

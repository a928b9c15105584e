import Foundation
import LoketDomain
import LoketStorage

/// The database could not be reached in time (storage's `DatabaseUnavailable`): the channels
/// answer `503` with `Retry-After`, and nothing was written.
public typealias ServiceUnavailable = DatabaseUnavailable

/// The database refuses writes just now (storage's `DatabaseReadOnly`): reads are served, and
/// the channels answer a write with `503` and `Retry-After`; nothing was written.
public typealias ServiceReadOnly = DatabaseReadOnly

extension Operations {
    /// The database refused a write and the sweep's probe has not found writes working since:
    /// the pages say that only viewing works.
    public var writesRefused: Bool { database.refusesWrites }
}

/// Keeping the service running: health, the metrics page, the sweep of lapsed holds and offers.
extension Operations {
    /// The database engine's name, known without asking the database.
    public var engineName: String { database.engine.rawValue }

    /// Why this server should not be sent requests now, or nil when it is ready: it is draining
    /// (stopping), the database does not answer in time, or it lacks this release's migrations.
    public func notReadyBecause() async -> String? {
        if isDraining { return "draining" }
        do {
            guard try await database.isMigrated() else { return "migrations" }
        } catch {
            return "database"
        }
        return nil
    }

    /// The server is stopping: `/ready` says so, so that a load balancer sends its requests
    /// elsewhere while the ones in flight finish.
    public func startDraining() { draining.start() }

    public var isDraining: Bool { draining.isOn }

    /// The Prometheus text of `/metrics`; the gauges are read afresh when `gaugeSchedule` says so.
    /// The outbox gauge is one count, read every time.
    public func metricsText() async throws -> [UInt8] {
        metrics.outboxPending.set(Int64(try await outboxStore.pendingMessages()))
        if gaugeSchedule.due(generation: generations.network(), now: now()) {
            for (desk, product, _, slots) in try await availability.horizonSlots(rules: rules) {
                metrics.freeCapacity(desk: desk.code, product: product.key).set(
                    Int64(slots.reduce(0) { $0 + $1.available }))
            }
        }
        return metrics.registry.emitToBuffer()
    }

    /// Takes in other servers' desk changes, ends waitlist entries past their last day, lapsed
    /// offers and expired holds, and wakes the matcher for what they freed; run every second
    /// (`backgroundServices`).
    public func sweep() async throws {
        // While the database refuses writes, find out first whether it still does.
        if database.refusesWrites { try await database.probeWrites() }
        try await deskDay.reloadDeskChanges()
        try await waitlist.endPastEntries()
        try await waitlist.lapseOffers()
        let desks = try await booking.releaseExpiredHolds()
        if !desks.isEmpty { metrics.holdsExpired.increment(by: Int64(desks.count)) }
        context.matcherWakeUp.signal()
    }

    /// Forgets what must not linger: idempotency answers older than a day (they carry manage
    /// tokens), ended staff sessions, old sign-in counters, and waitlist places of people whose
    /// invitation ended. Run at start and hourly (`backgroundServices`).
    public func forgetStale() async throws {
        try await context.idempotency.forgetKeys(before: now().addingTimeInterval(-86_400))
        try await staffStore.forgetExpiredSessions(now: now(), idle: StaffSessionLimits.idle)
        try await staffStore.forgetSignInAttempts(now: now())
        // Last: the secrets above are forgotten even if this fails.
        try await invitations.endUninvitedWaiting()
    }
}

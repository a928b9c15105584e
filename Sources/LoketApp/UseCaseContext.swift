import Foundation
import Logging
import LoketDomain
import LoketStorage

/// What every area's use cases share: the clock, the rules in force, the database with its
/// idempotency answers, the fair-access limiter and the checks made before a booking, the
/// metrics, and what is done after a commit (the capacity announcement, the matcher's wake-up).
/// A class: every area holds it, and an area is copied on every `loket.booking…`.
final class UseCaseContext: Sendable {
    let database: Database
    let idempotency: Idempotency
    let live: LiveRules
    /// The injected clock.
    let now: @Sendable () -> Date
    let metrics: LoketMetrics
    let limiter: ClientLimiter
    /// The one announcement of a capacity change: this server's caches, then the other servers.
    let capacityChanges: CapacityChanges
    /// Wakes the waitlist matcher's `PeriodicService` when a request has freed capacity.
    let matcherWakeUp: WakeUp
    /// Whether and when customer messages are written to the outbox; nil writes none.
    let outbox: OutboxSettings?
    /// The keys that sign and open the manage links in customer email.
    let links: ManageLinkKeys
    let usageCache: UsageCache
    let invitationStore: InvitationStore
    let birthDateMisses: BirthDateMisses
    /// Staff actions, each written in the transaction that makes it where there is one.
    let auditLog: AuditLog
    let logger: Logger

    init(
        database: Database, idempotency: Idempotency, live: LiveRules, now: @escaping @Sendable () -> Date,
        metrics: LoketMetrics, limiter: ClientLimiter, capacityChanges: CapacityChanges, matcherWakeUp: WakeUp,
        outbox: OutboxSettings?, links: ManageLinkKeys, usageCache: UsageCache, invitationStore: InvitationStore,
        birthDateMisses: BirthDateMisses, auditLog: AuditLog, logger: Logger
    ) {
        self.database = database
        self.idempotency = idempotency
        self.live = live
        self.now = now
        self.metrics = metrics
        self.limiter = limiter
        self.capacityChanges = capacityChanges
        self.matcherWakeUp = matcherWakeUp
        self.outbox = outbox
        self.links = links
        self.usageCache = usageCache
        self.invitationStore = invitationStore
        self.birthDateMisses = birthDateMisses
        self.auditLog = auditLog
        self.logger = logger
    }

    /// The booking rules in force: the desk network file with the desk managers' changes.
    var rules: BookingRules { live.rules }
    var network: DeskNetwork { rules.network }
    /// Today at the desks (Amsterdam time).
    var today: LocalDate { DeskTime(now(), timeZone: rules.timeZone).date }

    /// What draws withhold from first-come booking of `product` at `desk`.
    func withholding(desk: String?, product: String?) async throws -> DrawWithholding {
        guard let desk, let product, rules.network.desk(desk) != nil else { return .none }
        return try await usageCache.withholding(desk: desk)[product] ?? .none
    }

    /// Free slots for a checked query: those anyone may book first-come, or (`urgent`) those
    /// partners and staff may book from the urgent reserve, which draws do not withhold.
    func freeSlots(
        desk: Desk, product: Product, persons: Int, dates: ClosedRange<LocalDate>, assistance: Bool = false,
        urgent: Bool = false, rules: BookingRules? = nil
    ) async throws -> [Slot] {
        let rules = rules ?? self.rules
        let now = now()
        let today = DeskTime(now, timeZone: rules.timeZone).date
        let read = try await usageCache.read(desk: desk.code, dates: today...rules.horizon(from: today))
        return rules.freeSlots(
            desk: desk, product: product, persons: persons, dates: dates, now: now, usage: read.usage,
            assistance: assistance, urgent: urgent, withheld: urgent ? .none : read.withholding[product.key] ?? .none)
    }
}

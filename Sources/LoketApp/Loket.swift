import Foundation
import LoketDomain
import LoketStorage
import Logging

/// Loket's application layer: one method per use case, and each the only way that use case
/// happens, whichever channel asks (JSON API, planner API, partner API, web pages, CLI).
///
/// A rule that must hold on every channel is written here once; so are the metrics, the
/// announcement that capacity changed (to this server's caches and the others') and the
/// waitlist matcher that offers freed capacity. Time comes from the injected clock `now`.
public struct Loket: Sendable {
    let live: LiveRules
    let store: BookingStore
    let database: Database
    let logger: Logger
    /// The injected clock.
    public let now: @Sendable () -> Date
    let generations: CapacityGenerations
    let usageCache: UsageCache
    public let metrics: LoketMetrics
    /// How long a waitlist offer lasts.
    let offerDuration: TimeInterval
    /// The rules for reusing biometrics (`biometrics-policy.yaml`).
    public let biometricsPolicy: BiometricsPolicy

    /// A Loket on `database` (already migrated) with the options `loket serve` was given.
    public init(options: ServerOptions, database: Database, logger: Logger, metrics: LoketMetrics = LoketMetrics()) {
        let generations = CapacityGenerations()
        let outbox = options.mail.map { OutboxSettings(reminderLead: $0.reminderLead) }
        // The store announces every capacity change to the other servers itself; here it
        // reaches this server's caches.
        let store = BookingStore(database: database, logger: logger, outbox: outbox) { desk in generations.bump(desk) }
        self.live = LiveRules(network: options.network, holdMinutes: options.holdMinutes)
        self.store = store
        self.database = database
        self.logger = logger
        self.now = options.now
        self.generations = generations
        self.usageCache = UsageCache(store: store, generations: generations, now: options.now)
        self.metrics = metrics
        self.offerDuration = options.offerDuration
        self.biometricsPolicy = options.biometricsPolicy
    }

    /// The booking rules in force: the desk network file with the desk managers' changes.
    public var rules: BookingRules { live.rules }
    public var network: DeskNetwork { rules.network }
    /// Today at the desks (Amsterdam time).
    public var today: LocalDate { DeskTime(now(), timeZone: rules.timeZone).date }

    /// Moves whenever capacity at `desk` changes, here or on another server: what a cached
    /// answer about that desk remembers to know when it is stale.
    public func capacityGeneration(desk: String) -> UInt64 { generations.current(desk) }
}

import Foundation
import Logging
import LoketDomain
import LoketStorage

/// Loket's application layer: one method per use case, and each the only way that use case
/// happens, whichever channel asks (JSON API, planner API, partner API, web pages, CLI).
///
/// A rule that must hold on every channel is written here once; so are the metrics, the
/// announcement that capacity changed (to this server's caches and the others') and the
/// wake-up of the waitlist matcher that offers freed capacity. Time comes from the injected clock `now`.
public struct Loket: Sendable {
    let live: LiveRules
    let capacityStore: CapacityStore
    let appointmentStore: AppointmentStore
    let waitlistStore: WaitlistStore
    let partnerStore: PartnerStore
    let deskDayStore: DeskDayStore
    let deskChangeStore: DeskChangeStore
    let staffStore: StaffStore
    let outboxStore: OutboxStore
    let idempotencyStore: Idempotency
    let auditLog: AuditLog
    let purgeStore: PurgeStore
    let drawStore: DrawStore
    let documentStore: DocumentStore
    let invitationStore: InvitationStore
    let birthDateMisses: BirthDateMisses
    let serviceClientStore: ServiceClientStore
    let biometricRecordStore: BiometricRecordStore
    let measurementStore: MeasurementStore
    let forecastRunStore: ForecastRunStore
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
    let limiter = ClientLimiter()
    let gaugeSchedule = GaugeSchedule()
    let historyGeneration = HistoryGeneration()
    let passwordHasher: PasswordHasher
    /// Wakes the waitlist matcher's `PeriodicService` when a request has freed capacity.
    let matcherWakeUp = WakeUp()
    /// Set when the server starts to stop (`startDraining`).
    let draining = Draining()

    /// A Loket on `database` (already migrated) with the options `loket serve` was given.
    public init(options: ServerOptions, database: Database, logger: Logger, metrics: LoketMetrics = LoketMetrics()) {
        let generations = CapacityGenerations()
        let outbox = options.mail.map { OutboxSettings(reminderLead: $0.reminderLead) }
        // The one announcement of a capacity change, given to every store that changes
        // capacity: this server's caches, then the other servers.
        let changes = CapacityChanges(database: database) { change in generations.bump(change) }
        let capacityStore = CapacityStore(database: database)
        self.live = LiveRules(network: options.network, holdMinutes: options.holdMinutes)
        self.capacityStore = capacityStore
        self.appointmentStore = AppointmentStore(
            database: database, logger: logger, outbox: outbox, capacityChanges: changes,
            links: options.manageLinkKeys)
        self.waitlistStore = WaitlistStore(database: database, logger: logger, outbox: outbox, capacityChanges: changes)
        self.partnerStore = PartnerStore(database: database, logger: logger, outbox: outbox, capacityChanges: changes)
        self.deskDayStore = DeskDayStore(database: database, outbox: outbox, capacityChanges: changes)
        self.deskChangeStore = DeskChangeStore(database: database, capacityChanges: changes)
        self.staffStore = StaffStore(database: database)
        self.outboxStore = OutboxStore(database: database)
        self.idempotencyStore = Idempotency(database: database)
        self.auditLog = AuditLog(database: database)
        self.purgeStore = PurgeStore(database: database)
        let drawStore = DrawStore(database: database, logger: logger, outbox: outbox, capacityChanges: changes)
        self.drawStore = drawStore
        self.documentStore = DocumentStore(
            database: database, logger: logger, outbox: outbox, capacityChanges: changes, links: options.manageLinkKeys)
        self.invitationStore = InvitationStore(database: database, links: options.manageLinkKeys)
        self.birthDateMisses = BirthDateMisses(database: database)
        self.serviceClientStore = ServiceClientStore(database: database)
        self.biometricRecordStore = BiometricRecordStore(database: database)
        self.measurementStore = MeasurementStore(database: database)
        self.forecastRunStore = ForecastRunStore(database: database)
        self.database = database
        self.logger = logger
        self.now = options.now
        self.generations = generations
        self.usageCache = UsageCache(
            capacity: capacityStore, draws: drawStore, generations: generations, now: options.now)
        self.metrics = metrics
        self.offerDuration = options.offerDuration
        self.biometricsPolicy = options.biometricsPolicy
        self.passwordHasher = options.passwordHasher
    }

    /// The booking rules in force: the desk network file with the desk managers' changes.
    public var rules: BookingRules { live.rules }
    public var network: DeskNetwork { rules.network }
    /// Today at the desks (Amsterdam time).
    public var today: LocalDate { deskTime.date }
    /// The date and time of day at the desks now.
    public var deskTime: DeskTime { DeskTime(now(), timeZone: rules.timeZone) }

    /// Moves whenever capacity at `desk` changes, here or on another server: what a cached
    /// answer about that desk remembers to know when it is stale.
    public func capacityGeneration(desk: String) -> UInt64 { generations.current(desk) }
    /// Moves whenever capacity anywhere in the network changes.
    public func capacityGeneration() -> UInt64 { generations.network() }
}

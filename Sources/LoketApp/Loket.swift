import Foundation
import Logging
import LoketDomain
import LoketStorage

/// Loket's application layer, and its composition root: one method per use case, and each the
/// only way that use case happens, whichever channel asks (JSON API, planner API, partner API,
/// web pages, CLI).
///
/// The use cases are grouped by area: `booking` (`Booking`), `partners` (`Partners`) and
/// `waitlist` (`Waitlist`) are area types of their own, whose use cases own their transaction; the other areas are still methods
/// in `Loket+…` files. A rule that must hold on every channel is written once; so are the
/// metrics, the announcement that capacity changed (to this server's caches and the others') and
/// the wake-up of the waitlist matcher that offers freed capacity (`UseCaseContext`). Time comes
/// from the injected clock `now`.
public struct Loket: Sendable {
    /// What every area's use cases share.
    let context: UseCaseContext
    /// Holding a slot, confirming it, looking an appointment up, cancelling and moving it.
    public let booking: Booking
    /// Partner organisations, their quotas and their batches of bookings.
    public let partners: Partners
    /// Joining the waitlist, answering its offers, and the matcher that makes them.
    public let waitlist: Waitlist
    let capacityStore: CapacityStore
    let appointmentStore: AppointmentStore
    let waitlistStore: WaitlistStore
    let deskDayStore: DeskDayStore
    let deskChangeStore: DeskChangeStore
    let staffStore: StaffStore
    let outboxStore: OutboxStore
    let auditLog: AuditLog
    let purgeStore: PurgeStore
    let drawStore: DrawStore
    let documentStore: DocumentStore
    let serviceClientStore: ServiceClientStore
    let biometricRecordStore: BiometricRecordStore
    let measurementStore: MeasurementStore
    let forecastRunStore: ForecastRunStore
    let generations: CapacityGenerations
    /// The rules for reusing biometrics (`biometrics-policy.yaml`).
    public let biometricsPolicy: BiometricsPolicy
    let gaugeSchedule = GaugeSchedule()
    let historyGeneration = HistoryGeneration()
    let passwordHasher: PasswordHasher
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
        let drawStore = DrawStore(database: database, logger: logger)
        let context = UseCaseContext(
            database: database, idempotency: Idempotency(database: database),
            live: LiveRules(network: options.network, holdMinutes: options.holdMinutes), now: options.now,
            metrics: metrics, limiter: ClientLimiter(), capacityChanges: changes, matcherWakeUp: WakeUp(),
            outbox: outbox, links: options.manageLinkKeys,
            usageCache: UsageCache(
                capacity: capacityStore, draws: drawStore, generations: generations, now: options.now),
            invitationStore: InvitationStore(database: database, links: options.manageLinkKeys),
            birthDateMisses: BirthDateMisses(database: database), logger: logger)
        let appointmentStore = AppointmentStore(database: database, links: options.manageLinkKeys)
        self.context = context
        self.booking = Booking(context: context, store: appointmentStore)
        self.capacityStore = capacityStore
        self.appointmentStore = appointmentStore
        let waitlistStore = WaitlistStore(database: database)
        self.waitlistStore = waitlistStore
        self.waitlist = Waitlist(
            context: context, store: waitlistStore, appointments: appointmentStore, offerDuration: options.offerDuration
        )
        self.partners = Partners(context: context, store: PartnerStore(database: database))
        self.deskDayStore = DeskDayStore(database: database)
        self.deskChangeStore = DeskChangeStore(database: database)
        self.staffStore = StaffStore(database: database)
        self.outboxStore = OutboxStore(database: database)
        self.auditLog = AuditLog(database: database)
        self.purgeStore = PurgeStore(database: database)
        self.drawStore = drawStore
        self.documentStore = DocumentStore(database: database, logger: logger, links: options.manageLinkKeys)
        self.serviceClientStore = ServiceClientStore(database: database)
        self.biometricRecordStore = BiometricRecordStore(database: database)
        self.measurementStore = MeasurementStore(database: database)
        self.forecastRunStore = ForecastRunStore(database: database)
        self.generations = generations
        self.biometricsPolicy = options.biometricsPolicy
        self.passwordHasher = options.passwordHasher
    }

    /// The injected clock.
    public var now: @Sendable () -> Date { context.now }
    public var metrics: LoketMetrics { context.metrics }
    var live: LiveRules { context.live }
    var database: Database { context.database }
    var logger: Logger { context.logger }
    var limiter: ClientLimiter { context.limiter }
    var matcherWakeUp: WakeUp { context.matcherWakeUp }
    var usageCache: UsageCache { context.usageCache }
    var idempotencyStore: Idempotency { context.idempotency }
    var invitationStore: InvitationStore { context.invitationStore }
    var birthDateMisses: BirthDateMisses { context.birthDateMisses }

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

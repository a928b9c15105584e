import Foundation
import Logging
import LoketDomain
import LoketStorage

/// Loket's application layer, and its composition root: the use cases, grouped by area, each
/// the only way that use case happens, whichever channel asks (JSON API, planner API, partner
/// API, web pages, CLI): `loket.booking.confirm(…)`.
///
/// Each area is a type of its own (`Booking`, `Waitlist`, `Draws`, …) whose use cases own their
/// transaction. They share `UseCaseContext`: a rule that must hold on every channel is written
/// once; so are the metrics, the announcement that capacity changed (to this server's caches
/// and the others') and the wake-up of the waitlist matcher that offers freed capacity. Time
/// comes from the injected clock `now`.
/// A class: pages and routes reach it on every request, and a copy of a struct of twelve areas
/// cost a few hundred reference counts each time.
public final class Loket: Sendable {
    /// What every area's use cases share.
    let context: UseCaseContext
    /// Holding a slot, confirming it, looking an appointment up, cancelling and moving it.
    public let booking: Booking
    /// Free slots and the published waiting times.
    public let availability: Availability
    /// Partner organisations, their quotas and their batches of bookings.
    public let partners: Partners
    /// Joining the waitlist, answering its offers, and the matcher that makes them.
    public let waitlist: Waitlist
    /// Entering draws, the draw modes, opening and allocating draws.
    public let draws: Draws
    /// Residence documents from registration to handover or delivery.
    public let documents: Documents
    /// Whether biometrics are needed, and the captures recorded.
    public let biometrics: Biometrics
    /// Invitations to book, and bookings that await a person's details.
    public let invitations: Invitations
    /// The agenda, check-in, calls and visits, and the desk managers' changes.
    public let deskDay: DeskDay
    /// Staff accounts, sign-in and sessions, the audit log, service clients.
    public let staff: StaffAccess
    /// The measured history and the forecasts made from it.
    public let forecasts: Forecasts
    /// Readiness, draining, metrics, the sweep, the purge and `loket verify`.
    public let operations: Operations
    let appointmentStore: AppointmentStore
    let documentStore: DocumentStore
    let outboxStore: OutboxStore
    let generations: CapacityGenerations

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
                readUsage: { try await capacityStore.usage(desk: $0, dates: $1) }, draws: drawStore,
                generations: generations, now: options.now),
            invitationStore: InvitationStore(database: database, links: options.manageLinkKeys),
            birthDateMisses: BirthDateMisses(database: database), auditLog: AuditLog(database: database),
            logger: logger)
        let appointmentStore = AppointmentStore(database: database, links: options.manageLinkKeys)
        let documentStore = DocumentStore(database: database, logger: logger, links: options.manageLinkKeys)
        let waitlistStore = WaitlistStore(database: database)
        let staffStore = StaffStore(database: database)
        let outboxStore = OutboxStore(database: database)
        let booking = Booking(context: context, store: appointmentStore)
        let availability = Availability(context: context, capacityStore: capacityStore)
        let waitlist = Waitlist(
            context: context, store: waitlistStore, appointments: appointmentStore, offerDuration: options.offerDuration
        )
        let deskDay = DeskDay(
            context: context, deskDayStore: DeskDayStore(database: database),
            deskChangeStore: DeskChangeStore(database: database), generations: generations)
        let invitations = Invitations(
            context: context, waitlistStore: waitlistStore, booking: booking, waitlist: waitlist)
        self.context = context
        self.booking = booking
        self.availability = availability
        self.waitlist = waitlist
        self.partners = Partners(context: context, store: PartnerStore(database: database))
        self.draws = Draws(
            context: context, drawStore: drawStore, capacityStore: capacityStore, appointmentStore: appointmentStore,
            availability: availability)
        self.documents = Documents(
            context: context, documentStore: documentStore, appointmentStore: appointmentStore)
        self.biometrics = Biometrics(
            context: context, biometricRecordStore: BiometricRecordStore(database: database),
            biometricsPolicy: options.biometricsPolicy)
        self.invitations = invitations
        self.deskDay = deskDay
        self.staff = StaffAccess(
            context: context, staffStore: staffStore, serviceClientStore: ServiceClientStore(database: database),
            passwordHasher: options.passwordHasher)
        self.forecasts = Forecasts(
            context: context, measurementStore: MeasurementStore(database: database),
            forecastRunStore: ForecastRunStore(database: database), historyGeneration: HistoryGeneration(),
            availability: availability, documents: documents)
        self.operations = Operations(
            context: context, outboxStore: outboxStore, staffStore: staffStore,
            purgeStore: PurgeStore(database: database), biometricsPolicy: options.biometricsPolicy,
            gaugeSchedule: GaugeSchedule(), draining: Draining(), booking: booking, waitlist: waitlist,
            availability: availability, deskDay: deskDay, invitations: invitations, generations: generations)
        self.appointmentStore = appointmentStore
        self.documentStore = documentStore
        self.outboxStore = outboxStore
        self.generations = generations
    }

    /// The injected clock.
    public var now: @Sendable () -> Date { context.now }
    public var metrics: LoketMetrics { context.metrics }
    var database: Database { context.database }
    var logger: Logger { context.logger }
    var matcherWakeUp: WakeUp { context.matcherWakeUp }
    var invitationStore: InvitationStore { context.invitationStore }

    /// The booking rules in force: the desk network file with the desk managers' changes.
    public var rules: BookingRules { context.rules }
    public var network: DeskNetwork { rules.network }
    /// Today at the desks (Amsterdam time).
    public var today: LocalDate { context.today }

    /// Moves whenever capacity at `desk` changes, here or on another server: what a cached
    /// answer about that desk remembers to know when it is stale.
    public func capacityGeneration(desk: String) -> UInt64 { generations.current(desk) }
}

import Foundation
import Hummingbird
import LoketConfig
import LoketDomain
import LoketNotifications
import LoketStorage
import Logging
import ServiceLifecycle

/// Everything `loket serve` needs to know, with the defaults a fresh machine gets.
public struct ServerOptions: Sendable {
    public var hostname = "127.0.0.1"
    public var port = 8080
    public var network: DeskNetwork
    /// Overrides the network file's hold time.
    public var holdMinutes: Int?
    /// How often expired holds are swept; a hold's capacity is back at most this long after it lapses.
    public var sweepInterval: Duration = .seconds(1)
    /// The clock; tests pass a fixed or manual one.
    public var now: @Sendable () -> Date = { Date() }
    /// The rules for reusing biometrics (`biometrics-policy.yaml`).
    public var biometricsPolicy: BiometricsPolicy
    /// Customer email: where it goes and from whom; nil sends none.
    public var mail: MailOptions?
    /// The address customers reach Loket at, for links in messages.
    public var publicURL = "http://127.0.0.1:8080"
    /// How long a waitlist offer is kept for the person it is offered to.
    public var offerDuration: TimeInterval = 2 * 3600

    public init(network: DeskNetwork, biometricsPolicy: BiometricsPolicy? = nil) {
        self.network = network
        // The shipped policy is part of the build; failing to read it is a broken build.
        self.biometricsPolicy = biometricsPolicy ?? (try! BiometricsPolicyFile.loadBundled())
    }
}

/// How customer email is sent.
public struct MailOptions: Sendable {
    public var transport: any MailTransport
    public var from: String
    /// How long before the appointment the reminder goes; nil for none.
    public var reminderLead: TimeInterval?

    public init(transport: any MailTransport, from: String, reminderLead: TimeInterval?) {
        self.transport = transport
        self.from = from
        self.reminderLead = reminderLead
    }
}

/// The pieces of a running Loket, kept together so that tests can reach the service directly.
public struct Loket {
    public let service: BookingService
    public let router: Router<BasicRequestContext>
    public let database: Database
    public let metrics: LoketMetrics
}

/// Routes another module adds beside the API on the same router and service: the web pages.
public typealias ExtraRoutes = @Sendable (Router<BasicRequestContext>, BookingService) -> Void

/// Builds the router with every route and middleware, on `database` (already migrated).
public func makeLoket(options: ServerOptions, database: Database, logger: Logger, extraRoutes: ExtraRoutes? = nil) -> Loket {
    let metrics = LoketMetrics()
    let service = BookingService(network: options.network, holdMinutes: options.holdMinutes,
                                 database: database, logger: logger, now: options.now, metrics: metrics,
                                 outbox: options.mail.map { OutboxSettings(reminderLead: $0.reminderLead) }, offerDuration: options.offerDuration)
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: MetricsMiddleware(metrics: metrics))
    router.add(middleware: SecurityHeaders())
    router.add(middleware: ErrorMiddleware())
    NetworkRoutes(service: service).add(to: router)
    SlotRoutes(service: service).add(to: router)
    BookingRoutes(service: service).add(to: router)
    CalendarRoutes(service: service).add(to: router)
    PlannerRoutes(service: service).add(to: router)
    BiometricsRoutes(service: service, policy: options.biometricsPolicy).add(to: router)
    PartnerRoutes(service: service).add(to: router)
    WaitlistRoutes(service: service).add(to: router)
    UrgentCapacityRoutes(service: service).add(to: router)
    ServiceRoutes(service: service, database: database).add(to: router)
    extraRoutes?(router, service)
    router.add(middleware: MethodNotAllowed(routes: router.routes)) // last: it sees only what no route matched
    return Loket(service: service, router: router, database: database, metrics: metrics)
}

/// The HTTP application with its background services: the hold sweeper, and on PostgreSQL the
/// listener that hears of capacity changes made by other servers.
public func buildApplication(options: ServerOptions, database: Database, logger: Logger,
                             extraRoutes: ExtraRoutes? = nil) -> some ApplicationProtocol {
    let loket = makeLoket(options: options, database: database, logger: logger, extraRoutes: extraRoutes)
    var services: [any Service] = [
        HoldSweeper(service: loket.service, interval: options.sweepInterval, logger: logger),
        DatabaseCloser(database: database),
    ]
    if database.engine == .postgres {
        services.append(CapacityListener(database: database, generations: loket.service.generations, logger: logger))
    }
    services.append(WebhookDispatcher(store: loket.service.store, now: options.now, logger: logger))
    if let mail = options.mail {
        let counter = loket.metrics.mailsSent
        services.append(MailDispatcher(store: loket.service.store, network: options.network, transport: mail.transport, from: mail.from,
                                       publicURL: options.publicURL, now: options.now, logger: logger, sent: { counter.increment() }))
    }
    return Application(router: loket.router,
                       configuration: .init(address: .hostname(options.hostname, port: options.port), serverName: "Loket"),
                       services: services, logger: logger)
}

/// Closes the database after the server has stopped taking requests.
struct DatabaseCloser: Service {
    let database: Database

    func run() async throws {
        try? await gracefulShutdown()
        await database.close()
    }
}

import ArgumentParser
import Foundation
import Hummingbird
import Logging
import LoketApp
import LoketHTTP
import LoketServer
import LoketStorage
import LoketWeb
import ServiceLifecycle

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the booking server: JSON API, planner-compatible API, metrics.",
        discussion: "Migrates the database first. Stops gracefully on SIGINT or SIGTERM.")

    @Option(help: "Address to listen on. Env: LOKET_HOSTNAME.")
    var hostname: String?

    @Option(help: "Port to listen on. Env: LOKET_PORT.")
    var port: Int?

    @Option(
        help:
            "The address customers reach Loket at, for links in email (default http://HOSTNAME:PORT). Env: LOKET_PUBLIC_URL."
    )
    var publicURL: String?

    @Option(help: "Minutes a hold keeps a slot; overrides the desk network file. Env: LOKET_HOLD_MINUTES.")
    var holdMinutes: Int?

    @Option(
        help: ArgumentHelp(
            "Tests and demonstrations: start the clock at this instant (ISO 8601, e.g. 2026-12-01T07:00:00Z); it runs on from there.",
            valueName: "instant"))
    var clockStart: String?

    @Option(
        name: .customLong("trusted-proxy"), parsing: .upToNextOption,
        help: ArgumentHelp(
            "Your own reverse proxies (addresses or CIDR networks): only from them is X-Forwarded-For believed when telling clients apart for the per-client limits.",
            valueName: "cidr"))
    var trustedProxies: [String] = []

    @Flag(
        help:
            "Serve /metrics on the main address too. It tells anyone, to the second, when capacity frees: only behind a proxy that keeps it from the public. Default: only on --metrics-address."
    )
    var publicMetrics = false

    @Option(
        help: ArgumentHelp(
            "On SIGTERM: seconds to go on serving while /ready answers 503, for a load balancer to notice. Env: LOKET_DRAIN_SECONDS.",
            valueName: "seconds"))
    var drainSeconds: Int?

    @Option(
        help: ArgumentHelp(
            "On SIGTERM: seconds, drain included, for requests in flight and background work to finish before they are cancelled. Env: LOKET_SHUTDOWN_GRACE.",
            valueName: "seconds"))
    var shutdownGrace: Int?

    @Option(
        help: ArgumentHelp(
            "Send traces of each request, its use case and its database work to this OpenTelemetry collector over OTLP/HTTP (e.g. http://127.0.0.1:4318). Off by default. Env: LOKET_OTLP_ENDPOINT.",
            valueName: "url"))
    var otlpEndpoint: String?

    @OptionGroup var common: DatabaseOptions
    @OptionGroup var server: ServerCommandOptions
    @OptionGroup var mail: MailCommandOptions

    func run() async throws {
        let shutdown = try shutdownTimes()
        let logger = try common.makeLogger()
        var options = try commandLineOptions()
        let limits = try server.limits()
        let metricsEndpoint = try server.metricsEndpoint()
        options.manageLinkKeys = try server.manageLinkKeys(database: common.resolvedDatabase, logger: logger)
        if let clockStart { options.now = try Self.clock(startingAt: clockStart) }
        options.publicURL = publicURL ?? environment("LOKET_PUBLIC_URL") ?? "http://\(options.hostname):\(options.port)"
        while options.publicURL.hasSuffix("/") { options.publicURL.removeLast() }
        let database = try await Database.open(common.resolvedDatabase, logger: logger)
        let loket: Loket
        let app: any Service
        let traces: (any Service)?
        do {
            let applied = try await database.migrate()
            logger.info(
                "database ready",
                metadata: ["engine": "\(database.engine.rawValue)", "migrationsApplied": "\(applied.count)"])
            // Before anything makes a span: the tracer is chosen once per process.
            traces = try (otlpEndpoint ?? environment("LOKET_OTLP_ENDPOINT")).map {
                try TraceExport.start(endpoint: $0, logger: logger)
            }
            loket = Loket(options: options, database: database, logger: logger)
            app = try application(
                loket: loket, options: options, limits: limits, metricsEndpoint: metricsEndpoint,
                traced: traces != nil, logger: logger)
        } catch {
            // Not served: the database closes here (once serving, the background services close it).
            await database.close()
            throw error
        }
        try await serve(app, loket: loket, traces: traces, shutdown: shutdown, logger: logger)
    }

    /// The drain and the grace period on SIGTERM (flags or environment), checked before anything
    /// is opened.
    func shutdownTimes() throws -> (drain: Int, grace: Int) {
        let drain = try drainSeconds ?? Self.seconds("LOKET_DRAIN_SECONDS") ?? 0
        let grace = try shutdownGrace ?? Self.seconds("LOKET_SHUTDOWN_GRACE") ?? 10
        guard drain >= 0, grace > drain else {
            throw ValidationError("--shutdown-grace must be longer than --drain-seconds, which is 0 or more")
        }
        return (drain, grace)
    }

    /// The server options the desk network, the flags and the environment set: where to listen,
    /// how long a hold lasts, which proxies to believe, and how to send mail.
    func commandLineOptions() throws -> ServerOptions {
        var options = ServerOptions(
            network: try common.loadNetwork(), biometricsPolicy: try common.loadBiometricsPolicy())
        options.hostname = hostname ?? environment("LOKET_HOSTNAME") ?? "127.0.0.1"
        if let text = environment("LOKET_PORT"), port == nil {
            guard let value = Int(text) else { throw ValidationError("LOKET_PORT: not a number") }
            options.port = value
        }
        options.port = port ?? options.port
        if let text = environment("LOKET_HOLD_MINUTES"), holdMinutes == nil {
            guard let value = Int(text), value > 0 else {
                throw ValidationError("LOKET_HOLD_MINUTES: not a positive number")
            }
            options.holdMinutes = value
        }
        if let holdMinutes {
            guard holdMinutes > 0 else { throw ValidationError("--hold-minutes must be positive") }
            options.holdMinutes = holdMinutes
        }
        do {
            _ = try TrustedProxies(cidrs: trustedProxies)
        } catch {
            throw ValidationError(error.description)
        }
        options.trustedProxies = trustedProxies
        options.mail = try mail.resolve()
        return options
    }

    /// A clock that starts at `clockStart` (ISO 8601) and runs on from there.
    static func clock(startingAt clockStart: String) throws -> @Sendable () -> Date {
        guard let start = ISO8601DateFormatter().date(from: clockStart) else {
            throw ValidationError("--clock-start: an ISO 8601 instant")
        }
        let began = ContinuousClock.now
        return {
            let elapsed = ContinuousClock.now - began
            return start.addingTimeInterval(
                Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
    }

    /// The HTTP server on the public address and, when asked for, the one that serves only
    /// `/metrics` on its own address.
    func application(
        loket: Loket, options: ServerOptions, limits: ConnectionLimits, metricsEndpoint: (host: String, port: Int)?,
        traced: Bool, logger: Logger
    ) throws -> some Service {
        let serverName = "Loket"
        let ready = ReadyAnswers(serverName: serverName)
        let proxies = try TrustedProxies(
            cidrs: options.trustedProxies, ipv6Prefix: options.network.fairness.clientLimits.ipv6PrefixLength)
        var app = Application(
            responder: HeadAsGet(
                Self.router(
                    loket: loket, proxies: proxies, servesMetrics: publicMetrics, ready: ready,
                    options: options, traced: traced
                ).buildResponder()),
            server: limits.server(answers: ready, proxies: proxies),
            configuration: .init(address: .hostname(options.hostname, port: options.port), serverName: serverName),
            services: loket.backgroundServices(options: options), logger: logger)
        if let metricsEndpoint {
            // Only the monitoring needs to reach this address; the public one no longer serves it.
            app.addServices(
                Application(
                    router: LoketAPI(loket: loket).metricsRouter(), server: limits.server,
                    configuration: .init(
                        address: .hostname(metricsEndpoint.host, port: metricsEndpoint.port), serverName: serverName),
                    logger: logger))
        }
        return app
    }

    /// Runs `app` with the drain and the trace exporter until SIGTERM or SIGINT, then stops
    /// within the grace period.
    func serve(
        _ app: any Service, loket: Loket, traces: (any Service)?, shutdown: (drain: Int, grace: Int), logger: Logger
    ) async throws {
        let (drain, grace) = shutdown
        // Stopping is bounded, even when the database is away: the process ends within the grace
        // period. Its last part (up to 3 s, at most half of what the drain leaves) is kept for
        // cancelling: whatever still runs then is cancelled (a query on a connection the database
        // dropped answers no cancellation), and when that is over the process ends all the same.
        let cancelling = min(3.0, Double(grace - drain) / 2)
        // The group stops its services last to first: the trace exporter goes last, with the
        // spans of the final requests.
        var group = ServiceGroupConfiguration(
            services: (traces.map { [.init(service: $0)] } ?? [])
                + [.init(service: app), .init(service: DrainService(loket: loket, seconds: drain))],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = .seconds(Double(grace) - cancelling)
        group.maximumCancellationDuration = .seconds(cancelling)
        try await ServiceGroup(configuration: group).run()
    }

    static func seconds(_ variable: String) throws -> Int? {
        guard let text = environment(variable) else { return nil }
        guard let value = Int(text) else { throw ValidationError("\(variable): not a number") }
        return value
    }

    /// One router for both channels: the API (with the middleware every response passes) and the
    /// pages. `traced`: a span for each request, recording the route, status and path, with the
    /// query's `token` redacted, and `back` (the language switch's way back, which carries the
    /// page's own query and so its token). (Answers sent before the router make none.)
    static func router(
        loket: Loket, proxies: TrustedProxies, servesMetrics: Bool, ready: ReadyAnswers, options: ServerOptions,
        traced: Bool = false
    ) -> Router<LoketRequestContext> {
        let router = Router(context: LoketRequestContext.self)
        router.add(middleware: ClientAddressMiddleware(proxies: proxies))
        if traced { router.add(middleware: TracingMiddleware(redactingQueryParameters: ["token", "back"])) }
        LoketAPI(loket: loket).add(to: router, servesMetrics: servesMetrics, ready: ready)
        WebApp(loket: loket, options: options, ready: ready).add(to: router)
        LoketAPI.refuseUnknownMethods(on: router)
        return router
    }
}

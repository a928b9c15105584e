import Hummingbird
import LoketApp
import LoketServer

/// The machine channels of Loket: the JSON API, the planner-compatible API, the partner API,
/// OpenAPI, health and metrics. Every route translates HTTP to one call of the application
/// layer and its answer back.
public struct LoketAPI: Sendable {
    let loket: Loket

    public init(loket: Loket) {
        self.loket = loket
    }

    /// Adds the API's routes and the middleware every response on `router` passes through
    /// (metrics, security headers, errors as JSON): the web pages on the same router get them too.
    /// Without `servesMetrics`, `/metrics` is left to `metricsRouter()` on an address of its own.
    /// The answers that pollers ask for again and again are published to `ready`, for a server
    /// that sends them without the router (`ConnectionLimits.server(answers:proxies:)`).
    public func add(
        to router: Router<LoketRequestContext>, servesMetrics: Bool = true,
        ready: ReadyAnswers = ReadyAnswers(maxEntries: 0)
    ) {
        // One cache for both slot-list formats, so that one generation counter serves them.
        let slotCache = SlotCache.slotLists()
        let answers = PublicAnswers.publicAnswers()
        router.add(middleware: RequestLog())
        router.add(middleware: MetricsMiddleware(metrics: loket.metrics))
        router.add(middleware: SecurityHeaders())
        router.add(middleware: ErrorMiddleware())
        NetworkRoutes(loket: loket).add(to: router)
        SlotRoutes(loket: loket, slotCache: slotCache, ready: ready).add(to: router)
        BookingRoutes(loket: loket).add(to: router)
        CalendarRoutes(loket: loket, answers: answers, ready: ready).add(to: router)
        OpenDataRoutes(loket: loket, answers: answers, ready: ready).add(to: router)
        PlannerRoutes(loket: loket, slotCache: slotCache, ready: ready).add(to: router)
        BiometricsRoutes(loket: loket).add(to: router)
        PartnerRoutes(loket: loket).add(to: router)
        WaitlistRoutes(loket: loket).add(to: router)
        DrawRoutes(loket: loket, answers: answers, ready: ready).add(to: router)
        DocumentRoutes(loket: loket).add(to: router)
        InvitationRoutes(loket: loket).add(to: router)
        CourierRoutes(loket: loket).add(to: router)
        UrgentCapacityRoutes(loket: loket).add(to: router)
        ServiceRoutes(loket: loket, ready: ready).add(to: router)
        if servesMetrics { ServiceRoutes(loket: loket, ready: ready).addMetrics(to: router) }
    }

    /// `/metrics` alone, for a separate address that only the monitoring can reach (and that
    /// needs no answers past the router).
    public func metricsRouter() -> Router<LoketRequestContext> {
        let router = Router(context: LoketRequestContext.self)
        router.add(middleware: SecurityHeaders())
        ServiceRoutes(loket: loket, ready: ReadyAnswers(maxEntries: 0)).addMetrics(to: router)
        return router
    }

    /// Answers a known path asked with a method it does not serve with `405` and `Allow`
    /// (instead of `404`). Call it last, once every route set is on `router`.
    public static func refuseUnknownMethods(on router: Router<LoketRequestContext>) {
        router.add(middleware: MethodNotAllowed(routes: router.routes))
    }
}

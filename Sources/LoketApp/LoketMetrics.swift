import Prometheus
import Synchronization

/// The counters Loket exports at `/metrics`, on one registry passed in rather than a global,
/// so that each test application has its own.
public struct LoketMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let holds: Counter
    let holdsRefused: Counter
    let holdsExpired: Counter
    public let bookings: Counter
    let cancellations: Counter
    let reschedules: Counter
    let mailsSent: Counter
    let outboxPending: Gauge
    let drawEntries: Counter
    let drawsAllocated: Counter
    let drawPlacesGiven: Counter
    let invitations: Counter
    let notInvited: Counter
    /// Every request's counter and histogram by route, method and status: found in a table
    /// rather than by the registry's label lookup (4% of a cached answer's time).
    private let routeHandles = RouteHandles()

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        func counter(_ name: String, _ help: String) -> Counter {
            registry.makeCounter(
                descriptor: .init(namespace: "loket", metricName: name, unitName: "total", helpText: help))
        }
        holds = counter("holds", "Slot holds taken.")
        holdsRefused = counter("holds_refused", "Hold requests refused because the slot was full.")
        holdsExpired = counter("holds_expired_desks", "Desks whose capacity came back from expired holds, per sweep.")
        bookings = counter("bookings", "Appointments confirmed.")
        cancellations = counter("cancellations", "Appointments cancelled.")
        reschedules = counter("reschedules", "Appointments moved to another slot.")
        mailsSent = counter("mails_sent", "Customer emails handed to the mail server.")
        drawEntries = counter("draw_entries", "Entries made in draws.")
        drawsAllocated = counter("draws_allocated", "Draws whose places were allocated.")
        drawPlacesGiven = counter("draw_places_given", "Appointments given out by draws.")
        invitations = counter("invitations", "People the case system invited to book.")
        notInvited = counter("not_invited", "Requests refused because a person named matched no invitation.")
        outboxPending = registry.makeGauge(
            descriptor: .init(
                namespace: "loket", metricName: "outbox", unitName: "pending",
                helpText: "Customer messages written but not yet sent."))
    }

    /// This week's collection wait at `desk` (working days from ready to the holder's hands), at
    /// the median (`0.5`) and the 90th percentile (`0.9`).
    func collectionWait(desk: String, quantile: String) -> Gauge {
        registry.makeGauge(
            descriptor: .init(
                namespace: "loket", metricName: "document_collection", unitName: "working_days",
                helpText: "This week's wait from a document's ready day to its holder's hands, per desk."),
            labels: [("desk", desk), ("quantile", quantile)])
    }

    /// Requests refused by a per-client limit, by the limit's name.
    func limitRefusals(_ rule: String) -> Counter {
        registry.makeCounter(
            descriptor: .init(
                namespace: "loket", metricName: "limit_refusals", unitName: "total",
                helpText: "Requests refused by a per-client fair-access limit, by limit."),
            labels: [("rule", rule)])
    }

    public func request(route: String, method: String, status: Int) -> Counter {
        let key = RouteHandles.Key(route: route, method: method, status: status)
        if let counter = routeHandles.counters.withLock({ $0[key] }) { return counter }
        let counter = makeRequestCounter(route: route, method: method, status: status)
        routeHandles.counters.withLock { $0[key] = counter }
        return counter
    }

    private func makeRequestCounter(route: String, method: String, status: Int) -> Counter {
        registry.makeCounter(
            descriptor: .init(
                namespace: "loket", subsystem: "http", metricName: "requests", unitName: "total",
                helpText: "HTTP requests by route, method and status."),
            labels: [("route", route), ("method", method), ("status", String(status))])
    }

    /// Staff sign-ins by outcome: `signed_in`, `refused` (a wrong password or no such account)
    /// or `locked` (refused by the lockout before the password was looked at).
    public func signIns(outcome: String) -> Counter {
        registry.makeCounter(
            descriptor: .init(
                namespace: "loket", metricName: "staff_sign_ins", unitName: "total",
                helpText: "Staff sign-in attempts by outcome."),
            labels: [("outcome", outcome)])
    }

    /// What counts a `GET` of `route` answered past the router as `MetricsMiddleware` counts
    /// the router's: its status (only 200 and 304 are sent that way, looked up once) and its time.
    public func pastTheRouter(route: String) -> @Sendable (_ status: Int, _ took: Duration) -> Void {
        let ok = request(route: route, method: "GET", status: 200)
        let notModified = request(route: route, method: "GET", status: 304)
        let latency = latency(route: route, method: "GET")
        return { status, took in
            (status == 304 ? notModified : ok).increment()
            latency.record(took)
        }
    }

    public func latency(route: String, method: String) -> DurationHistogram {
        let key = RouteHandles.Key(route: route, method: method, status: 0)
        if let histogram = routeHandles.histograms.withLock({ $0[key] }) { return histogram }
        let histogram = makeLatency(route: route, method: method)
        routeHandles.histograms.withLock { $0[key] = histogram }
        return histogram
    }

    private func makeLatency(route: String, method: String) -> DurationHistogram {
        registry.makeDurationHistogram(
            descriptor: .init(
                namespace: "loket", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                helpText: "HTTP request latency by route."),
            labels: [("route", route), ("method", method)],
            buckets: [
                .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5),
                .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                .milliseconds(250), .milliseconds(500), .seconds(1),
            ])
    }

    func freeCapacity(desk: String, product: String) -> Gauge {
        registry.makeGauge(
            descriptor: .init(
                namespace: "loket", metricName: "free_slot", unitName: "units",
                helpText: "Free one-person slot units within the booking horizon."),
            labels: [("desk", desk), ("product", product)])
    }
}

/// The per-route metric handles made so far. Routes are the router's patterns and methods a
/// fixed few (`MetricsMiddleware`), so the table is bounded; two requests making the same handle
/// at once get the registry's one handle.
private final class RouteHandles: Sendable {
    struct Key: Hashable {
        let route: String, method: String, status: Int
    }
    let counters = Mutex<[Key: Counter]>([:])
    let histograms = Mutex<[Key: DurationHistogram]>([:])
}

import Foundation
import Hummingbird
import LoketApp
import LoketServer

/// `GET /health` (alive), `GET /ready` (send me requests), `GET /metrics` (Prometheus text) and
/// `GET /openapi.json`.
struct ServiceRoutes {
    let loket: Loket
    let ready: ReadyAnswers

    static let openAPIDocument: ByteBuffer = {
        let url = Bundle.module.url(forResource: "openapi", withExtension: "json")!
        return ByteBuffer(bytes: (try? Data(contentsOf: url)) ?? Data("{}".utf8))
    }()

    func add(to router: Router<LoketRequestContext>) {
        // Alive: answered without the database, so that a process that runs is never taken for
        // a dead one while its database is away (`/ready` says that).
        let health = PublicAnswers(ttl: .infinity, maxEntries: 1)
        let engine = loket.operations.engineName
        router.get("/health") { request, context in
            let made = try await health.made("health", generation: 0, now: Date()) {
                try JSONBody.ready(["status": "ok", "database": engine])
            }
            return ready.send(
                made, of: health, to: request, context: context, canonical: request.canonicalTarget([:]),
                cacheControl: "no-store", metrics: loket.metrics,
                now: Date.init)
        }
        // Ready for requests: not stopping, the database answers in time, this release's
        // migrations applied. Asked of the database at most once a second, however many check.
        let readiness = ResponseCache<String, String?>(ttl: 1, stale: 0, maxEntries: 1)
        router.get("/ready") { _, _ in
            let reason = try await readiness.value("ready", generation: 0, now: loket.now()) {
                await loket.operations.notReadyBecause()
            }
            var headers: HTTPFields = [.cacheControl: "no-store"]
            if reason != nil { headers[.retryAfter] = "5" }
            return try JSONBody.response(
                reason.map { ["status": "not ready", "reason": $0] } ?? ["status": "ready"],
                status: reason == nil ? .ok : .serviceUnavailable, headers: headers)
        }
        router.get("/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: Self.openAPIDocument))
        }
    }

    /// The metrics text, made at most once a second however often it is scraped (Prometheus
    /// scrapes every 15 s or more; anyone else polling it must not cost a rendering each time).
    func addMetrics(to router: Router<LoketRequestContext>) {
        let text = PublicAnswers(ttl: 1, maxEntries: 1)
        router.get("/metrics") { request, context in
            // Wall time, not the service's clock: a scrape is about now, whatever the clock says.
            let made = try await text.made("metrics", generation: 0, now: Date()) {
                ReadyBody(
                    ByteBuffer(bytes: try await loket.operations.metricsText()),
                    contentType: "text/plain; version=0.0.4; charset=utf-8")
            }
            return ready.send(
                made, of: text, to: request, context: context, canonical: request.canonicalTarget([:]),
                cacheControl: "no-store", metrics: loket.metrics,
                now: Date.init)
        }
    }
}

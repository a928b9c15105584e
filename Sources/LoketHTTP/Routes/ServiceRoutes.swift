import Foundation
import Hummingbird
import LoketApp
import LoketServer

/// `GET /health`, `GET /metrics` (Prometheus text) and `GET /openapi.json`.
struct ServiceRoutes {
    let loket: Loket
    let ready: ReadyAnswers

    static let openAPIDocument: ByteBuffer = {
        let url = Bundle.module.url(forResource: "openapi", withExtension: "json")!
        return ByteBuffer(bytes: (try? Data(contentsOf: url)) ?? Data("{}".utf8))
    }()

    func add(to router: Router<LoketRequestContext>) {
        // The database is asked at most once a second, however many check: a health check must
        // not become a way to keep the database's one writer busy.
        let health = PublicAnswers(ttl: 1, stale: 0, maxEntries: 1)
        router.get("/health") { request, context in
            let made = try await health.made("health", generation: 0, now: Date()) {
                try JSONBody.ready(["status": "ok", "database": try await loket.health()])
            }
            return ready.send(
                made, of: health, to: request, context: context, canonical: request.canonicalTarget([:]),
                cacheControl: "no-store", metrics: loket.metrics,
                now: Date.init)
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
                    ByteBuffer(bytes: try await loket.metricsText()),
                    contentType: "text/plain; version=0.0.4; charset=utf-8")
            }
            return ready.send(
                made, of: text, to: request, context: context, canonical: request.canonicalTarget([:]),
                cacheControl: "no-store", metrics: loket.metrics,
                now: Date.init)
        }
    }
}

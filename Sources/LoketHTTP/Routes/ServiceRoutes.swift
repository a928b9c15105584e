import Foundation
import Hummingbird
import LoketApp
import LoketServer

/// `GET /health`, `GET /metrics` (Prometheus text) and `GET /openapi.json`.
struct ServiceRoutes {
    let loket: Loket

    static let openAPIDocument: ByteBuffer = {
        let url = Bundle.module.url(forResource: "openapi", withExtension: "json")!
        return ByteBuffer(bytes: (try? Data(contentsOf: url)) ?? Data("{}".utf8))
    }()

    func add(to router: Router<LoketRequestContext>) {
        router.get("/health") { _, _ in
            try JSONBody.response(["status": "ok", "database": try await loket.health()])
        }
        router.get("/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: Self.openAPIDocument))
        }
    }

    func addMetrics(to router: Router<LoketRequestContext>) {
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: try await loket.metricsText())))
        }
    }
}

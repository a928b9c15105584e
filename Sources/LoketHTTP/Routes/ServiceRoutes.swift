import Foundation
import Hummingbird
import LoketStorage

/// `GET /health`, `GET /metrics` (Prometheus text) and `GET /openapi.json`.
struct ServiceRoutes {
    let service: BookingService
    let database: Database

    static let openAPIDocument: ByteBuffer = {
        let url = Bundle.module.url(forResource: "openapi", withExtension: "json")!
        return ByteBuffer(bytes: (try? Data(contentsOf: url)) ?? Data("{}".utf8))
    }()

    func add(to router: Router<BasicRequestContext>) {
        router.get("/health") { _, _ in
            // Healthy means the database answers, not just that the process runs.
            _ = try await database.session { db in try await db.raw("SELECT 1 AS ok").first() }
            return try JSONBody.response(["status": "ok", "database": database.engine.rawValue])
        }
        router.get("/metrics") { _, _ in
            let today = service.today
            for desk in service.network.desks where !desk.isClosedForGood(on: today) {
                for key in desk.products {
                    guard let product = service.network.product(key) else { continue }
                    let slots = try await service.freeSlots(desk: desk, product: product, persons: 1,
                                                            dates: today...service.rules.horizon(from: today))
                    service.metrics.freeCapacity(desk: desk.code, product: key).set(Int64(slots.reduce(0) { $0 + $1.available }))
                }
            }
            service.metrics.outboxPending.set(Int64(try await service.store.pendingMessages()))
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: service.metrics.registry.emitToBuffer())))
        }
        router.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: Self.openAPIDocument))
        }
    }
}

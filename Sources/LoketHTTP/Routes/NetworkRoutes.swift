import Hummingbird
import LoketDomain

/// `GET /api/v1/desks`, `/api/v1/desks/{desk}` and `/api/v1/products`: the desk network as configured.
struct NetworkRoutes {
    let service: BookingService

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/v1/desks") { _, _ in
            let today = service.today
            return try JSONBody.response(["desks": service.network.desks.map { DeskResponse($0, today: today) }])
        }
        router.get("/api/v1/desks/{desk}") { _, context in
            let desk = try service.rules.desk(context.parameters.get("desk"))
            return try JSONBody.response(DeskResponse(desk, today: service.today))
        }
        router.get("/api/v1/products") { _, _ in
            let network = service.network
            let products = network.products.map { product in
                ProductResponse(key: product.key, nameNL: product.nameNL, nameEN: product.nameEN,
                                minutesPerPerson: product.minutesPerPerson,
                                desks: network.desks.filter { $0.offers(product.key) }.map(\.code))
            }
            return try JSONBody.response(["products": products])
        }
    }
}

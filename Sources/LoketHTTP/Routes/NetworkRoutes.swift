import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// `GET /api/v1/desks`, `/api/v1/desks/{desk}` and `/api/v1/products`: the desk network as configured.
struct NetworkRoutes {
    let loket: Loket

    func add(to router: Router<LoketRequestContext>) {
        router.get("/api/v1/desks") { _, _ in
            let today = loket.today
            return try JSONBody.response(["desks": loket.network.desks.map { DeskResponse($0, today: today) }])
        }
        router.get("/api/v1/desks/{desk}") { _, context in
            let desk = try loket.rules.desk(context.parameters.get("desk"))
            return try JSONBody.response(DeskResponse(desk, today: loket.today))
        }
        router.get("/api/v1/products") { _, _ in
            let network = loket.network
            let products = network.products.map { product in
                ProductResponse(
                    key: product.key, nameNL: product.nameNL, nameEN: product.nameEN,
                    minutesPerPerson: product.minutesPerPerson,
                    desks: network.desks.filter { $0.offers(product.key) }.map(\.code))
            }
            return try JSONBody.response(["products": products])
        }
    }
}

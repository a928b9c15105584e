import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// Draws at peak times: `GET /api/v1/draws?desk=&product=` (open and recent draws),
/// `GET /api/v1/draws/{id}`, `POST /api/v1/draws/{id}/entries` (one entry per person while the
/// window is open; answers the entry's token), `GET /api/v1/draws/{id}/entries/{entry}` (Bearer:
/// that token) and `GET /api/v1/draws/{id}/result` (seed, counts, allocation and its digest; no
/// personal data).
struct DrawRoutes {
    let loket: Loket
    let answers: PublicAnswers
    let ready: ReadyAnswers

    struct EntryRequest: Decodable {
        let vNumber: String?
        let persons: Int?
        let desks: [String]?
        let days: [String]?
        let customer: CustomerRequest?
    }

    struct DrawResponse: Encodable {
        let id: String
        let desk: String
        let product: String
        let state: String
        /// Days whose capacity is drawn, and days whose urgent reserve is.
        let days: [LocalDate]
        let reserveDays: [LocalDate]
        let window: Window
        let places: Int

        struct Window: Encodable {
            let opensAt: Date
            let closesAt: Date
        }

        init(_ draw: Draw) {
            id = draw.id
            desk = draw.desk
            product = draw.product
            state = draw.state.rawValue
            days = draw.days
            reserveDays = draw.reserveDays
            window = Window(opensAt: draw.opensAt, closesAt: draw.closesAt)
            places = draw.places
        }
    }

    struct DrawListResponse: Encodable {
        let draws: [DrawResponse]
    }

    struct EntryResponse: Encodable {
        let id: String
        let draw: String
        /// Only in the answer to the entry: the key to look it up (and, if not drawn, to the
        /// waitlist entry it becomes).
        let token: String?
        let status: String
        let persons: Int
        let desks: [String]
        let days: [LocalDate]
        let appointment: AppointmentResponse?
        let waitlistEntry: String?

        private enum CodingKeys: String, CodingKey {
            case id, draw, token, status, persons, desks, days, appointment, waitlistEntry
        }

        /// `appointment` and `waitlistEntry` are always present, null when there is none.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(draw, forKey: .draw)
            try c.encodeIfPresent(token, forKey: .token)
            try c.encode(status, forKey: .status)
            try c.encode(persons, forKey: .persons)
            try c.encode(desks, forKey: .desks)
            try c.encode(days, forKey: .days)
            try c.encode(appointment, forKey: .appointment)
            try c.encode(waitlistEntry, forKey: .waitlistEntry)
        }

        init(_ entry: DrawEntry, token: String? = nil, appointment: Appointment? = nil) {
            id = entry.id
            draw = entry.draw
            self.token = token
            status = entry.status.rawValue
            persons = entry.persons
            desks = entry.desks
            days = entry.days
            self.appointment = appointment.map { AppointmentResponse($0) }
            waitlistEntry = entry.waitlistEntry
        }
    }

    struct ResultResponse: Encodable {
        let id: String
        let desk: String
        let product: String
        let seed: String
        let places: Int
        let entries: Int
        let drawn: Int
        /// SHA-256 of the allocation text: one line per entry in draw order, `position`, `entry`
        /// and `slot` (or `-`) separated by tabs.
        let digest: String
        let allocation: [Place]

        struct Place: Encodable {
            let position: Int
            let entry: String
            let slot: String?
        }

        init(_ result: DrawResult) {
            id = result.draw.id
            desk = result.draw.desk
            product = result.draw.product
            seed = result.draw.seed ?? ""
            places = result.draw.places
            entries = result.entries
            drawn = result.drawn
            digest = result.digest
            allocation = result.allocation.map {
                Place(position: $0.position, entry: $0.entry, slot: $0.slot?.description)
            }
        }
    }

    func add(to router: Router<LoketRequestContext>) {
        router.get("/api/v1/draws") { request, context in
            let desk = request.query("desk")
            let product = request.query("product")
            let made = try await answers.made(
                "draws?\(desk ?? "")&\(product ?? "")", generation: PublicAnswers.everyMinute, now: loket.now()
            ) {
                try JSONBody.ready(
                    DrawListResponse(
                        draws: try await loket.draws.listed(desk: desk, product: product).map(DrawResponse.init)))
            }
            return ready.send(
                made, of: answers, to: request, context: context,
                // Only known desks and products: `?desk=AAA`, `?desk=AAB`… are not kept.
                canonical: desk.map { loket.network.desk($0) != nil } ?? true
                    && product.map { loket.network.product($0) != nil } ?? true
                    ? request.canonicalTarget(["desk": desk, "product": product]) : nil,
                cacheControl: PublicAnswers.cacheControl, metrics: loket.metrics, now: loket.now)
        }
        router.get("/api/v1/draws/{id}") { _, context in
            try JSONBody.response(DrawResponse(try await loket.draws.draw(id: try context.parameters.require("id"))))
        }
        router.post("/api/v1/draws/{id}/entries") { request, context in
            let id = try context.parameters.require("id")
            let body = try JSONBody.decode(EntryRequest.self, from: try await JSONBody.bytes(request))
            let entered = try await loket.draws.enter(
                id: id, vNumber: body.vNumber, persons: body.persons, desks: body.desks, days: body.days,
                customer: body.customer.map { c in Result { () throws(Refusal) in try c.validated() } }
                    ?? .failure(.invalid("customer", "required", "Give your details.")),
                client: context.client)
            return try JSONBody.response(
                EntryResponse(entered.entry, token: entered.token), status: .created,
                headers: [.location: "/api/v1/draws/\(id)/entries/\(entered.entry.id)"])
        }
        router.get("/api/v1/draws/{id}/entries/{entry}") { request, context in
            let (entry, appointment) = try await loket.draws.entry(
                draw: try context.parameters.require("id"), id: try context.parameters.require("entry"),
                token: request.bearerToken)
            return try JSONBody.response(EntryResponse(entry, appointment: appointment))
        }
        router.get("/api/v1/draws/{id}/result") { _, context in
            try JSONBody.response(
                ResultResponse(try await loket.draws.result(id: try context.parameters.require("id"))))
        }
    }
}

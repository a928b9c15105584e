import Foundation
import LoketDomain
import LoketTestSupport
import Testing

/// Per-client limits over real HTTP: each client (told apart by X-Forwarded-For from a trusted
/// proxy) has its own buckets and its own few holds; a refusal is 429 with Retry-After.
@Suite(.timeLimit(.minutes(3))) struct ClientLimitsAPITests {
    static let network = TestNetwork.single(
        counters: 50, limits: "{holds: {burst: 3, perMinute: 1}, slotReads: {burst: 2, perMinute: 60}}")

    static func from(_ address: String) -> [String: String] { ["X-Forwarded-For": address] }

    @Test func aClientKeepsTwoHoldsAtOnceAndMakesThemAtALimitedRate() async throws {
        try await TestServer.run(network: Self.network, trustedProxies: ["127.0.0.0/8"]) { server, api in
            func hold(_ slot: String, from address: String) async throws -> APIResponse {
                try await api.post(
                    "/api/v1/holds", #"{"desk":"RACE","product":"BIO","slot":"\#(slot)"}"#, headers: Self.from(address))
            }
            let first = try await hold("20220602-0900-one", from: "203.0.113.7")
            #expect(try await hold("20220602-0910-one", from: "203.0.113.7").status == 201)
            // A third hold while two are kept: refused until the first lapses (15 minutes).
            let third = try await hold("20220602-0920-one", from: "203.0.113.7")
            #expect(third.status == 429)
            #expect(third.errorField == "limit" && third.errorCode == "activeHolds")
            #expect(third.headers[.retryAfter] == "900")
            // Another client is not affected.
            #expect(try await hold("20220602-0920-one", from: "198.51.100.2").status == 201)

            // Confirming a hold frees its place; the rate then says no to the fourth within the minute.
            let confirmed = try await api.post(
                "/api/v1/appointments",
                #"{"hold":"\#(first.json["id"] as! String)","holdToken":"\#(first.json["token"] as! String)","customer":\#(BookingAPITests.customer)}"#,
                headers: Self.from("203.0.113.7"))
            #expect(confirmed.status == 201)
            let fourth = try await hold("20220603-0900-one", from: "203.0.113.7")
            #expect(fourth.status == 429)
            #expect(fourth.errorCode == "holds")
            #expect(fourth.headers[.retryAfter] == "60")
            server.clock.advance(minutes: 1)
            #expect(try await hold("20220603-0900-one", from: "203.0.113.7").status == 201)

            let metrics = try await api.get("/metrics")
            #expect(metrics.body.contains(#"loket_limit_refusals_total{rule="activeHolds"} 1"#))
            #expect(metrics.body.contains(#"loket_limit_refusals_total{rule="holds"} 1"#))
        }
    }

    /// The place among a client's holds is taken before the hold is written: holds asked for at
    /// once cannot all pass the count, and a hold that fails gives its place back.
    @Test(arguments: TestDatabase.engines)
    func tenHoldsAtOnceFromOneClientGiveTwo(engine: TestDatabase.Engine) async throws {
        let network = TestNetwork.single(counters: 50, limits: "{holds: {burst: 20, perMinute: 1}}")
        try await TestServer.run(engine: engine, network: network) { server, _ in
            let slots = ["0900", "0910", "0920"].flatMap { ["20220602-\($0)-one", "20220603-\($0)-one"] }
            let made = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        let held = try? await server.loket.booking.hold(
                            desk: "RACE", product: "BIO", persons: 1, slot: slots[index % slots.count],
                            client: "2001:db8::/64", idempotency: nil)
                        return held != nil
                    }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(made == 2)
            // A hold refused for another reason gives its place back: a third is still refused,
            // but after an unknown slot the two places are as they were.
            let failed = try? await server.loket.booking.hold(
                desk: "RACE", product: "BIO", persons: 1, slot: "20220602-0300-one", client: "192.0.2.1",
                idempotency: nil)
            #expect(failed == nil)
            for slot in ["20220602-0900-one", "20220602-0910-one"] {
                _ = try await server.loket.booking.hold(
                    desk: "RACE", product: "BIO", persons: 1, slot: slot, client: "192.0.2.1", idempotency: nil)
            }
        }
    }

    @Test func aVisitorWhoGoesBackAndChoosesAgainGivesTheOldestHoldBack() async throws {
        try await TestServer.run(network: Self.network) { server, _ in
            var held: [HoldReceipt] = []
            for slot in ["20220602-0900-one", "20220602-0910-one", "20220602-0920-one"] {
                held.append(
                    try await server.loket.booking.hold(
                        desk: "RACE", product: "BIO", persons: 1, slot: slot, client: "203.0.113.7",
                        replacingOldest: true, idempotency: nil))
            }
            #expect(try await server.loket.booking.hold(id: held[0].hold.id).state == .released)
            #expect(try await server.loket.booking.hold(id: held[1].hold.id).state == .active)
            #expect(try await server.loket.booking.hold(id: held[2].hold.id).state == .active)
        }
    }

    @Test func slotListsAreLimitedPerClientAndAForgedHeaderChangesNothing() async throws {
        // No trusted proxy: X-Forwarded-For is ignored, so both "clients" are 127.0.0.1.
        try await TestServer.run(network: Self.network) { _, api in
            let list = "/api/v1/desks/RACE/slots?product=BIO&from=2022-06-02&to=2022-06-02"
            #expect(try await api.get(list, headers: Self.from("203.0.113.1")).status == 200)
            #expect(try await api.get(list, headers: Self.from("203.0.113.2")).status == 200)
            let refused = try await api.get(list, headers: Self.from("203.0.113.3"))
            #expect(refused.status == 429)
            #expect(refused.errorCode == "slotReads")
            #expect(refused.headers[.retryAfter] == "1")
        }
    }

    @Test func behindATrustedProxyEachForwardedClientHasItsOwnBucket() async throws {
        try await TestServer.run(network: Self.network, trustedProxies: ["127.0.0.1"]) { _, api in
            let list = "/api/v1/desks/RACE/slots?product=BIO&from=2022-06-02&to=2022-06-02"
            func read(from address: String) async throws -> Int {
                try await api.get(list, headers: Self.from(address)).status
            }
            var statuses: [Int] = []
            for address in ["203.0.113.1", "203.0.113.1", "203.0.113.1", "203.0.113.2"] {
                statuses.append(try await read(from: address))
            }
            #expect(statuses == [200, 200, 429, 200])
            // A client cannot choose its address by prepending one: the last untrusted hop counts.
            let prepended = try await read(from: "192.0.2.9, 203.0.113.1")
            #expect(prepended == 429)
        }
    }

    /// A waitlist offer the matcher makes later is one of the joining client's active holds, and
    /// a browser's next hold does not give it back; accepting it frees the place.
    @Test(arguments: TestDatabase.engines)
    func aWaitlistOfferCountsAmongTheJoiningClientsHolds(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: Self.network) { server, _ in
            let loket = server.loket
            func person(_ name: String) -> Customer {
                Customer(
                    name: name, email: "\(name.lowercased())@example.nl", phone: nil,
                    vNumber: TestPeople.vNumber(name), language: .en)
            }
            var booked: [ConfirmedBooking] = []
            for (index, slot) in ["20220602-0900-one", "20220602-0910-one", "20220602-0920-one"].enumerated() {
                let held = try await loket.booking.hold(
                    desk: "RACE", product: "BIO", persons: 1, slot: slot, client: nil, idempotency: nil)
                booked.append(
                    try await loket.booking.confirm(
                        hold: held.hold.id, holdToken: held.token, customer: person("Booked\(index)"), client: nil,
                        idempotency: nil))
            }
            let customer = person("Waiting")
            let joined = try await loket.waitlist.join(
                desks: ["RACE"], product: "BIO", persons: 1, from: "2022-06-02", to: "2022-06-02",
                documentExpiresOn: nil, customer: .success(customer), appointment: nil, appointmentToken: nil,
                client: "203.0.113.7")
            _ = try await loket.booking.cancel(id: booked[0].appointment.id, token: booked[0].manageToken)
            #expect(try await loket.waitlist.matchFreedSlots() == 1)
            #expect(try await loket.waitlist.entry(id: joined.entry.id, token: joined.token).state == .offered)

            func hold(_ slot: String) async throws -> HoldReceipt {
                try await loket.booking.hold(
                    desk: "RACE", product: "BIO", persons: 1, slot: slot, client: "203.0.113.7",
                    replacingOldest: true, idempotency: nil)
            }
            // One place is the offer's: the next hold takes the other, and a browser's third
            // gives back that hold, not the offer.
            let second = try await hold("20220603-0900-one")
            let third = try await hold("20220603-0910-one")
            #expect(try await loket.booking.hold(id: second.hold.id).state == .released)
            #expect(try await loket.waitlist.entry(id: joined.entry.id, token: joined.token).state == .offered)
            // Through the API (no replacing), a further hold is refused while the offer stands.
            await #expect(throws: Refusal.self) {
                try await loket.booking.hold(
                    desk: "RACE", product: "BIO", persons: 1, slot: "20220603-0920-one", client: "203.0.113.7",
                    idempotency: nil)
            }
            _ = try await loket.waitlist.accept(entry: joined.entry.id, token: joined.token, client: "203.0.113.7")
            server.clock.advance(minutes: 1)
            let after = try await loket.booking.hold(
                desk: "RACE", product: "BIO", persons: 1, slot: "20220603-0920-one", client: "203.0.113.7",
                idempotency: nil)
            #expect(after.hold.state == .active)
            _ = third
        }
    }
}

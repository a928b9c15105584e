import Foundation
import LoketDomain
import LoketTestSupport
import Testing

/// A waitlist nobody can jump: anonymous joins wait in order of time on the list, urgency counts
/// only from a partner, one waiting entry per person, few desks, and entries end after their last day.
@Suite(.timeLimit(.minutes(3))) struct WaitlistFairnessAPITests {
    static func body(
        _ name: String, desks: String = #"["RACE"]"#, from: String = "2022-06-02", to: String = "2022-06-02",
        extra: String = ""
    ) -> String {
        #"{"desks":\#(desks),"product":"BIO","persons":1,"from":"\#(from)","to":"\#(to)","customer":\#(WaitlistAPITests.customer(name))\#(extra)}"#
    }

    static func position(_ api: APIClient, _ joined: APIResponse) async throws -> Int? {
        try await api.get(
            "/api/v1/waitlist/\(joined.json["id"] as! String)",
            headers: ["Authorization": "Bearer \(joined.json["token"] as! String)"]
        ).json["position"] as? Int
    }

    @Test(arguments: TestDatabase.engines)
    func aClaimNobodyVouchedForDoesNotMoveAnEntryUp(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: TestNetwork.single(counters: 1)) { server, api in
            _ = try await WaitlistAPITests.fillDay(api)
            let first = try await api.post("/api/v1/waitlist", Self.body("First"))
            server.clock.advance(minutes: 1)
            // Accepted, so that clients do not break, and ignored.
            let claiming = try await api.post(
                "/api/v1/waitlist", Self.body("Claiming", extra: #","urgent":true,"documentExpiresOn":"2022-06-01""#))
            #expect(claiming.status == 201, "\(claiming.body)")
            #expect(try await Self.position(api, first) == 1)
            #expect(try await Self.position(api, claiming) == 2)
            // A partner's word counts.
            let key = try await WaitlistAPITests.partnerKey(server)
            let vouched = try await api.post(
                "/api/v1/partner/waitlist", Self.body("Vouched", extra: #","urgent":{"reason":"jobAtRisk"}"#),
                headers: ["Authorization": "Bearer \(key)"])
            #expect(vouched.status == 201, "\(vouched.body)")
            #expect(try await Self.position(api, vouched) == 1)
            #expect(try await Self.position(api, first) == 2)
        }
    }

    @Test(arguments: [
        ("", #"{"reason":"jobAtRisk"}"#, 401, "Authorization"),
        ("key", #"{"reason":"because"}"#, 422, "urgent.reason"),
        ("key", #"{"reason":"other"}"#, 422, "urgent.note"),
    ])
    func aPartnerEntryNeedsTheKeyAndAReason(key: String, urgent: String, status: Int, field: String) async throws {
        try await TestServer.run(network: TestNetwork.single(counters: 1)) { server, api in
            let apiKey = key.isEmpty ? "wrong" : try await WaitlistAPITests.partnerKey(server)
            let response = try await api.post(
                "/api/v1/partner/waitlist", Self.body("Someone", extra: #","urgent":\#(urgent)"#),
                headers: ["Authorization": "Bearer \(apiKey)"])
            #expect(response.status == status)
            #expect(response.errorField == field, "\(response.body)")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aPersonWaitsInOneEntryPerProduct(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: TestNetwork.single(counters: 1)) { server, api in
            let first = try await api.post("/api/v1/waitlist", Self.body("Twice"))
            #expect(first.status == 201)
            let second = try await api.post("/api/v1/waitlist", Self.body("Twice", to: "2022-06-10"))
            #expect(second.status == 409)
            #expect(second.errorField == "customer.vNumber" && second.errorCode == "already_waiting")
            // Not through a partner either.
            let key = try await WaitlistAPITests.partnerKey(server)
            let viaPartner = try await api.post(
                "/api/v1/partner/waitlist", Self.body("Twice"), headers: ["Authorization": "Bearer \(key)"])
            #expect(viaPartner.errorCode == "already_waiting")
            #expect(try await Self.position(api, first) == 1)
            // Leaving frees the person to join again.
            let left = try await api.call(
                .delete, "/api/v1/waitlist/\(first.json["id"] as! String)",
                headers: ["Authorization": "Bearer \(first.json["token"] as! String)"])
            #expect(left.status == 204)
            #expect(try await api.post("/api/v1/waitlist", Self.body("Twice")).status == 201)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func concurrentJoinsForOnePersonMakeOneEntry(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: TestNetwork.single(counters: 1)) { _, api in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<6 { group.addTask { try await api.post("/api/v1/waitlist", Self.body("Racer")).status } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.sorted() == [201, 409, 409, 409, 409, 409])
        }
    }

    @Test func desksAreDeduplicatedAndCapped() async throws {
        try await TestServer.run(network: TestNetwork.single(counters: 1)) { _, api in
            let six = try await api.post(
                "/api/v1/waitlist", Self.body("Many", desks: #"["RACE","RACE","RACE","RACE","RACE","RACE"]"#))
            #expect(six.status == 422)
            #expect(six.errorField == "desks" && six.errorCode == "too_many")
            let twice = try await api.post("/api/v1/waitlist", Self.body("Many", desks: #"["RACE","RACE"]"#))
            #expect(twice.status == 201)
            #expect(twice.json["desks"] as? [String] == ["RACE"])
        }
    }

    @Test(arguments: TestDatabase.engines)
    func anEntryEndsAfterItsLastDay(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: TestNetwork.single(counters: 1)) { server, api in
            _ = try await WaitlistAPITests.fillDay(api)
            let joined = try await api.post("/api/v1/waitlist", Self.body("Brief"))
            server.clock.advance(minutes: 24 * 60)
            try await server.loket.operations.sweep()
            #expect(try await Self.position(api, joined) == 1, "the last day is today")
            server.clock.advance(minutes: 24 * 60)
            try await server.loket.operations.sweep()
            let view = try await api.get(
                "/api/v1/waitlist/\(joined.json["id"] as! String)",
                headers: ["Authorization": "Bearer \(joined.json["token"] as! String)"])
            #expect(view.json["state"] as? String == "expired")
            #expect(view.json["position"] is NSNull)
            let again = try await api.post("/api/v1/waitlist", Self.body("Brief", from: "2022-06-06", to: "2022-06-10"))
            #expect(again.status == 201, "\(again.body)")
        }
    }
}

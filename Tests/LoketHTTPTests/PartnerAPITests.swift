import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import Testing

/// The partner channel over real HTTP, on both engines: all or nothing, quotas, privacy.
@Suite(.timeLimit(.minutes(3))) struct PartnerAPITests {
    /// A different person for each place in each slot (one live booking per person).
    static func person(_ n: Int, slot: String = "", tag: String = "") -> String {
        let name = "Persoon \(n) \(slot)\(tag)"
        return
            #"{"name":"\#(name)","email":"p\#(n)@example.nl","vNumber":"\#(TestPeople.vNumber(name))","language":"nl"}"#
    }

    static func batch(_ slots: [String], tag: String = "") -> String {
        let items = slots.enumerated().map {
            #"{"desk":"RACE","product":"BIO","slot":"\#($1)","customer":\#(person($0, slot: $1, tag: tag))}"#
        }
        return #"{"bookings":[\#(items.joined(separator: ","))]}"#
    }

    @Test(arguments: TestDatabase.engines)
    func aBatchIsBookedWholeWithinTheQuota(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: TestNetwork.single(counters: 2)) { server, api in
            let coa = try await server.loket.partners.add(name: "COA", quotas: ["RACE": 3], webhookURL: nil)
            let other = try await server.loket.partners.add(name: "Gemeente", quotas: ["RACE": 10], webhookURL: nil)
            let key = ["Authorization": "Bearer \(coa.apiKey)"]

            let booked = try await api.post(
                "/api/v1/partner/bookings", Self.batch(["20220602-0900-one", "20220602-0900-one"]), headers: key)
            #expect(booked.status == 201, "\(booked.body)")
            #expect((booked.json["bookings"] as? [[String: Any]])?.count == 2)

            // All or nothing: the second slot (09:00) is now full, so the first (09:10) is not booked either.
            let refused = try await api.post(
                "/api/v1/partner/bookings", Self.batch(["20220602-0910-one", "20220602-0900-one"]), headers: key)
            #expect(refused.status == 409)
            #expect(refused.errorField == "bookings[1].slot")
            let free = try await api.get("/api/v1/desks/RACE/slots?product=BIO&from=2022-06-02&to=2022-06-02")
            #expect(
                (free.json["slots"] as! [[String: Any]]).first { $0["key"] as? String == "20220602-0910-one" }?[
                    "available"] as? Int == 2)

            // The quota: 3 a week at RACE; two used, so two more in the same week are refused …
            let overQuota = try await api.post(
                "/api/v1/partner/bookings", Self.batch(["20220603-0900-one", "20220603-0910-one"]), headers: key)
            #expect(overQuota.status == 409)
            #expect(overQuota.errorCode == "quota_exceeded")
            // … but one is fine, and the next week starts afresh.
            #expect(
                try await api.post("/api/v1/partner/bookings", Self.batch(["20220603-0900-one"]), headers: key).status
                    == 201)
            #expect(
                try await api.post(
                    "/api/v1/partner/bookings", Self.batch(["20220607-0900-one", "20220607-0910-one"]), headers: key
                ).status == 201)
            let quotas = try await api.get("/api/v1/partner/quotas?week=2022-06-02", headers: key)
            #expect((quotas.json["quotas"] as? [[String: Any]])?.first?["used"] as? Int == 3)
            #expect(quotas.json["weekStarting"] as? String == "2022-05-30")

            // Each partner sees only its own bookings.
            let own = try await api.get("/api/v1/partner/bookings?from=2022-06-01&to=2022-06-30", headers: key)
            #expect((own.json["bookings"] as? [[String: Any]])?.count == 5)
            let theirs = try await api.get(
                "/api/v1/partner/bookings?from=2022-06-01&to=2022-06-30",
                headers: ["Authorization": "Bearer \(other.apiKey)"])
            #expect((theirs.json["bookings"] as? [[String: Any]])?.isEmpty == true)
        }
    }

    @Test(arguments: [
        // body, status, field
        (#"{"bookings":[]}"#, 422, "bookings"),
        (
            #"{"bookings":[{"desk":"RACE","product":"BIO","slot":"20220602-0900-one","customer":{"name":"A","email":"bad"}}]}"#,
            422, "bookings[0].customer.email"
        ),
        (
            #"{"bookings":[{"desk":"XX","product":"BIO","slot":"20220602-0900-one","customer":{"name":"A","email":"a@b.nl","vNumber":"1111111111"}}]}"#,
            404, "bookings[0].desk"
        ),
        (
            #"{"bookings":[{"desk":"RACE","product":"BIO","persons":9,"slot":"20220602-0900-one","customer":{"name":"A","email":"a@b.nl","vNumber":"1111111111"}}]}"#,
            422, "bookings[0].persons"
        ),
    ])
    func badBatchesNameTheField(body: String, status: Int, field: String) async throws {
        try await TestServer.run(network: TestNetwork.single(counters: 2)) { server, api in
            let partner = try await server.loket.partners.add(name: "COA", quotas: ["RACE": 3], webhookURL: nil)
            let response = try await api.post(
                "/api/v1/partner/bookings", body, headers: ["Authorization": "Bearer \(partner.apiKey)"])
            #expect(response.status == status)
            #expect(response.errorField == field)
        }
    }

    @Test func withoutAKnownKeyNothingIsShown() async throws {
        try await TestServer.run(network: TestNetwork.single(counters: 2)) { _, api in
            #expect(try await api.get("/api/v1/partner/bookings").status == 401)
            let wrong = try await api.get("/api/v1/partner/bookings", headers: ["Authorization": "Bearer lk_nope"])
            #expect(wrong.status == 401)
            #expect(wrong.errorField == "Authorization")
            #expect(try await api.post("/api/v1/partner/bookings", Self.batch(["20220602-0900-one"])).status == 401)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func concurrentBatchesOfOnePartnerNeverExceedTheQuota(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: TestNetwork.single(counters: 50)) { server, api in
            let partner = try await server.loket.partners.add(name: "COA", quotas: ["RACE": 7], webhookURL: nil)
            let key = ["Authorization": "Bearer \(partner.apiKey)"]
            // Six at once, twice as many as fit: the quota row's lock makes them wait in turn, and
            // under the whole suite (two cores, a hundred tests at once) twenty waited past the test
            // client's fixed 20 s on PostgreSQL.
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for batch in 0..<6 {
                    group.addTask {
                        try await api.post(
                            "/api/v1/partner/bookings",
                            Self.batch(["20220602-0900-one", "20220602-0910-one"], tag: " batch \(batch)"),
                            headers: key
                        ).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 3) // 3 batches of 2 fit in 7
            let quotas = try await api.get("/api/v1/partner/quotas?week=2022-06-02", headers: key)
            #expect((quotas.json["quotas"] as? [[String: Any]])?.first?["used"] as? Int == 6)
        }
    }
}

/// Urgent capacity (spoedafspraak): held for partners with a reason, released to all in time.
@Suite(.timeLimit(.minutes(3))) struct UrgentCapacityAPITests {
    @Test(arguments: TestDatabase.engines)
    func onlyUrgentBookingsReachTheReserveUntilItIsReleased(engine: TestDatabase.Engine) async throws {
        // 2 counters, half held back: on Tuesday 7 June one unit per slot is urgent-only.
        try await TestServer.run(engine: engine, network: TestNetwork.single(counters: 2, urgentShare: 0.5)) {
            server, api in
            let partner = try await server.loket.partners.add(name: "COA", quotas: ["RACE": 10], webhookURL: nil)
            let key = ["Authorization": "Bearer \(partner.apiKey)"]
            let slot = "20220607-0900-one"
            #expect(
                try await api.post("/api/v1/holds", #"{"desk":"RACE","product":"BIO","slot":"\#(slot)"}"#).status == 201
            )
            #expect(
                try await api.post("/api/v1/holds", #"{"desk":"RACE","product":"BIO","slot":"\#(slot)"}"#).status == 409
            )
            // Without a reason a partner is no different; with one, it gets the reserved unit.
            let plain =
                #"{"bookings":[{"desk":"RACE","product":"BIO","slot":"\#(slot)","customer":{"name":"A","email":"a@b.nl","vNumber":"1111111111"}}]}"#
            #expect(try await api.post("/api/v1/partner/bookings", plain, headers: key).status == 409)
            let noReason =
                #"{"bookings":[{"desk":"RACE","product":"BIO","slot":"\#(slot)","urgent":{"reason":"soon"},"customer":{"name":"A","email":"a@b.nl","vNumber":"1111111111"}}]}"#
            let refused = try await api.post("/api/v1/partner/bookings", noReason, headers: key)
            #expect(refused.status == 422)
            #expect(refused.errorField == "bookings[0].urgent.reason")
            let urgent =
                #"{"bookings":[{"desk":"RACE","product":"BIO","slot":"\#(slot)","urgent":{"reason":"housing"},"customer":{"name":"A","email":"a@b.nl","vNumber":"1111111111"}}]}"#
            #expect(try await api.post("/api/v1/partner/bookings", urgent, headers: key).status == 201)

            // The manager's view of the week of 6 June: 3 slots a day × 1 unit held on 4 working days (Whit Monday closed).
            let report = try await api.get("/api/v1/desks/RACE/urgent-capacity?from=2022-06-06&to=2022-06-12")
            let week = try #require((report.json["weeks"] as? [[String: Any]])?.first, "\(report.body)")
            #expect(week["protected"] as? Int == 12)
            #expect(week["used"] as? Int == 1)
            #expect(week["held"] as? Int == 11)
            #expect(week["released"] as? Int == 0)

            // Two working days before, what is left of the reserve opens to everyone.
            server.clock.advance(minutes: 3 * 24 * 60) // Saturday 4 June; Tuesday 7 June is two working days ahead
            let opened = try await api.get("/api/v1/desks/RACE/slots?product=BIO&from=2022-06-07&to=2022-06-07")
            #expect(
                (opened.json["slots"] as! [[String: Any]]).first { $0["key"] as? String == "20220607-0910-one" }?[
                    "available"] as? Int == 2)
            // Released through Wednesday 8 June now: 7 June (3 held, 1 used) and 8 June (3); 9 and 10 June still held.
            let later = try await api.get("/api/v1/desks/RACE/urgent-capacity?from=2022-06-06&to=2022-06-12")
            let after = try #require((later.json["weeks"] as? [[String: Any]])?.first, "\(later.body)")
            #expect(after["released"] as? Int == 5)
            #expect(after["held"] as? Int == 6)
        }
    }
}

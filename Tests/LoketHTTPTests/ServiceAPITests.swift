import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketHTTP
import LoketTestSupport
import LoketWeb
import Testing

@Suite(.timeLimit(.minutes(3))) struct ServiceAPITests {
    @Test func healthSaysTheDatabaseAnswers() async throws {
        try await TestServer.run { _, api in
            let health = try await api.get("/health")
            #expect(health.status == 200)
            #expect(health.json["database"] as? String == "sqlite")
        }
    }

    /// `/ready` says whether to send this server requests: not while it stops (or while its
    /// database does not answer, tested against a stopped PostgreSQL in the integration tests).
    @Test(arguments: TestDatabase.engines)
    func readyUntilTheServerStartsToStop(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine) { server, api in
            let ready = try await api.get("/ready")
            #expect(ready.status == 200 && ready.json["status"] as? String == "ready")
            #expect(ready.headers[.cacheControl] == "no-store")
            server.loket.operations.startDraining()
            // The answer is kept for a second at most; a new one says so.
            server.clock.advance(minutes: 1)
            let draining = try await api.get("/ready")
            #expect(draining.status == 503 && draining.json["reason"] as? String == "draining")
            #expect(draining.headers[.retryAfter] == "5")
            // Alive all the same.
            #expect(try await api.get("/health").status == 200)
        }
    }

    /// HEAD is answered wherever GET is: the same status and headers, the length, no body.
    @Test func headIsAnsweredWhereverGetIs() async throws {
        try await TestServer.run(network: TestNetwork.single(counters: 3)) { _, api in
            for path in ["/health", "/api/v1/desks/RACE/slots?product=BIO", "/", "/openapi.json"] {
                let get = try await api.get(path)
                let head = try await api.call(.head, path)
                #expect(head.status == get.status && head.status == 200, "\(path)")
                #expect(head.body.isEmpty, "\(path)")
                #expect(head.headers[.contentType] == get.headers[.contentType], "\(path)")
                if let length = get.headers[.contentLength] {
                    #expect(head.headers[.contentLength] == length, "\(path)")
                }
            }
            #expect(try await api.call(.head, "/nowhere").status == 404)
        }
    }

    @Test func metricsCountRequestsBookingsAndFreeCapacity() async throws {
        try await TestServer.run(network: TestNetwork.single(counters: 3)) { _, api in
            _ = try await api.get("/api/v1/desks/RACE/slots?product=BIO")
            _ = try await api.post("/api/v1/holds", #"{"desk":"RACE","product":"BIO","slot":"20220602-0900-one"}"#)
            let metrics = try await api.get("/metrics")
            #expect(metrics.status == 200)
            #expect(
                metrics.body.contains(
                    #"loket_http_requests_total{route="/api/v1/desks/{desk}/slots",method="GET",status="200"} 1"#))
            #expect(metrics.body.contains("loket_http_request_duration_seconds_bucket"))
            #expect(metrics.body.contains("loket_holds_total 1"))
            #expect(metrics.body.contains("loket_bookings_total 0"))
            #expect(metrics.body.contains("loket_cancellations_total 0"))
            // 3 slots a day × 3 counters on the working days from 2 June to 31 July (Whit Monday is not one), less the unit held.
            let workingDays = WorkingDays(holidays: DutchHolidays())
            let days = (1...60).map { LocalDate(iso: "2022-06-01")!.adding(days: $0) }.filter(workingDays.isWorkingDay)
                .count
            #expect(days == 41)
            #expect(metrics.body.contains(#"loket_free_slot_units{desk="RACE",product="BIO"} \#(days * 9 - 1).0"#))
            // Route labels are patterns, never concrete paths with identifiers.
            #expect(!metrics.body.contains("20220602"))
        }
    }

    @Test func desksProductsWaitTimesAndCalendar() async throws {
        try await TestServer.run { _, api in
            let desks = try await api.get("/api/v1/desks")
            let list = desks.json["desks"] as! [[String: Any]]
            #expect(list.map { $0["code"] as! String } == ["TS", "OLD"])
            let old = list[1]
            #expect(old["open"] as? Bool == false)
            #expect(old["successor"] as? String == "TS")
            #expect(try await api.get("/api/v1/desks/TS").json["city"] as? String == "Den Haag")

            let products = try await api.get("/api/v1/products").json["products"] as! [[String: Any]]
            #expect(products.first { $0["key"] as? String == "BIO" }?["desks"] as? [String] == ["TS", "OLD"])

            let waits = try await api.get("/api/v1/wait-times")
            #expect(waits.json["measuredOn"] as? String == "2022-06-01")
            let bio = (waits.json["waitTimes"] as! [[String: Any]]).first {
                $0["desk"] as? String == "TS" && $0["product"] as? String == "BIO"
            }!
            // It is 10:00 on Wednesday 1 June: slots today are still free, so the wait is 0 working days.
            #expect(bio["firstFreeDate"] as? String == "2022-06-01")
            #expect(bio["workingDaysToFirstSlot"] as? Int == 0)
            #expect(bio["workingDaysToThirdSlot"] as? Int == 0)
            #expect(!(waits.json["waitTimes"] as! [[String: Any]]).contains { $0["desk"] as? String == "OLD" })

            let holidays = try await api.get("/api/v1/calendar/holidays?year=2022").json["holidays"] as! [[String: Any]]
            #expect(holidays.count == 9)
            #expect(holidays.contains { $0["key"] as? String == "kingsDay" && $0["date"] as? String == "2022-04-27" })

            let working = try await api.get("/api/v1/calendar/working-days?from=2022-04-22&to=2022-04-29")
            #expect(working.json["workingDays"] as? Int == 4)
            #expect((working.json["holidays"] as! [[String: Any]]).count == 1)
        }
    }

    /// The OpenAPI document describes exactly the routes the server has, apart from the web
    /// pages for people (customer booking and draw pages, staff pages, display, style sheet).
    @Test func openAPIMatchesTheRouter() async throws {
        let (database, _, drop) = try await TestDatabase.make(.sqlite)
        let options = ServerOptions(network: TestNetwork.network)
        let routes = router(Loket(options: options, database: database, logger: TestDatabase.logger), options)
        let pages = [
            "/book/", "/manage/", "/staff", "/display/", "/static/", "/language", "/draws", "/documents/",
            "/wachttijden",
            "/en/waiting-times",
        ]
        let served = Set(
            routes.routes.map { "\($0.method.rawValue) \($0.path.description)" }
                .filter { route in !route.hasSuffix(" /") && !pages.contains { route.contains(" " + $0) } })
        await drop()

        try await TestServer.run { _, api in
            let response = try await api.get("/openapi.json")
            #expect(response.status == 200)
            let document = response.json
            #expect(document["openapi"] as? String == "3.1.0")
            var documented = Set<String>()
            for (path, item) in document["paths"] as! [String: [String: Any]] {
                for method in item.keys { documented.insert("\(method.uppercased()) \(path)") }
            }
            let normalise = { (route: String) in
                route.replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "{", with: "")
                    .replacingOccurrences(of: "}", with: "")
            }
            #expect(Set(served.map(normalise)) == Set(documented.map(normalise)))
        }
    }
}

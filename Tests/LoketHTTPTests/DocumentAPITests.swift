import Foundation
import LoketApp
import LoketDomain
import LoketTestSupport
import Testing

/// The document path over HTTP on both engines: a case system announces the card, the holder
/// chooses delivery or pickup with the customer token, the courier takes the manifest and
/// reports; a failed delivery brings the card back for a pickup at its desk.
@Suite(.timeLimit(.minutes(3))) struct DocumentAPITests {
    static func keys(_ server: TestServer) async throws -> (caseSystem: String, courier: String) {
        let caseSystem = try await server.loket.staff.addServiceClient(name: "INDiGO", kind: .caseSystem)
        let courier = try await server.loket.staff.addServiceClient(name: "IPKD", kind: .courier)
        return (caseSystem.apiKey, courier.apiKey)
    }

    static func announce(
        _ api: APIClient, key: String, readyOn: String = "2022-06-01", vNumber: String = "1234567890"
    )
        async throws -> APIResponse
    {
        try await api.post(
            "/api/v1/documents",
            #"{"kind":"residence-card","vNumber":"\#(vNumber)","holder":{"name":"Ada Lovelace","email":"ada@example.nl","language":"en","dateOfBirth":"1990-12-10"},"desk":"TS","readyOn":"\#(readyOn)"}"#,
            headers: ["Authorization": "Bearer \(key)"])
    }

    @Test(arguments: TestDatabase.engines)
    func readyThenCourierThenManifestThenDelivered(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: DocumentFlowTests.network) { server, api in
            let keys = try await Self.keys(server)
            let announced = try await Self.announce(api, key: keys.caseSystem)
            #expect(announced.status == 201, "\(announced.body)")
            #expect(announced.json["status"] as? String == "ready")
            let id = try #require(announced.json["id"] as? String)
            let holder = ["Authorization": "Bearer \(try #require(announced.json["customerToken"] as? String))"]
            let shown = try await api.get("/api/v1/documents/\(id)", headers: holder)
            #expect(shown.json["customerToken"] == nil)
            #expect((shown.json["deliveryDays"] as? [String])?.first == "2022-06-02")
            let scheduled = try await api.post(
                "/api/v1/documents/\(id)/delivery",
                #"{"address":{"street":"Lange Voorhout","houseNumber":"1","postcode":"2514 EA","city":"Den Haag"},"date":"2022-06-02","dateOfBirth":"1990-12-10"}"#,
                headers: holder)
            #expect(scheduled.status == 201, "\(scheduled.body)")
            let delivery = try #require(scheduled.json["id"] as? String)
            let courier = ["Authorization": "Bearer \(keys.courier)"]
            // Before the cutoff the manifest lists it as scheduled; at 16:00 it is fixed and out.
            let early = try await api.get("/api/v1/courier/deliveries?date=2022-06-02", headers: courier)
            #expect(((early.json["deliveries"] as? [[String: Any]])?.first?["status"] as? String) == "scheduled")
            server.clock.advance(minutes: 6 * 60)
            let manifest = try await api.get("/api/v1/courier/deliveries?date=2022-06-02", headers: courier)
            let line = try #require((manifest.json["deliveries"] as? [[String: Any]])?.first)
            #expect(line["id"] as? String == delivery && line["document"] as? String == id)
            #expect(line["status"] as? String == "out_for_delivery" && line["name"] as? String == "Ada Lovelace")
            let csv = try await api.get(
                "/api/v1/courier/deliveries?date=2022-06-02",
                headers: courier.merging(["Accept": "text/csv"]) { a, _ in a })
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.body.hasPrefix("id,document,desk,name,") && csv.body.contains("2514 EA"))
            server.clock.advance(minutes: 18 * 60) // Thursday 10:00, on the round
            let reported = try await api.post(
                "/api/v1/courier/deliveries/\(delivery)", #"{"status":"delivered"}"#, headers: courier)
            #expect(reported.status == 200 && reported.json["status"] as? String == "delivered", "\(reported.body)")
            #expect(
                try await api.get("/api/v1/documents/\(id)", headers: holder).json["status"] as? String == "delivered")
            // Ready on Wednesday, delivered on Thursday: one working day, published per desk and week.
            let waits = try await api.get("/api/v1/wait-times").json["collectionWorkingDays"] as? [[String: Any]]
            let ts = try #require(waits?.first { $0["desk"] as? String == "TS" })
            #expect(ts["week"] as? String == "2022-05-30" && ts["documents"] as? Int == 1)
            #expect(ts["p50"] as? Int == 1 && ts["p90"] as? Int == 1)
            let metrics = try await api.get("/metrics").body
            #expect(metrics.contains(#"loket_document_collection_working_days{desk="TS",quantile="0.9"} 1"#))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aFailedDeliveryComesBackForAPickupAtTheRightDesk(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: DocumentFlowTests.network) { server, api in
            let keys = try await Self.keys(server)
            let announced = try await Self.announce(api, key: keys.caseSystem)
            let id = try #require(announced.json["id"] as? String)
            let holder = ["Authorization": "Bearer \(try #require(announced.json["customerToken"] as? String))"]
            let scheduled = try await api.post(
                "/api/v1/documents/\(id)/delivery",
                #"{"address":{"street":"Plein","houseNumber":"2","postcode":"2511CR","city":"Den Haag"},"date":"2022-06-02","dateOfBirth":"1990-12-10"}"#,
                headers: holder)
            server.clock.advance(minutes: 6 * 60)
            let courier = ["Authorization": "Bearer \(keys.courier)"]
            _ = try await api.get("/api/v1/courier/deliveries?date=2022-06-02", headers: courier)
            let failed = try await api.post(
                "/api/v1/courier/deliveries/\(scheduled.json["id"] as! String)",
                #"{"status":"failed","reason":"nobody home"}"#, headers: courier)
            #expect(failed.json["status"] as? String == "ready", "\(failed.body)")
            let elsewhere = try await api.post(
                "/api/v1/documents/\(id)/pickup", #"{"desk":"OLD","slot":"20220603-0900-doc"}"#, headers: holder)
            #expect(elsewhere.status == 422 && elsewhere.errorField == "desk")
            let pickup = try await api.post(
                "/api/v1/documents/\(id)/pickup", #"{"desk":"TS","slot":"20220603-0900-doc"}"#, headers: holder)
            #expect(pickup.status == 201 && pickup.json["product"] as? String == "DOC", "\(pickup.body)")
            let shown = try await api.get("/api/v1/documents/\(id)", headers: holder)
            #expect(shown.json["status"] as? String == "pickup_booked")
            #expect((shown.json["pickup"] as? [String: Any])?["id"] as? String == pickup.json["id"] as? String)
        }
    }

    @Test func onlyTheRightKeysAndTokensOpenAnything() async throws {
        try await TestServer.run(network: DocumentFlowTests.network) { server, api in
            let keys = try await Self.keys(server)
            #expect(try await Self.announce(api, key: "wrong").status == 401)
            #expect(try await Self.announce(api, key: keys.courier).status == 403)
            let announced = try await Self.announce(api, key: keys.caseSystem)
            let id = try #require(announced.json["id"] as? String)
            #expect(try await api.get("/api/v1/documents/\(id)").status == 401)
            #expect(try await api.get("/api/v1/documents/\(id)", headers: ["Authorization": "Bearer x"]).status == 404)
            let manifest = "/api/v1/courier/deliveries?date=2022-06-02"
            #expect(try await api.get(manifest, headers: ["Authorization": "Bearer \(keys.caseSystem)"]).status == 403)
            #expect(
                try await api.get("/api/v1/courier/deliveries", headers: ["Authorization": "Bearer \(keys.courier)"])
                    .status
                    == 422)
        }
    }

    @Test(arguments: [
        (#""kind":"passport""#, "kind"),
        (#""vNumber":"12""#, "vNumber"),
        (#""holder":{"name":"A","email":"nope","dateOfBirth":"1990-01-01"}"#, "holder.email"),
        (#""holder":{"name":"A","email":"a@example.nl","dateOfBirth":"2990-01-01"}"#, "holder.dateOfBirth"),
        (#""readyOn":"soon""#, "readyOn"),
    ])
    func aWrongAnnouncementNamesItsField(override: String, field: String) async throws {
        try await TestServer.run(network: DocumentFlowTests.network) { server, api in
            let keys = try await Self.keys(server)
            var fields: [String: String] = [
                "kind": #""kind":"residence-card""#, "vNumber": #""vNumber":"1234567890""#,
                "holder": #""holder":{"name":"A","email":"a@example.nl","dateOfBirth":"1990-01-01"}"#,
                "desk": #""desk":"TS""#, "readyOn": #""readyOn":"2022-06-01""#,
            ]
            fields[String(field.split(separator: ".")[0])] = override
            let body = "{" + fields.values.joined(separator: ",") + "}"
            let refused = try await api.post(
                "/api/v1/documents", body, headers: ["Authorization": "Bearer \(keys.caseSystem)"])
            #expect(refused.status == 422 && refused.errorField == field, "\(refused.body)")
        }
    }
}

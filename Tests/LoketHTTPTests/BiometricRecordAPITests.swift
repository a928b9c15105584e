import Foundation
import LoketApp
import LoketDomain
import LoketTestSupport
import Testing

/// The biometrics record over HTTP: a case system records captures taken elsewhere, and the
/// assessment by V-number decides from what is recorded, on both engines.
@Suite(.timeLimit(.minutes(3))) struct BiometricRecordAPITests {
    static let ana = "1234567890"

    func keys(_ server: TestServer) async throws -> (caseSystem: String, courier: String) {
        let caseSystem = try await server.loket.staff.addServiceClient(name: "INDiGO", kind: .caseSystem)
        let courier = try await server.loket.staff.addServiceClient(name: "IPKD", kind: .courier)
        return (caseSystem.apiKey, courier.apiKey)
    }

    func record(_ api: APIClient, key: String?, _ body: String) async throws -> APIResponse {
        try await api.post(
            "/api/v1/biometrics/captures", body, headers: key.map { ["Authorization": "Bearer \($0)"] } ?? [:])
    }

    func assess(_ api: APIClient, vNumber: String = ana, born: String) async throws -> APIResponse {
        try await api.post(
            "/api/v1/biometrics/assessment",
            #"{"vNumber":"\#(vNumber)","dateOfBirth":"\#(born)","applicationDate":"2022-06-01"}"#)
    }

    func recorded(_ server: TestServer) async throws -> Int {
        try await server.database.session { db in
            try await db.raw("SELECT COUNT(*) AS n FROM biometric_captures").first()!.decode(column: "n", as: Int.self)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aCaseSystemRecordsAndTheAssessmentReusesTheRecordedFaceImage(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine) { server, api in
            let (caseSystem, _) = try await keys(server)
            let made = try await record(
                api, key: caseSystem,
                """
                {"vNumber":"\(Self.ana)","dateOfBirth":"1990-05-05","captures":[
                  {"kind":"face","date":"2022-03-01","quality":"sufficient"},
                  {"kind":"fingerprints","date":"2021-01-01","quality":"sufficient"},
                  {"kind":"signature","date":"2021-01-01","quality":"sufficient"}]}
                """)
            #expect(made.status == 201, "\(made.body)")
            #expect((made.json["captures"] as? [[String: Any]])?.count == 3)
            #expect(made.json["recordedBy"] as? String == "INDiGO")
            #expect(made.body.contains(Self.ana) == false)

            let answer = try await assess(api, born: "1990-05-05")
            #expect(answer.status == 200)
            #expect(answer.json["basis"] as? String == "record")
            #expect(answer.json["deskVisitNeeded"] as? Bool == false)
            let reusable = answer.json["reusable"] as! [[String: Any]]
            #expect(reusable.first { $0["kind"] as? String == "face" }?["capturedOn"] as? String == "2022-03-01")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func anInsufficientRecordedFingerprintIsTakenAgain(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine) { server, api in
            let (caseSystem, _) = try await keys(server)
            let made = try await record(
                api, key: caseSystem,
                """
                {"vNumber":"\(Self.ana)","dateOfBirth":"1990-05-05","captures":[
                  {"kind":"face","date":"2022-05-01","quality":"sufficient"},
                  {"kind":"fingerprints","date":"2021-01-01","quality":"sufficient"},
                  {"kind":"fingerprints","date":"2022-05-01","quality":"insufficient"},
                  {"kind":"signature","date":"2022-05-01","quality":"sufficient"}]}
                """)
            #expect(made.status == 201)
            let answer = try await assess(api, born: "1990-05-05")
            #expect(answer.json["required"] as? [String] == ["fingerprints"])
            let reasons = answer.json["reasons"] as! [[String: Any]]
            #expect(
                reasons.contains {
                    $0["kind"] as? String == "fingerprints" && $0["code"] as? String == "insufficient_quality"
                })
            #expect(
                (answer.json["reusable"] as! [[String: Any]]).allSatisfy { $0["kind"] as? String != "fingerprints" })
        }
    }

    /// A date of birth that does not match the record gets the answer for a V-number never
    /// recorded: byte for byte the same.
    @Test(arguments: TestDatabase.engines)
    func aMismatchingDateOfBirthRevealsNothing(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine) { server, api in
            let (caseSystem, _) = try await keys(server)
            _ = try await record(
                api, key: caseSystem,
                #"{"vNumber":"\#(Self.ana)","dateOfBirth":"1990-05-05","captures":[{"kind":"face","date":"2022-05-01","quality":"sufficient"}]}"#
            )
            let wrongBirth = try await assess(api, born: "1990-05-06")
            let unknown = try await assess(api, vNumber: "9999999999", born: "1990-05-06")
            #expect(wrongBirth.status == 200 && unknown.status == 200)
            #expect(wrongBirth.body == unknown.body)
            #expect(wrongBirth.json["required"] as? [String] == ["face", "fingerprints", "signature"])
            #expect(wrongBirth.body.contains("2022-05-01") == false)
            // The case system, which holds the record, is told of the mismatch; nothing changes.
            let clash = try await record(
                api, key: caseSystem,
                #"{"vNumber":"\#(Self.ana)","dateOfBirth":"1990-05-06","captures":[{"kind":"face","date":"2022-05-02","quality":"sufficient"}]}"#
            )
            #expect(clash.status == 409 && clash.errorField == "dateOfBirth")
            #expect(try await recorded(server) == 1)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func onlyACaseSystemKeyRecords(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine) { server, api in
            let (_, courier) = try await keys(server)
            let body =
                #"{"vNumber":"\#(Self.ana)","dateOfBirth":"1990-05-05","captures":[{"kind":"face","date":"2022-05-01","quality":"sufficient"}]}"#
            let none = try await record(api, key: nil, body)
            #expect(none.status == 401 && none.errorField == "Authorization")
            #expect(none.headers[.wwwAuthenticate] == "Bearer")
            #expect(try await record(api, key: "lkcs_not-a-key", body).status == 401)
            let wrongKind = try await record(api, key: courier, body)
            #expect(wrongKind.status == 403 && wrongKind.errorCode == "wrong_kind")
            #expect(try await recorded(server) == 0)
            // The use case the document API shares.
            await #expect(throws: Refusal.self) {
                _ = try await server.loket.staff.serviceClient(apiKey: courier, kind: .caseSystem)
            }
            #expect(try await server.loket.staff.serviceClient(apiKey: courier, kind: .courier).name == "IPKD")
        }
    }

    @Test(arguments: [
        (#"{"dateOfBirth":"1990-05-05","captures":[]}"#, "vNumber"),
        (#"{"vNumber":"12345","dateOfBirth":"1990-05-05","captures":[]}"#, "vNumber"),
        (#"{"vNumber":"1234567890","captures":[]}"#, "dateOfBirth"),
        (#"{"vNumber":"1234567890","dateOfBirth":"2022-06-02","captures":[]}"#, "dateOfBirth"),
        (#"{"vNumber":"1234567890","dateOfBirth":"1990-05-05","captures":[]}"#, "captures"),
        (
            #"{"vNumber":"1234567890","dateOfBirth":"1990-05-05","captures":[{"kind":"face","date":"2022-05-01","quality":"sufficient"},{"kind":"face","date":"2022-05-01","quality":"meh"}]}"#,
            "captures[1].quality"
        ),
        (
            #"{"vNumber":"1234567890","dateOfBirth":"1990-05-05","captures":[{"kind":"face","date":"2022-05-01","quality":"sufficient"},{"kind":"face","date":"2022-05-01"}]}"#,
            "captures[1].quality"
        ),
        (
            #"{"vNumber":"1234567890","dateOfBirth":"1990-05-05","captures":[{"kind":"iris","date":"2022-05-01","quality":"sufficient"}]}"#,
            "captures[0].kind"
        ),
        (
            #"{"vNumber":"1234567890","dateOfBirth":"1990-05-05","captures":[{"kind":"face","date":"2022-06-02","quality":"sufficient"}]}"#,
            "captures[0].date"
        ),
        (
            #"{"vNumber":"1234567890","dateOfBirth":"1990-05-05","captures":[{"kind":"face","date":"1990-05-04","quality":"sufficient"}]}"#,
            "captures[0].date"
        ),
    ])
    func badInputNamesTheFieldAndRecordsNothing(body: String, field: String) async throws {
        try await TestServer.run { server, api in
            let (caseSystem, _) = try await keys(server)
            let response = try await record(api, key: caseSystem, body)
            #expect(response.status == 422)
            #expect(response.errorField == field)
            #expect(try await recorded(server) == 0)
        }
    }

    /// Nobody finds a date of birth by trying them all: lookups by V-number are limited per
    /// client; the typed-in dates are not.
    @Test func lookupsByVNumberAreLimited() async throws {
        let network = TestNetwork.single(counters: 1, limits: "{recordLookups: {burst: 2, perMinute: 1}}")
        try await TestServer.run(network: network) { _, api in
            for day in ["01", "02"] {
                #expect(try await assess(api, born: "1990-05-\(day)").status == 200)
            }
            let third = try await assess(api, born: "1990-05-03")
            #expect(third.status == 429 && third.errorCode == "recordLookups")
            #expect(third.headers[.retryAfter] != nil)
            let typed = try await api.post("/api/v1/biometrics/assessment", #"{"dateOfBirth":"1990-05-03"}"#)
            #expect(typed.status == 200)
        }
    }

    @Test func anAssessmentTakesAVNumberOrDatesNotBoth() async throws {
        try await TestServer.run { _, api in
            let both = try await api.post(
                "/api/v1/biometrics/assessment",
                #"{"vNumber":"1234567890","dateOfBirth":"1990-05-05","captures":[{"kind":"face","date":"2022-05-01"}]}"#
            )
            #expect(both.status == 422 && both.errorField == "captures")
            let bad = try await api.post(
                "/api/v1/biometrics/assessment", #"{"vNumber":"12","dateOfBirth":"1990-05-05"}"#)
            #expect(bad.status == 422 && bad.errorField == "vNumber")
        }
    }
}

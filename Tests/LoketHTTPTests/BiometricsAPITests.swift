import Foundation
import LoketTestSupport
import Testing

@Suite(.timeLimit(.minutes(3))) struct BiometricsAPITests {
    @Test func someoneWithValidBiometricsIsToldNoVisitIsNeeded() async throws {
        try await TestServer.run { _, api in
            let response = try await api.post(
                "/api/v1/biometrics/assessment",
                """
                {"dateOfBirth":"1990-05-05","applicationDate":"2022-06-01","captures":[
                  {"kind":"face","date":"2022-03-01","quality":"sufficient"},
                  {"kind":"fingerprints","date":"2021-01-01"},
                  {"kind":"signature","date":"2021-01-01","quality":"sufficient"}]}
                """)
            #expect(response.status == 200)
            #expect(response.json["required"] as? [String] == [])
            #expect(response.json["deskVisitNeeded"] as? Bool == false)
            #expect(response.json["policyVersion"] as? String == "2022-06-22")
            let reusable = response.json["reusable"] as! [[String: Any]]
            #expect(reusable.first { $0["kind"] as? String == "face" }?["validUntil"] as? String == "2022-09-01")
            let reasons = response.json["reasons"] as! [[String: Any]]
            #expect(
                reasons.allSatisfy {
                    ($0["nl"] as? String)?.isEmpty == false && ($0["en"] as? String)?.isEmpty == false
                })
        }
    }

    @Test func anOldFaceImageMeansAVisit() async throws {
        try await TestServer.run { _, api in
            let response = try await api.post(
                "/api/v1/biometrics/assessment",
                #"{"dateOfBirth":"1990-05-05","applicationDate":"2022-06-01","captures":[{"kind":"face","date":"2021-06-01"}]}"#
            )
            #expect(response.json["required"] as? [String] == ["face", "fingerprints", "signature"])
            #expect(response.json["deskVisitNeeded"] as? Bool == true)
        }
    }

    @Test(arguments: [
        (#"{}"#, "dateOfBirth"),
        (#"{"dateOfBirth":"1990-13-01"}"#, "dateOfBirth"),
        (#"{"dateOfBirth":"2023-01-01","applicationDate":"2022-06-01"}"#, "dateOfBirth"),
        (#"{"dateOfBirth":"1990-01-01","applicationDate":"june"}"#, "applicationDate"),
        (
            #"{"dateOfBirth":"1990-01-01","applicationDate":"2022-06-01","captures":[{"kind":"iris","date":"2022-01-01"}]}"#,
            "captures[0].kind"
        ),
        (
            #"{"dateOfBirth":"1990-01-01","applicationDate":"2022-06-01","captures":[{"kind":"face","date":"2022-07-01"}]}"#,
            "captures[0].date"
        ),
        (
            #"{"dateOfBirth":"1990-01-01","applicationDate":"2022-06-01","captures":[{"kind":"face","date":"2022-01-01","quality":"meh"}]}"#,
            "captures[0].quality"
        ),
    ])
    func badInputNamesTheField(body: String, field: String) async throws {
        try await TestServer.run { _, api in
            let response = try await api.post("/api/v1/biometrics/assessment", body)
            #expect(response.status == 422)
            #expect(response.errorField == field)
        }
    }
}

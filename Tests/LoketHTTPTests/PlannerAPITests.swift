import Foundation
import LoketTestSupport
import Testing

/// The planner-compatible endpoints, byte for byte, so that existing polling scripts keep working.
@Suite(.timeLimit(.minutes(3))) struct PlannerAPITests {
    /// One desk, three 10-minute slots a weekday, a one-day horizon: the whole answer fits here.
    static let network = TestNetwork.single(counters: 2, horizonDays: 1)

    static let expected =
        ")]}',\n"
        + #"{"status":"OK","data":["#
        + #"{"key":"20220602-0900-one","date":"2022-06-02","startTime":"09:00","endTime":"09:10","parts":1},"#
        + #"{"key":"20220602-0910-one","date":"2022-06-02","startTime":"09:10","endTime":"09:20","parts":1},"#
        + #"{"key":"20220602-0920-one","date":"2022-06-02","startTime":"09:20","endTime":"09:30","parts":1}]}"#

    @Test func theSlotListIsByteForByteThePlannersFormat() async throws {
        try await TestServer.run(network: Self.network) { _, api in
            let withSlash = try await api.get("/oap/api/desks/RACE/slots/?productKey=BIO&persons=1")
            #expect(withSlash.status == 200)
            #expect(withSlash.body == Self.expected)
            #expect(withSlash.headers[.contentType] == "application/json;charset=UTF-8")
            let withoutSlash = try await api.get("/oap/api/desks/RACE/slots?productKey=BIO&persons=1")
            #expect(withoutSlash.body == Self.expected)
            // A script that cuts at the prefix and parses the rest gets the slots.
            let parsed =
                try JSONSerialization.jsonObject(with: Data(withSlash.body.dropFirst(6).utf8)) as! [String: Any]
            #expect(parsed["status"] as? String == "OK")
            #expect((parsed["data"] as! [Any]).count == 3)
        }
    }

    @Test func partiesOfSeveralPersonsSeeLongerSlots() async throws {
        try await TestServer.run(network: Self.network) { _, api in
            let three = try await api.get("/oap/api/desks/RACE/slots/?productKey=BIO&persons=3")
            #expect(
                three.body == ")]}',\n"
                    + #"{"status":"OK","data":[{"key":"20220602-0900-one","date":"2022-06-02","startTime":"09:00","endTime":"09:30","parts":3}]}"#
            )
        }
    }

    @Test func aReserveIsAHoldAndTheListFollowsAtOnce() async throws {
        try await TestServer.run(network: TestNetwork.single(counters: 1, horizonDays: 1)) { _, api in
            let reserve = try await api.post("/oap/api/desks/RACE/slots/20220602-0910-one?productKey=BIO&persons=1", "")
            #expect(reserve.status == 200)
            #expect(
                reserve.body.hasPrefix(
                    ")]}',\n"
                        + #"{"status":"OK","data":{"key":"20220602-0910-one","date":"2022-06-02","startTime":"09:10","endTime":"09:20","parts":1,"holdId":""#
                ))
            #expect(reserve.body.hasSuffix(#","expiresAt":"2022-06-01T08:15:00Z"}}"#))
            let list = try await api.get("/oap/api/desks/RACE/slots/?productKey=BIO&persons=1")
            #expect(!list.body.contains("20220602-0910-one"))
            // The same slot again is full; the body says so in the planner's envelope.
            let again = try await api.post(
                "/oap/api/desks/RACE/slots/20220602-0910-one", #"{"productKey":"BIO","persons":1}"#)
            #expect(again.status == 409)
            #expect(again.body.hasPrefix(")]}',\n" + #"{"status":"ERROR","data":{"#))
        }
    }

    @Test(arguments: [
        ("/oap/api/desks/XX/slots/?productKey=BIO&persons=1", 404, "desk"),
        ("/oap/api/desks/RACE/slots/?productKey=NOPE&persons=1", 404, "productKey"),
        ("/oap/api/desks/RACE/slots/?persons=1", 422, "productKey"),
        ("/oap/api/desks/RACE/slots/?productKey=BIO&persons=9", 422, "persons"),
    ])
    func errorsKeepTheEnvelope(path: String, status: Int, field: String) async throws {
        try await TestServer.run(network: Self.network) { _, api in
            let response = try await api.get(path)
            #expect(response.status == status)
            #expect(response.body.hasPrefix(")]}',\n" + #"{"status":"ERROR","data":{"#))
            let parsed = try JSONSerialization.jsonObject(with: Data(response.body.dropFirst(6).utf8)) as! [String: Any]
            #expect((parsed["data"] as? [String: Any])?["field"] as? String == field)
        }
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LoketApp
import LoketDomain
import LoketHTTP
import LoketServer
import LoketTestSupport
import Testing

/// The smaller doors: bodies other sites' pages could send, redirects off the site, and
/// `/metrics` on an address of its own.
@Suite(.timeLimit(.minutes(3))) struct SmallDoorsTests {
    static let hold = #"{"desk":"TS","product":"BIO","persons":1,"slot":"20220602-0800-bio"}"#

    /// A form post or a script's "simple" request from another site cannot declare JSON without
    /// a preflight; such a body is refused with 415 before anything is read or changed.
    static let contentTypes: [String?] = [
        nil, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp",
    ]

    @Test(arguments: contentTypes) func aBodyThatIsNotDeclaredJSONIsRefused(_ contentType: String?) async throws {
        try await TestServer.run { _, api in
            let list = "/api/v1/desks/TS/slots?product=BIO&persons=1&from=2022-06-02&to=2022-06-02"
            let before = try await api.get(list).body
            var headers = HTTPFields()
            if let contentType { headers[.contentType] = contentType }
            for uri in ["/api/v1/holds", "/oap/api/desks/TS/slots/20220602-0800-bio?productKey=BIO&persons=1"] {
                let refused = try await api.client.execute(
                    uri: uri, method: .post, headers: headers, body: ByteBuffer(string: Self.hold)
                ) { APIResponse(status: Int($0.status.code), headers: $0.headers, body: String(buffer: $0.body)) }
                #expect(refused.status == 415)
                // The planner's own error envelope, or the API's: the field is named either way.
                #expect(refused.body.contains(#""field":"Content-Type""#), "\(refused.body)")
            }
            // Nothing was held.
            #expect(try await api.get(list).body == before)
            // With the type declared (and a charset) it is taken.
            let taken = try await api.post(
                "/api/v1/holds", Self.hold, headers: ["Content-Type": "application/json; charset=utf-8"])
            #expect(taken.status == 201)
        }
    }

    static let backs: [(query: String, location: String)] = [
        ("/book/BIO", "/book/BIO"),
        ("/%09/evil.example", "/"),
        ("//evil.example", "/"),
        ("/%5Cevil.example", "/"),
        ("https://evil.example", "/"),
        ("/%0D%0ALocation:%20https://evil.example", "/"),
    ]

    @Test(arguments: backs) func theLanguageSwitchStaysOnTheSite(
        _ example: (query: String, location: String)
    ) async throws {
        try await TestServer.run { _, api in
            let response = try await api.get("/language?to=en&back=\(example.query)")
            #expect(response.status == 303)
            #expect(response.headers[.location] == example.location)
        }
    }

    /// With a separate metrics address the main router no longer has `/metrics`; the metrics
    /// router has nothing else.
    @Test func metricsCanMoveToAnAddressOfTheirOwn() async throws {
        let (database, _, drop) = try await TestDatabase.make(.sqlite)
        let options = ServerOptions(network: TestNetwork.network)
        let loket = Loket(options: options, database: database, logger: TestDatabase.logger)
        let main = Router(context: LoketRequestContext.self)
        LoketAPI(loket: loket).add(to: main, servesMetrics: false)
        LoketAPI.refuseUnknownMethods(on: main)
        #expect(!main.routes.contains { $0.path.description == "/metrics" })
        #expect(main.routes.contains { $0.path.description == "/health" })
        let metrics = LoketAPI(loket: loket).metricsRouter()
        #expect(metrics.routes.map(\.path.description) == ["/metrics"])
        let app = Application(router: metrics, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let status = try await client.execute(uri: "/metrics", method: .get) { $0.status.code }
            #expect(status == 200)
        }
        await drop()
    }

    /// A body over the limit is refused with 413, its field named, and changes nothing; a form too.
    @Test func anOverLargeBodyIs413() async throws {
        try await TestServer.run { _, api in
            let megabyte = String(repeating: "x", count: 1024 * 1024)
            let json = try await api.post("/api/v1/holds", #"{"desk":"TS","pad":"\#(megabyte)"}"#)
            #expect(json.status == 413)
            #expect(json.errorField == "body" && json.errorCode == "too_large")
            let planner = try await api.post("/oap/api/desks/TS/appointments/", #"{"pad":"\#(megabyte)"}"#)
            #expect(planner.status == 413)
            let form = try await api.client.execute(
                uri: "/book/BIO/desks/TS", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "slot=" + megabyte)
            ) { Int($0.status.code) }
            #expect(form == 413)
        }
    }

    /// The planner API says when to come back, as the JSON API does.
    @Test func thePlannersRefusalByALimitCarriesRetryAfter() async throws {
        let network = TestNetwork.single(
            counters: 5, limits: "{holds: {burst: 1, perMinute: 1}, confirmations: {burst: 1, perMinute: 1}}")
        try await TestServer.run(network: network) { _, api in
            let slot =
                #"{"key":"20220602-0910-one","date":"2022-06-02","startTime":"09:10","endTime":"09:20","parts":1}"#
            let first = try await api.post("/oap/api/desks/RACE/slots/20220602-0910-one", slot)
            #expect(first.status == 200)
            let second = try await api.post("/oap/api/desks/RACE/slots/20220602-0920-one", slot)
            #expect(second.status == 429)
            #expect(second.headers[.retryAfter] == "60")
        }
    }

    /// Names are bounded in what they weigh, not only in characters; phone numbers in length.
    static let heavy: [(name: String, phone: String?, field: String)] = [
        ("A" + String(repeating: "\u{301}", count: 2000), nil, "customer.name"),
        ("Ana Silva", "06" + String(repeating: " -", count: 20) + "12345678", "customer.phone"),
    ]

    @Test(arguments: heavy) func heavyInputIsRefusedAtItsField(name: String, phone: String?, field: String) throws {
        #expect(throws: Refusal.self) {
            try Customer.validated(
                name: name, email: "a@example.nl", phone: phone, vNumber: nil, bsn: nil, language: "en")
        }
        let problems = Customer.checked(
            name: name, email: "a@example.nl", phone: phone, vNumber: nil, bsn: nil, language: "en")
        guard case .failure(let found) = problems else { return }
        #expect(found.errors.map(\.field) == [field])
    }
}

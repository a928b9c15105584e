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
struct SmallDoorsTests {
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
}

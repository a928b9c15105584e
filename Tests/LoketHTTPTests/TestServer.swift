import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import LoketApp
import LoketDomain
import LoketHTTP
import LoketServer
import LoketStorage
import LoketTestSupport
import LoketWeb
import Testing

/// A Loket on a fresh database with a manual clock, exercised over real HTTP on 127.0.0.1.
struct TestServer: Sendable {
    let loket: Loket
    let clock: ManualClock
    /// The database underneath, to check what a request did or did not change.
    let database: Database
    /// The answers the server sends past the router.
    let ready: ReadyAnswers

    static func run(
        engine: TestDatabase.Engine = .sqlite, network: DeskNetwork = TestNetwork.network,
        clock: ManualClock = ManualClock(date: "2022-06-01", time: "10:00"), trustedProxies: [String] = [],
        databaseLogger: Logger = TestDatabase.logger, options configure: (inout ServerOptions) -> Void = { _ in },
        _ body: @Sendable (TestServer, APIClient) async throws -> Void
    ) async throws {
        let (database, _, drop) = try await TestDatabase.make(engine, logger: databaseLogger)
        var options = ServerOptions(network: network)
        options.now = clock.source
        options.trustedProxies = trustedProxies
        configure(&options)
        let loket = Loket(options: options, database: database, logger: TestDatabase.logger)
        // As `loket serve` runs it: the answers that are ready are sent past the router.
        let ready = ReadyAnswers()
        let server = TestServer(loket: loket, clock: clock, database: database, ready: ready)
        let app = Application(
            responder: HeadAsGet(router(loket, options, ready: ready).buildResponder()),
            // The test client keeps one connection for the whole test, which may sit idle while a
            // slow step (a forecast, under a loaded machine) runs: no idle cut-off in between.
            server: ConnectionLimits(idleTimeout: .seconds(3600), readTimeout: .seconds(3600)).server(
                answers: ready, proxies: try proxies(options)),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: TestDatabase.logger)
        do {
            try await app.test(.live) { client in try await body(server, APIClient(client: client)) }
        } catch {
            await drop()
            throw error
        }
        await drop()
    }
}

/// The API and the pages on one router, as `loket serve` composes them.
func router(
    _ loket: Loket, _ options: ServerOptions, ready: ReadyAnswers = ReadyAnswers()
) -> Router<LoketRequestContext> {
    let router = Router(context: LoketRequestContext.self)
    router.add(middleware: ClientAddressMiddleware(proxies: try! proxies(options)))
    LoketAPI(loket: loket).add(to: router, ready: ready)
    WebApp(loket: loket, options: options, ready: ready).add(to: router)
    LoketAPI.refuseUnknownMethods(on: router)
    return router
}

struct APIResponse {
    let status: Int
    let headers: HTTPFields
    let body: String

    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
    var errorField: String? { (json["error"] as? [String: Any])?["field"] as? String }
    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
}

struct APIClient: Sendable {
    let client: any TestClientProtocol

    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ uri: String, json: String? = nil, headers: [String: String] = [:]
    ) async throws -> APIResponse {
        var fields = HTTPFields()
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        if json != nil { fields[.contentType] = "application/json" }
        return try await client.execute(
            uri: uri, method: method, headers: fields, body: json.map { ByteBuffer(string: $0) }
        ) { response in
            APIResponse(
                status: Int(response.status.code), headers: response.headers, body: String(buffer: response.body))
        }
    }

    func get(_ uri: String, headers: [String: String] = [:]) async throws -> APIResponse {
        try await call(.get, uri, headers: headers)
    }
    func post(_ uri: String, _ json: String, headers: [String: String] = [:]) async throws -> APIResponse {
        try await call(.post, uri, json: json, headers: headers)
    }
}

/// The trusted proxies and the IPv6 prefix of `options`, as `loket serve` reads them.
func proxies(_ options: ServerOptions) throws -> TrustedProxies {
    try TrustedProxies(
        cidrs: options.trustedProxies, ipv6Prefix: options.network.fairness.clientLimits.ipv6PrefixLength)
}

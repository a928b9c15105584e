import Foundation
import HTTPTypes
import LoketTestSupport
import NIOHTTP1
import Testing

@testable import LoketServer

/// Answers sent past the router (`ReadyAnswers`) are the router's answers: the same bytes and
/// headers, the same limits and metrics, never one that capacity has moved past, and in order on
/// a connection that sends several requests at once.
@Suite(.timeLimit(.minutes(3))) struct PastTheRouterTests {
    static let network = TestNetwork.single(counters: 1)
    static let list = "/api/v1/desks/RACE/slots?product=BIO&from=2022-06-02&to=2022-06-02"
    static let hold = #"{"desk":"RACE","product":"BIO","slot":"20220602-0900-one"}"#

    static func sent(_ server: TestServer) -> Int { server.ready.sent.load(ordering: .relaxed) }

    @Test func aPolledListIsTheRoutersAnswerWithoutTheRouter() async throws {
        try await TestServer.run(network: Self.network) { server, api in
            let first = try await api.get(Self.list, headers: ["Accept-Encoding": "gzip"])
            #expect(Self.sent(server) == 0)
            let second = try await api.get(Self.list, headers: ["Accept-Encoding": "gzip"])
            #expect(Self.sent(server) == 1)
            #expect(second.status == 200 && second.body == first.body)
            func fields(_ headers: HTTPFields) -> [String: String] {
                // The date and the request's own id differ; every other header is the same.
                Dictionary(
                    headers.filter { $0.name != .date && $0.name.canonicalName != "x-request-id" }.map {
                        ($0.name.canonicalName, $0.value)
                    }
                ) {
                    $0 + ", " + $1
                }
            }
            #expect(fields(second.headers) == fields(first.headers))
            #expect(second.headers[.date] != nil)
            #expect(second.headers[HTTPField.Name("X-Request-Id")!] != first.headers[HTTPField.Name("X-Request-Id")!])
            #expect(second.headers[.contentEncoding] == "gzip")

            // Revalidation: 304, past the router too, with the tag and without a body.
            let unchanged = try await api.get(
                Self.list, headers: ["Accept-Encoding": "gzip", "If-None-Match": first.headers[.eTag]!])
            #expect(unchanged.status == 304 && unchanged.body.isEmpty)
            #expect(unchanged.headers[.eTag] == first.headers[.eTag])
            #expect(Self.sent(server) == 2)

            // Counted in the metrics under the route's pattern, as the router counts.
            let metrics = try await api.get("/metrics").body
            #expect(
                metrics.contains(
                    #"loket_http_requests_total{route="/api/v1/desks/{desk}/slots",method="GET",status="304"} 1"#))
            #expect(
                metrics.contains(
                    #"loket_http_requests_total{route="/api/v1/desks/{desk}/slots",method="GET",status="200"} 2"#))
        }
    }

    /// Only the target the route understood, spelled its one way, is published: `?x=1`, `?x=2`…
    /// or `persons=01`, `persons=001`… cannot fill the bound and push out what pollers ask for.
    static let targets: [(target: String, canonical: Bool)] = [
        (list, true),
        ("/api/v1/desks/RACE/slots?product=BIO&persons=1", true),
        ("/api/v1/desks/RACE/slots?product=BIO&persons=01", false),
        ("/api/v1/desks/RACE/slots?to=2022-06-02&product=BIO", false),
        ("/api/v1/desks/RACE/slots", false),
        (list + "&x=1", false),
        (list + "&product=BIO", false),
        ("/api/v1/desks/RACE/slots?product=", false),
        ("/api/v1/desks/RACE/slots?product=BIO&", false),
        ("/api/v1/desks/RACE/slots?product", false),
    ]

    @Test(arguments: targets) func onlyCanonicalTargetsArePublished(target: String, canonical: Bool) async throws {
        try await TestServer.run(network: Self.network) { server, api in
            _ = try await api.get(target)
            _ = try await api.get(target)
            #expect(Self.sent(server) == (canonical ? 1 : 0))
        }
    }

    /// The bound keeps what is asked for: an answer polled while many others come and go stays,
    /// and the least recently used go (in O(1), by generations).
    @Test func whatPollersAskForStaysWhileOthersComeAndGo() async throws {
        let ready = ReadyAnswers(maxEntries: 8)
        func answer() -> ReadyAnswers.Answer {
            ReadyAnswers.Answer(
                body: ReadyBody(string: "{}", contentType: "application/json"),
                cacheControl: "no-cache", headers: [:], isCurrent: { true }, admit: { _ in true },
                record: { _, _ in })
        }
        let polled = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/health")
        ready.publish(answer(), for: "/health")
        for i in 0..<100 {
            ready.publish(answer(), for: "/api/v1/draws?desk=D\(i)")
            #expect(ready.answer(polled, client: { nil }) != nil, "\(i)")
            #expect(ready.kept.entries <= 8)
        }
    }

    @Test func aBookingSendsTheNextPollToTheRouterForAFreshList() async throws {
        try await TestServer.run(network: Self.network) { server, api in
            #expect(try await api.get(Self.list).body.contains("20220602-0900-one"))
            #expect(try await api.post("/api/v1/holds", Self.hold).status == 201)
            let after = try await api.get(Self.list)
            #expect(Self.sent(server) == 0)
            #expect(after.status == 200 && !after.body.contains("20220602-0900-one"))
            // And the fresh list is the one sent past the router from then on.
            #expect(try await api.get(Self.list).body == after.body)
            #expect(Self.sent(server) == 1)
        }
    }

    @Test func aListPastItsTimeToLiveGoesToTheRouter() async throws {
        try await TestServer.run(network: Self.network) { server, api in
            _ = try await api.get(Self.list)
            server.clock.advance(minutes: 1)
            #expect(try await api.get(Self.list).status == 200)
            #expect(Self.sent(server) == 0)
        }
    }

    @Test func badInputAndOtherMethodsAreTheRouters() async throws {
        try await TestServer.run(network: Self.network) { server, api in
            _ = try await api.get(Self.list)
            let bad = try await api.get("/api/v1/desks/RACE/slots?product=BIO&persons=many")
            #expect((400..<500).contains(bad.status) && bad.errorField == "persons")
            #expect(try await api.call(.head, Self.list).status != 500)
            #expect(Self.sent(server) == 0)
        }
    }

    @Test func aClientPastItsLimitIsRefusedByTheRouterAndCountedOnce() async throws {
        let network = TestNetwork.single(counters: 1, limits: "{slotReads: {burst: 2, perMinute: 60}}")
        try await TestServer.run(network: network) { server, api in
            #expect(try await api.get(Self.list).status == 200)
            #expect(try await api.get(Self.list).status == 200)
            #expect(Self.sent(server) == 1)
            let refused = try await api.get(Self.list)
            #expect(refused.status == 429 && refused.errorCode == "slotReads")
            #expect(Self.sent(server) == 1)
            let metrics = try await api.get("/metrics").body
            #expect(metrics.contains(#"loket_limit_refusals_total{rule="slotReads"} 1"#))
        }
    }

    @Test func anAnswerChosenByAHeaderIsSentOnlyForTheSameValue() async throws {
        try await TestServer.run(network: Self.network) { server, api in
            let data = "/api/v1/open-data/wait-times"
            let csv = ["Accept": "text/csv"]
            let firstCSV = try await api.get(data, headers: csv)
            #expect(firstCSV.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(Self.sent(server) == 0)
            // Another Accept is another answer: the router's, the first time.
            let json = try await api.get(data)
            #expect(json.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(Self.sent(server) == 0)
            let againCSV = try await api.get(data, headers: csv)
            #expect(Self.sent(server) == 1)
            #expect(againCSV.body == firstCSV.body && againCSV.headers[.vary] == firstCSV.headers[.vary])
            #expect(try await api.get(data).body == json.body)
            #expect(Self.sent(server) == 2)
        }
    }

    @Test func requestsSentTogetherAreAnsweredInOrder() async throws {
        try await TestServer.run(network: Self.network) { server, api in
            _ = try await api.get(Self.list)
            let port = try #require(api.client.port)
            // A list ready to send, then a hold for the router, then the list again: the first is
            // answered at once, the last only after the hold, and without the held slot.
            let get = "GET \(Self.list) HTTP/1.1\r\nHost: loket\r\n\r\n"
            let post =
                "POST /api/v1/holds HTTP/1.1\r\nHost: loket\r\nContent-Type: application/json\r\n"
                + "Content-Length: \(Self.hold.utf8.count)\r\n\r\n\(Self.hold)"
            let last = "GET \(Self.list) HTTP/1.1\r\nHost: loket\r\nConnection: close\r\n\r\n"
            let responses = try await Self.exchange(port: port, get + post + last)
            #expect(responses.map(\.status) == [200, 201, 200])
            #expect(responses[0].body.contains("20220602-0900-one"))
            #expect(!responses[2].body.contains("20220602-0900-one"))
            #expect(Self.sent(server) == 1)
        }
    }

    /// A HEAD between two ready answers goes to the router, in its turn and without a body: NIO's
    /// encoder, which learns each request's method from the parser, pairs every response with
    /// its request although the ready ones never reach the router.
    @Test func aHeadBetweenReadyAnswersKeepsItsTurnAndHasNoBody() async throws {
        try await TestServer.run(network: Self.network) { server, api in
            let first = try await api.get(Self.list)
            let port = try #require(api.client.port)
            let get = "GET \(Self.list) HTTP/1.1\r\nHost: loket\r\n\r\n"
            let head = "HEAD \(Self.list) HTTP/1.1\r\nHost: loket\r\n\r\n"
            let last = "GET \(Self.list) HTTP/1.1\r\nHost: loket\r\nConnection: close\r\n\r\n"
            let received = try await RawConnection.exchange(port: port, get + head + last)
            // Three responses: the list, the HEAD's head alone, the list again.
            let parts = received.components(separatedBy: "HTTP/1.1 200 OK\r\n").dropFirst()
            #expect(parts.count == 3)
            let bodies = parts.map { $0.components(separatedBy: "\r\n\r\n").dropFirst().joined() }
            #expect(bodies == [first.body, "", first.body])
            // The first at least was answered before the router (the last too, if the HEAD's
            // response was out before it arrived).
            #expect(Self.sent(server) >= 1)
        }
    }

    @Test func aClientThatAsksToCloseIsAnsweredAndClosedAndNothingAfterIsAnswered() async throws {
        try await TestServer.run(network: Self.network) { server, api in
            _ = try await api.get(Self.list)
            let port = try #require(api.client.port)
            let close = "GET \(Self.list) HTTP/1.1\r\nHost: loket\r\nConnection: close\r\n\r\n"
            let after = "GET \(Self.list) HTTP/1.1\r\nHost: loket\r\n\r\n"
            let responses = try await Self.exchange(port: port, close + after)
            #expect(responses.map(\.status) == [200])
            #expect(Self.sent(server) == 1)
        }
    }

    /// HTTP/1.0 without keep-alive (ApacheBench, a proxy's health check) reads until the server
    /// closes: the connection is closed after the answer, whether it was ready or the router's.
    @Test func anHTTP10RequestWithoutKeepAliveIsAnsweredAndClosed() async throws {
        try await TestServer.run(network: Self.network) { server, api in
            _ = try await api.get(Self.list)
            let port = try #require(api.client.port)
            let ready = try await Self.exchange(port: port, "GET \(Self.list) HTTP/1.0\r\n\r\n")
            #expect(ready.map(\.status) == [200])
            #expect(Self.sent(server) == 1)
            let router = try await Self.exchange(port: port, "GET /api/v1/no-such-thing HTTP/1.0\r\n\r\n")
            #expect(router.map(\.status) == [404])
            let pipelined = try await Self.exchange(
                port: port,
                "GET /api/v1/no-such-thing HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                    + "GET /api/v1/no-such-thing HTTP/1.0\r\n\r\nGET \(Self.list) HTTP/1.0\r\n\r\n")
            #expect(pipelined.map(\.status) == [404, 404])
            #expect(Self.sent(server) == 1)
        }
    }

    /// Sends `bytes` on one connection and reads the responses until the server closes it.
    static func exchange(port: Int, _ bytes: String) async throws -> [(status: Int, body: String)] {
        Self.responses(in: try await RawConnection.exchange(port: port, bytes))
    }

    /// Splits what arrived into responses by their `Content-Length`.
    static func responses(in text: String) -> [(status: Int, body: String)] {
        var rest = Substring(text)
        var responses: [(Int, String)] = []
        while let end = rest.range(of: "\r\n\r\n") {
            let head = rest[..<end.lowerBound]
            let status = Int(head.split(separator: " ")[1]) ?? 0
            let length =
                head.split(separator: "\r\n")
                .first { $0.lowercased().hasPrefix("content-length:") }
                .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
            let body = rest[end.upperBound...].utf8.prefix(length)
            responses.append((status, String(decoding: body, as: UTF8.self)))
            rest = Substring(rest[end.upperBound...].utf8.dropFirst(length))
        }
        return responses
    }
}

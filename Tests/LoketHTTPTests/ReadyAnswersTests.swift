import CompressNIO
import Foundation
import HTTPTypes
import HummingbirdTesting
import LoketServer
import LoketTestSupport
import NIOCore
import Synchronization
import Testing

/// What pollers get: answers made once per capacity generation, gzip for who accepts it, an
/// `ETag` so that an unchanged answer costs a `304`, and public pages with each visitor's own
/// form token in them.
@Suite(.timeLimit(.minutes(3))) struct ReadyAnswersTests: PageTests {
    /// One counter, so that a hold takes a slot out of the list.
    static let network = TestNetwork.single(counters: 1, horizonDays: 5)

    /// The raw answer, bytes and all (the test client does not decompress).
    func fetch(
        _ api: APIClient, _ uri: String, _ headers: HTTPFields = [:]
    ) async throws -> (
        status: Int, headers: HTTPFields, body: ByteBuffer
    ) {
        try await api.client.execute(uri: uri, method: .get, headers: headers) {
            (Int($0.status.code), $0.headers, $0.body)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func slotListsAreCompressedValidatedAndRevalidatedCheaply(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: Self.network) { _, api in
            for uri in [
                "/api/v1/desks/RACE/slots?product=BIO&persons=1", "/oap/api/desks/RACE/slots/?productKey=BIO&persons=1",
            ] {
                let plain = try await fetch(api, uri)
                #expect(plain.status == 200)
                #expect(plain.headers[.cacheControl] == "no-cache")
                #expect(plain.headers[.vary] == "Accept-Encoding")
                #expect(plain.headers[.contentEncoding] == nil)
                let etag = try #require(plain.headers[.eTag])
                #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))

                var zipped = try await fetch(api, uri, [.acceptEncoding: "br, gzip;q=0.8"])
                #expect(zipped.headers[.contentEncoding] == "gzip")
                #expect(zipped.body.readableBytes < plain.body.readableBytes)
                #expect(zipped.headers[.eTag] != etag)
                #expect(try zipped.body.decompress(with: .gzip()) == plain.body)
                #expect(try await fetch(api, uri, [.acceptEncoding: "gzip;q=0"]).headers[.contentEncoding] == nil)

                // Whoever holds the tag of the form they would get has a 304 without a body.
                for held in [etag, "W/\(etag)", "\"other\", \(etag)"] {
                    let unchanged = try await fetch(api, uri, [.ifNoneMatch: held])
                    #expect(unchanged.status == 304 && unchanged.body.readableBytes == 0)
                    #expect(unchanged.headers[.eTag] == etag)
                }
                let gzipTag = try #require(zipped.headers[.eTag])
                #expect(try await fetch(api, uri, [.acceptEncoding: "gzip", .ifNoneMatch: gzipTag]).status == 304)
                // The other form's tag is not this form's: a cache holding only that one gets the bytes.
                #expect(try await fetch(api, uri, [.ifNoneMatch: gzipTag]).status == 200)
                #expect(try await fetch(api, uri, [.ifNoneMatch: "\"other\""]).status == 200)
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aBookingChangesTheListAndItsTagAtOnce(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: Self.network) { _, api in
            let uri = "/api/v1/desks/RACE/slots?product=BIO&persons=1&from=2022-06-02&to=2022-06-02"
            let before = try await fetch(api, uri)
            let etag = try #require(before.headers[.eTag])
            let held = try await api.post(
                "/api/v1/holds", #"{"desk":"RACE","product":"BIO","persons":1,"slot":"20220602-0900-one"}"#)
            #expect(held.status == 201)
            // The clock has not moved: only the capacity generation tells the cache the list is stale.
            let after = try await fetch(api, uri, [.ifNoneMatch: etag])
            #expect(after.status == 200)
            #expect(after.headers[.eTag] != etag)
            #expect(!String(buffer: after.body).contains("20220602-0900-one"))
            #expect(String(buffer: before.body).contains("20220602-0900-one"))
        }
    }

    @Test func publicAnswersCarryTagsAndCompress() async throws {
        try await TestServer.run(network: Self.network) { _, api in
            for uri in ["/api/v1/wait-times", "/api/v1/draws", "/api/v1/open-data/wait-times?format=csv"] {
                let first = try await fetch(api, uri, [.acceptEncoding: "gzip"])
                #expect(first.status == 200, "\(uri)")
                let etag = try #require(first.headers[.eTag], "\(uri)")
                #expect(first.headers[.cacheControl]?.hasPrefix("public, max-age=") == true)
                #expect(try await fetch(api, uri, [.acceptEncoding: "gzip", .ifNoneMatch: etag]).status == 304)
            }
            let csv = try await fetch(api, "/api/v1/open-data/wait-times?format=csv")
            #expect(csv.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"wait-times-") == true)
            #expect(csv.headers[.vary] == "Accept, Accept-Encoding")
        }
    }

    @Test func theOpenDataIsMadeAgainOnceTheHistoryIsMeasured() async throws {
        try await TestServer.run(network: Self.network) { server, api in
            let uri = "/api/v1/open-data/wait-times?desk=RACE"
            #expect((try await api.get(uri).json["values"] as? [Any])?.isEmpty == true)
            // Measured in the same second: the kept answer, made before, must not hide it.
            _ = try await server.loket.forecasts.measure()
            #expect((try await api.get(uri).json["values"] as? [Any])?.isEmpty == false)
        }
    }

    @Test func cachedPublicPagesCarryEachVisitorsOwnFormToken() async throws {
        try await TestServer.run(network: Self.network) { _, api in
            let uri = "/book/BIO/desks/RACE?persons=1&date=2022-06-02"
            let mine = try await get(api, uri)
            #expect(mine.status == 200)
            #expect(mine.body.contains("value=\"\(Self.csrf)\""))
            #expect(mine.body.contains("20220602-0900-one"))
            // Another visitor, the same page from memory: their own token, never the first visitor's.
            let other = String(repeating: "ef", count: 32)
            let theirs = try await api.client.execute(
                uri: uri, method: .get, headers: [.cookie: "loket_lang=en; loket_csrf=\(other)"]
            ) { String(buffer: $0.body) }
            #expect(theirs.contains("value=\"\(other)\"") && !theirs.contains(Self.csrf))
            #expect(!theirs.contains("LoketFormTokenGap"))
            // A first visit gets a new token, in the cookie and in the form alike.
            let fresh = try await api.client.execute(uri: uri, method: .get, headers: [:]) { $0 }
            let cookie = try #require(fresh.headers[values: .setCookie].first { $0.hasPrefix("loket_csrf=") })
            let token = String(cookie.dropFirst("loket_csrf=".count).prefix(64))
            #expect(String(buffer: fresh.body).contains("value=\"\(token)\""))
            // Junk in the query does not reach the page (nor make a new one).
            let junk = try await get(api, uri + "&x=%3Cscript%3E")
            #expect(junk.status == 200 && !junk.body.contains("script%3E"))
            // A booking elsewhere in the same second shows at once.
            let held = try await api.post(
                "/api/v1/holds", #"{"desk":"RACE","product":"BIO","persons":1,"slot":"20220602-0900-one"}"#)
            #expect(held.status == 201)
            let after = try await get(api, uri)
            #expect(!after.body.contains("20220602-0900-one") && after.body.contains("20220602-0910-one"))
            for page in ["/book/BIO/desks", "/wachttijden", "/en/waiting-times"] {
                let answer = try await get(api, page)
                #expect(answer.status == 200 && !answer.body.contains("LoketFormTokenGap"), "\(page)")
            }
        }
    }

    @Test func aPollStormAtExpiryMakesTheAnswerOnce() async throws {
        let cache = ResponseCache<String, Int>(ttl: 1)
        let made = Count()
        let (started, startedSignal) = AsyncStream<Void>.makeStream()
        let (release, releaseSignal) = AsyncStream<Void>.makeStream()
        let now = Date(timeIntervalSince1970: 1_000)
        let first = Task {
            try await cache.value("list", generation: 1, now: now) {
                made.add()
                startedSignal.yield()
                for await _ in release { break }
                return 7
            }
        }
        for await _ in started { break }
        // While the first making is under way, the next asker waits for it instead of making its own.
        let second = Task {
            try await cache.value("list", generation: 1, now: now) {
                made.add()
                return 8
            }
        }
        releaseSignal.yield()
        #expect(try await first.value == 7)
        #expect(try await second.value == 7)
        #expect(made.value == 1)
        // Within the second it stays; a new generation makes it again before anyone gets it.
        #expect(try await cache.value("list", generation: 1, now: now.addingTimeInterval(0.5)) { 9 } == 7)
        #expect(try await cache.value("list", generation: 2, now: now.addingTimeInterval(0.5)) { 10 } == 10)
        // After the second, the old answer goes out once more while the new one is made beside it.
        #expect(try await cache.value("list", generation: 2, now: now.addingTimeInterval(1.5)) { 11 } == 10)
        await cache.settle("list")
        #expect(try await cache.value("list", generation: 2, now: now.addingTimeInterval(1.6)) { 12 } == 11)
        // Past its lifetime twice over (its refresh failing all along), nobody gets it any more.
        #expect(try await cache.value("list", generation: 2, now: now.addingTimeInterval(3.7)) { 14 } == 14)
        // A failure is not kept.
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            try await cache.value("other", generation: 1, now: now) { throw Refused() }
        }
        #expect(try await cache.value("other", generation: 1, now: now) { 13 } == 13)
    }

    /// How many times an answer was made.
    final class Count: Sendable {
        private let count = Mutex(0)
        func add() { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }
    }

    @Test func acceptEncodingAndIfNoneMatchAreReadAsHTTPSays() {
        #expect(ReadyBody.acceptsGzip("gzip, deflate, br"))
        #expect(ReadyBody.acceptsGzip("*"))
        #expect(ReadyBody.acceptsGzip("GZIP;q=0.5"))
        #expect(!ReadyBody.acceptsGzip("gzip;q=0"))
        #expect(!ReadyBody.acceptsGzip("br"))
        #expect(!ReadyBody.acceptsGzip("*, gzip;q=0"))
        #expect(ReadyBody.acceptsGzip("br;q=1, *;q=0.1"))
        #expect(!ReadyBody.acceptsGzip(nil))
        #expect(ReadyBody.matches("*", "\"a\""))
        #expect(ReadyBody.matches("\"b\", W/\"a\"", "\"a\""))
        #expect(!ReadyBody.matches("\"b\"", "\"a\""))
        let small = ReadyBody(string: "{}", contentType: "application/json")
        #expect(small.gzip == nil)
    }
}

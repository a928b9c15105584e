import Foundation
import HTTPTypes
import LoketTestSupport
import Testing

@testable import LoketServer

/// The public pages without a form (the desks of a product, the waiting times) are the same for
/// everyone in one language: sent past the router like the API's polled answers, without a form
/// token or its cookie, in the language each visitor would get from the router.
@Suite(.timeLimit(.minutes(3))) struct PublicPagesPastTheRouterTests {
    static let network = TestNetwork.single(counters: 1)

    static func sent(_ server: TestServer) -> Int { server.ready.sent.load(ordering: .relaxed) }

    /// The response's headers without the ones that differ per response.
    static func fields(_ headers: HTTPFields) -> [String: String] {
        Dictionary(
            headers.filter { $0.name != .date && $0.name.canonicalName != "x-request-id" }.map {
                ($0.name.canonicalName, $0.value)
            }
        ) { $0 + ", " + $1 }
    }

    @Test func theDesksPageIsSentPastTheRouterInEachVisitorsLanguage() async throws {
        try await TestServer.run(network: Self.network) { server, api in
            let english = ["Accept-Language": "en-GB,en;q=0.9"]
            let first = try await api.get("/book/BIO/desks", headers: english)
            #expect(first.status == 200 && first.body.contains(#"<html lang="en""#))
            // No form on it: no token to carry, so no cookie either.
            #expect(first.headers[.setCookie] == nil && !first.body.contains("csrf"))
            #expect(first.headers[.vary] == "Cookie, Accept-Language, Accept-Encoding")
            #expect(Self.sent(server) == 0)
            let again = try await api.get("/book/BIO/desks", headers: english)
            #expect(Self.sent(server) == 1)
            #expect(again.body == first.body && Self.fields(again.headers) == Self.fields(first.headers))

            // The switch's cookie outranks the browser, as on the router's way: Dutch is made
            // once by the router, then sent past it, whatever other cookies come along.
            let dutch = ["Accept-Language": "en", "Cookie": "loket_lang=nl"]
            let made = try await api.get("/book/BIO/desks", headers: dutch)
            #expect(made.body.contains(#"<html lang="nl""#) && Self.sent(server) == 1)
            let withToken = [
                "Accept-Language": "en", "Cookie": "loket_csrf=\(String(repeating: "ab", count: 32)); loket_lang=nl",
            ]
            let sentDutch = try await api.get("/book/BIO/desks", headers: withToken)
            #expect(sentDutch.body == made.body && Self.sent(server) == 2)

            // A language nobody asked for yet goes the router's way, and is then ready too.
            let arabic = try await api.get("/book/BIO/desks", headers: ["Accept-Language": "ar"])
            #expect(arabic.body.contains(#"<html lang="ar" dir="rtl">"#) && Self.sent(server) == 2)
            let arabicAgain = try await api.get("/book/BIO/desks", headers: ["Accept-Language": "ar,en;q=0.5"])
            #expect(arabicAgain.body == arabic.body && Self.sent(server) == 3)
            // No language preference at all: Dutch, the same answer as the chosen Dutch.
            let plain = try await api.get("/book/BIO/desks")
            #expect(plain.body == made.body && Self.sent(server) == 4)

            // Another address than the page's own is answered but never published.
            _ = try await api.get("/book/BIO/desks?x=1", headers: english)
            _ = try await api.get("/book/BIO/desks?x=1", headers: english)
            #expect(Self.sent(server) == 4)
            // HEAD is the router's, with the GET's headers and no body.
            let head = try await api.client.execute(uri: "/book/BIO/desks", method: .head, headers: [:]) { $0 }
            #expect(head.status == .ok && head.body.readableBytes == 0 && Self.sent(server) == 4)

            // Gzip and revalidation, as for the API's answers.
            let zipped = try await api.get(
                "/book/BIO/desks", headers: english.merging(["Accept-Encoding": "gzip"]) { $1 })
            #expect(zipped.headers[.contentEncoding] == "gzip")
            let unchanged = try await api.get(
                "/book/BIO/desks", headers: english.merging(["If-None-Match": first.headers[.eTag]!]) { $1 })
            #expect(unchanged.status == 304 && unchanged.body.isEmpty && Self.sent(server) == 6)
        }
    }

    @Test func theDesksPageIsMadeAgainAfterAMinute() async throws {
        try await TestServer.run(network: Self.network) { server, api in
            _ = try await api.get("/book/BIO/desks")
            _ = try await api.get("/book/BIO/desks")
            #expect(Self.sent(server) == 1)
            // The first free day moves on once that page is a minute old: not past the router any more.
            server.clock.advance(seconds: 61)
            _ = try await api.get("/book/BIO/desks")
            #expect(Self.sent(server) == 1)
        }
    }

    /// While the database refuses writes every page says that only viewing works: the answer
    /// published before is no longer sent, and the page with the notice is not published.
    @Test func noAnswerIsSentPastTheRouterWhileWritesAreRefused() async throws {
        try await TestServer.run(network: Self.network) { server, api in
            let usual = try await api.get("/book/BIO/desks")
            _ = try await api.get("/book/BIO/desks")
            #expect(Self.sent(server) == 1)
            // What a read-only file gives: SQLite refuses the write, and the database remembers it.
            _ = try? await server.database.session { db in
                try await db.raw("PRAGMA query_only = ON").run()
                try await db.raw("UPDATE schema_migrations SET applied_at = applied_at").run()
            }
            #expect(server.database.refusesWrites)
            let readOnly = try await api.get("/book/BIO/desks")
            #expect(readOnly.status == 200 && readOnly.body != usual.body)
            _ = try await api.get("/book/BIO/desks")
            #expect(Self.sent(server) == 1)
        }
    }

    @Test func theWaitingTimesAreOneAnswerPerAddressUntilMeasuredAgain() async throws {
        try await TestServer.run(network: Self.network) { server, api in
            for page in ["/wachttijden", "/en/waiting-times"] {
                let first = try await api.get(page, headers: ["Cookie": "loket_lang=ar"])
                #expect(first.status == 200 && first.headers[.setCookie] == nil)
                // The address decides the language: a visitor of any language gets this answer.
                let second = try await api.get(page, headers: ["Accept-Language": "uk"])
                #expect(second.body == first.body)
            }
            #expect(Self.sent(server) == 2)
            // Measured again: the page is made again before anyone gets the old one.
            _ = try await server.loket.forecasts.measure()
            _ = try await api.get("/wachttijden")
            #expect(Self.sent(server) == 2)
            _ = try await api.get("/wachttijden")
            #expect(Self.sent(server) == 3)
        }
    }
}

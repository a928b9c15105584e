import Foundation
import HTTPTypes
import LoketDomain
import LoketServer
import LoketTestSupport
import Testing

/// Every request has an id, sent back in `X-Request-Id`: a trusted proxy's when it sent a sound
/// one, else a new one; the outbox keeps the id of the request that wrote each message.
@Suite(.timeLimit(.minutes(3))) struct RequestIdentityTests {
    static let header = HTTPField.Name("X-Request-Id")!

    @Test func everyAnswerNamesItsRequest() async throws {
        try await TestServer.run(network: TestNetwork.single(counters: 3)) { _, api in
            var seen = Set<String>()
            for path in ["/health", "/api/v1/desks/RACE/slots?product=BIO", "/", "/nowhere", "/ready"] {
                // Twice: the second may be answered past the router, from the ready answers.
                for _ in 0..<2 {
                    let id = try #require(try await api.get(path).headers[Self.header], "\(path)")
                    #expect(id.count >= 16 && id.allSatisfy(\.isHexDigit), "\(path)")
                    seen.insert(id)
                }
            }
            #expect(seen.count == 10)
            // From an untrusted peer, a client's own id is not taken.
            let forged = try await api.get("/health", headers: ["X-Request-Id": "forged"])
            #expect(forged.headers[Self.header] != "forged")
        }
    }

    /// Ids made before the router have the shape of Hummingbird's: a random part shared by the
    /// process, then a counter, 32 hex digits in all.
    @Test func freshIdsAreAPrefixAndACounterInHex() {
        let first = RequestIdentity.fresh()
        let second = RequestIdentity.fresh()
        for id in [first, second] {
            #expect(id.utf8.count == 32 && id.allSatisfy { "0123456789abcdef".contains($0) }, "\(id)")
        }
        #expect(first.prefix(16) == second.prefix(16))
        #expect(first.suffix(16) != second.suffix(16))
    }

    @Test func aTrustedProxysIdIsKeptWhenSound() async throws {
        try await TestServer.run(trustedProxies: ["127.0.0.0/8"]) { _, api in
            let kept = try await api.get("/api/v1/desks", headers: ["X-Request-Id": "lb-7f3a.1:2_x"])
            #expect(kept.headers[Self.header] == "lb-7f3a.1:2_x")
            for unsound in ["two words", String(repeating: "a", count: 129), "quote\"d", "é"] {
                let replaced = try await api.get("/api/v1/desks", headers: ["X-Request-Id": unsound])
                #expect(replaced.headers[Self.header] != unsound)
                #expect(replaced.headers[Self.header]?.allSatisfy(\.isHexDigit) == true)
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func theOutboxKeepsTheRequestThatWroteAMessage(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: InvitationAPITests.network) { server, api in
            let invited = try await InvitationAPITests.invite(
                api, try await InvitationAPITests.caseSystem(server), InvitationAPITests.ana)
            #expect(invited.status == 201)
            let id = try #require(invited.headers[Self.header])
            let stored = try await server.database.session { db in
                try await db.raw("SELECT request_id FROM outbox WHERE kind = 'invitation'").all().map {
                    try $0.decode(column: "request_id", as: String?.self)
                }
            }
            #expect(stored == [id])
        }
    }
}

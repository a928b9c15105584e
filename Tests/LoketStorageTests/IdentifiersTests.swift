import Foundation
import Testing

@testable import LoketStorage

/// The secrets storage hands out and the digests it keeps of them, in the forms the database and
/// the links already hold.
@Suite(.timeLimit(.minutes(3))) struct IdentifiersTests {
    @Test func aDigestIsLowercaseHexOfSHA256() {
        #expect(
            Identifiers.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect([0x00, 0x0f, 0xa0, 0xff].hexString == "000fa0ff")
    }

    @Test func identifiersAndTokensAreURLSafeWithoutPadding() {
        let urlSafe = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        for _ in 0..<200 {
            let id = Identifiers.make()
            let token = Identifiers.token()
            #expect(id.count == 22 && token.count == 43)
            #expect(id.allSatisfy(urlSafe.contains) && token.allSatisfy(urlSafe.contains))
        }
        // Over 200 tokens of 43 characters each, every one of the 64 characters turns up.
        let seen = Set((0..<200).flatMap { _ in Identifiers.token() })
        #expect(seen == urlSafe)
    }

    /// Identifiers made in one millisecond share their first eight characters (the time, 48
    /// bits), so that they sit together in an index; the 80 bits after the time tell them apart.
    @Test func identifiersMadeTogetherShareTheirTime() throws {
        let now = Date(timeIntervalSince1970: 1_796_000_000.123)
        let ids = (0..<100).map { _ in Identifiers.make(at: now) }
        #expect(Set(ids.map { $0.prefix(8) }).count == 1)
        #expect(Set(ids).count == 100)
        let time = try #require(
            Data(base64Encoded: String(ids[0].prefix(8)).replacing("-", with: "+").replacing("_", with: "/")))
        #expect(time.reduce(UInt64(0)) { $0 << 8 | UInt64($1) } == 1_796_000_000_123)
        #expect(Identifiers.make(at: now + 0.001).prefix(8) != ids[0].prefix(8))
    }

    /// What the public sees says nothing of when it was made.
    @Test func publicIdentifiersAreRandomThroughout() {
        let ids = (0..<100).map { _ in Identifiers.random() }
        #expect(Set(ids.map { $0.prefix(2) }).count > 30)
        #expect(ids.allSatisfy { $0.count == 22 })
    }
}

import HTTPTypes
import NIOCore
import NIOHTTP1
import Testing

@testable import LoketServer

/// Limits count a client by one canonical text: every spelling of one address is one client, an
/// IPv6 client is its /64, and what is not an address names nobody.
@Suite(.timeLimit(.minutes(3))) struct ClientKeyTests {
    static let spellings: [(written: String, key: String?)] = [
        ("192.0.2.7", "192.0.2.7"),
        (" 192.0.2.7 ", "192.0.2.7"),
        ("192.0.2.7:5100", "192.0.2.7"),
        ("::ffff:192.0.2.7", "192.0.2.7"),
        ("[::ffff:192.0.2.7]:443", "192.0.2.7"),
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:0db8:0001:0002:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),
        ("[2001:db8:1:2::7]:8443", "2001:db8:1:2::/64"),
        ("fe80::1%eth0", "fe80::/64"),
        ("\"[2001:db8:1:2::9]\"", "2001:db8:1:2::/64"),
        ("garbage", nil),
        ("192.0.2.7:", nil),
        ("192.0.2.999", nil),
        ("[2001:db8::1", nil),
        ("unknown", nil),
        ("", nil),
    ]

    @Test(arguments: spellings) func everySpellingOfAnAddressIsOneClient(_ written: String, key: String?) {
        #expect(ClientKey.bytes(of: written).map { ClientKey.key($0, ipv6Prefix: 64) } == key)
    }

    @Test func thePrefixIsConfigurable() {
        let bytes = ClientKey.bytes(of: "2001:db8:1:2:3:4:5:6")!
        #expect(ClientKey.key(bytes, ipv6Prefix: 48) == "2001:db8:1::/48")
        #expect(ClientKey.key(bytes, ipv6Prefix: 56) == "2001:db8:1::/56")
        #expect(ClientKey.key(bytes, ipv6Prefix: 60) == "2001:db8:1::/60")
        #expect(ClientKey.key(bytes, ipv6Prefix: 128) == "2001:db8:1:2:3:4:5:6")
    }

    /// Behind a trusted proxy, the forwarded client is parsed the same way; a hop that is not an
    /// address stops the walk at the proxy, so garbage strings are not clients of their own.
    static let forwarded: [(header: String, client: String)] = [
        ("203.0.113.7", "203.0.113.7"),
        ("203.0.113.7:5100", "203.0.113.7"),
        ("2001:DB8::1", "2001:db8::/64"),
        ("2001:db8::1, 2001:db8::2", "2001:db8::/64"),
        ("garbage", "127.0.0.1"),
        ("203.0.113.7, garbage", "127.0.0.1"),
        ("garbage, 203.0.113.7", "203.0.113.7"),
        ("203.0.113.7, 127.0.0.2", "203.0.113.7"),
    ]

    @Test(arguments: forwarded) func forwardedClientsAreCanonical(_ header: String, client: String) throws {
        let proxies = try TrustedProxies(cidrs: ["127.0.0.0/8"])
        let peer = try SocketAddress(ipAddress: "::ffff:127.0.0.1", port: 40000)
        #expect(proxies.client(peer: peer, headers: RequestHeaders([.init("X-Forwarded-For")!: header])) == client)
        // The same read from NIO's own headers, as the ready answers read it, in any case.
        let nio = RequestHeaders(HTTPHeaders([("x-forwarded-for", header)]))
        #expect(proxies.client(peer: peer, headers: nio) == client)
    }

    /// A proxy chain split over two header lines is one list, read alike both ways.
    @Test func forwardedOverTwoLinesIsOneList() throws {
        let proxies = try TrustedProxies(cidrs: ["127.0.0.0/8"])
        let peer = try SocketAddress(ipAddress: "127.0.0.1", port: 40000)
        let name = HTTPField.Name("X-Forwarded-For")!
        let fields = HTTPFields([
            HTTPField(name: name, value: "203.0.113.7"), HTTPField(name: name, value: "127.0.0.2"),
        ])
        let headers = HTTPHeaders([("X-Forwarded-For", "203.0.113.7"), ("X-Forwarded-For", "127.0.0.2")])
        #expect(proxies.client(peer: peer, headers: RequestHeaders(fields)) == "203.0.113.7")
        #expect(proxies.client(peer: peer, headers: RequestHeaders(headers)) == "203.0.113.7")
        #expect(RequestHeaders(headers)[name] == RequestHeaders(fields)[name])
    }

    @Test func aPeerThatIsNotAProxyIsItsOwnClientWhateverItForwards() throws {
        let proxies = try TrustedProxies(cidrs: ["10.0.0.0/8"])
        let peer = try SocketAddress(ipAddress: "2001:db8:aa:bb:1:2:3:4", port: 40000)
        #expect(
            proxies.client(peer: peer, headers: RequestHeaders([.init("X-Forwarded-For")!: "203.0.113.7"]))
                == "2001:db8:aa:bb::/64")
    }
}

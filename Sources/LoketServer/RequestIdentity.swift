import HTTPTypes
import Hummingbird
import NIOCore

/// Every request's id, sent back in `X-Request-Id` and written on every log line it causes:
/// the one a trusted proxy sent (so that the proxy's log and Loket's meet), or a new one.
public enum RequestIdentity {
    public static let header = HTTPField.Name("X-Request-Id")!

    /// The id of a request with `headers` from `peer`: a proxy's, when `proxies` trusts the peer
    /// and the id is 1 to 128 letters, digits and `-._:` (nothing that could forge a log line),
    /// else `fresh` (Hummingbird's request id: random, then counted).
    public static func id(
        peer: SocketAddress?, headers: RequestHeaders, proxies: TrustedProxies,
        fresh: @autoclosure () -> String = RequestID().description
    ) -> String {
        if let given = headers[header], acceptable(given), let peer, let bytes = ClientKey.bytes(of: peer),
            proxies.trusts(bytes)
        {
            return given
        }
        return fresh()
    }

    static func acceptable(_ id: String) -> Bool {
        (1...128).contains(id.utf8.count)
            && id.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                    UInt8(ascii: ":"):
                    true
                default: false
                }
            }
    }
}

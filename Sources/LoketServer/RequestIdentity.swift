import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// Every request's id, sent back in `X-Request-Id` and written on every log line it causes:
/// the one a trusted proxy sent (so that the proxy's log and Loket's meet), or a new one.
public enum RequestIdentity {
    public static let header = HTTPField.Name("X-Request-Id")!

    /// The id of a request with `headers` from `peer`: a proxy's, when `proxies` trusts the peer
    /// and the id is 1 to 128 letters, digits and `-._:` (nothing that could forge a log line),
    /// else `fresh`. The peer is asked for only when the request names an id.
    public static func id(
        peer: @autoclosure () -> SocketAddress?, headers: RequestHeaders, proxies: TrustedProxies,
        fresh: @autoclosure () -> String = RequestIdentity.fresh()
    ) -> String {
        if let given = headers[header], acceptable(given), let peer = peer(), let bytes = ClientKey.bytes(of: peer),
            proxies.trusts(bytes)
        {
            return given
        }
        return fresh()
    }

    /// A new id in the shape of Hummingbird's (`RequestID`: a random part, then a counter, in
    /// hex), for the answers sent before its router. Hand-written: Hummingbird's is made with
    /// `String(radix:)` and a concatenation, which cost a ready answer a twentieth of its time;
    /// this writes the 32 digits into one string.
    public static func fresh() -> String {
        let low = counter.wrappingAdd(1, ordering: .relaxed).oldValue
        return String(unsafeUninitializedCapacity: 32) { digits in
            func write(_ value: UInt64, at offset: Int) {
                for place in 0..<16 {
                    let nibble = UInt8(truncatingIfNeeded: value >> UInt64(60 - 4 * place)) & 0xF
                    digits[offset + place] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
                }
            }
            write(high, at: 0)
            write(low, at: 16)
            return 32
        }
    }

    private static let high = UInt64.random(in: .min ... .max)
    private static let counter = Atomic<UInt64>(UInt64.random(in: .min ... .max))

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

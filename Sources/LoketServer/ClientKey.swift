import Foundation
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// The text a client's limits are counted under: one IPv4 address, or one IPv6 network of
/// `ipv6Prefix` bits. A home or mobile connection is given a whole IPv6 /64, so counting single
/// IPv6 addresses would make one household 2^64 clients; and two spellings of one address
/// (`2001:DB8::1`, `2001:db8:0::1`, `::ffff:192.0.2.7` for `192.0.2.7`, a port after it) must be
/// one client. (Written by hand: NIO parses addresses but neither masks nor reads `ip:port`.)
public enum ClientKey {
    /// The address's bytes (4 for IPv4, including an IPv4-mapped IPv6 address, else 16), read
    /// from how proxies write it: `192.0.2.7`, `192.0.2.7:5100`, `2001:db8::1`,
    /// `[2001:db8::1]:443`, `fe80::1%eth0`; nil for anything else.
    public static func bytes(of text: some StringProtocol) -> [UInt8]? {
        var address = Substring(text).trimmingCharacters(in: .whitespaces)[...]
        if address.hasPrefix("\""), address.hasSuffix("\""), address.count >= 2 {
            address = address.dropFirst().dropLast()
        }
        if address.hasPrefix("[") {
            guard let close = address.firstIndex(of: "]") else { return nil }
            let rest = address[address.index(after: close)...]
            guard
                rest.isEmpty
                    || (rest.first == ":" && rest.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber })
                        && rest.count > 1)
            else { return nil }
            address = address[address.index(after: address.startIndex)..<close]
        } else if address.filter({ $0 == ":" }).count == 1 {
            // IPv4 with a port: an IPv6 address has at least two colons.
            let parts = address.split(separator: ":", omittingEmptySubsequences: false)
            guard parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), !parts[1].isEmpty else { return nil }
            address = parts[0]
        }
        if let zone = address.firstIndex(of: "%") { address = address[..<zone] }
        guard !address.isEmpty, address.count <= 45,
            let parsed = try? SocketAddress(ipAddress: String(address), port: 0)
        else { return nil }
        return bytes(of: parsed)
    }

    /// The bytes of a connection's address, IPv4-mapped IPv6 as IPv4; nil for a Unix socket.
    public static func bytes(of address: SocketAddress) -> [UInt8]? {
        switch address {
        case .v4(let v4): return withUnsafeBytes(of: v4.address.sin_addr) { Array($0) }
        case .v6(let v6):
            let bytes = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
            let mapped = bytes.prefix(10).allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
            return mapped ? Array(bytes.suffix(4)) : bytes
        case .unixDomainSocket: return nil
        }
    }

    /// The key for `bytes`: `192.0.2.7`, or `2001:db8:1:2::/64` for every address of that /64.
    public static func key(_ bytes: [UInt8], ipv6Prefix: Int) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        var masked = bytes
        var remaining = max(0, min(128, ipv6Prefix))
        for index in masked.indices {
            let keep = min(8, remaining)
            masked[index] &= keep == 0 ? 0 : ~UInt8(0) << UInt8(8 - keep)
            remaining -= keep
        }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        _ = masked.withUnsafeBytes { inet_ntop(AF_INET6, $0.baseAddress, &text, socklen_t(text.count)) }
        let address = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return ipv6Prefix >= 128 ? address : "\(address)/\(ipv6Prefix)"
    }

    /// The key for a connection's peer, or nil for a Unix socket.
    public static func key(_ address: SocketAddress, ipv6Prefix: Int) -> String? {
        bytes(of: address).map { key($0, ipv6Prefix: ipv6Prefix) }
    }
}

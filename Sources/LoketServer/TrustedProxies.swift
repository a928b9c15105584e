import Foundation
import Hummingbird
import NIOCore

/// The proxies of one's own (`--trusted-proxy CIDR…`) whose `X-Forwarded-For` is believed. A
/// client cannot pick its own address by sending the header: it counts only when the
/// connection comes from a trusted proxy, and then the client is the last address in it that is
/// not one of them. Clients are named by `ClientKey`, so IPv6 clients count per network prefix.
/// (Written by hand: NIO knows addresses but not networks.)
public struct TrustedProxies: Sendable {
    struct Network: Sendable {
        let bytes: [UInt8]
        let prefix: Int

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            var remaining = prefix
            for (a, b) in zip(address, bytes) {
                guard remaining > 0 else { return true }
                let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
                if a & mask != b & mask { return false }
                remaining -= 8
            }
            return true
        }
    }

    let networks: [Network]
    /// The IPv6 prefix length one client is counted by (`fairAccess.limits.ipv6Prefix`).
    let ipv6Prefix: Int

    public static let none = TrustedProxies(networks: [], ipv6Prefix: 64)

    init(networks: [Network], ipv6Prefix: Int) {
        self.networks = networks
        self.ipv6Prefix = ipv6Prefix
    }

    /// Parses `10.0.0.0/8`, `::1/128` or a plain address; throws for the first it cannot read.
    public init(cidrs: [String], ipv6Prefix: Int = 64) throws(Invalid) {
        self.ipv6Prefix = ipv6Prefix
        var networks: [Network] = []
        for cidr in cidrs {
            let parts = cidr.split(separator: "/", maxSplits: 1).map(String.init)
            guard let bytes = ClientKey.bytes(of: parts[0]) else { throw Invalid(cidr: cidr) }
            let prefix = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
            guard let prefix, (0...bytes.count * 8).contains(prefix) else { throw Invalid(cidr: cidr) }
            networks.append(Network(bytes: bytes, prefix: prefix))
        }
        self.networks = networks
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let cidr: String
        public var description: String { "--trusted-proxy \(cidr): not an address or CIDR network" }
    }

    /// The client of `request`: the peer, or behind a trusted proxy the address it forwarded for.
    public func client(of request: Request, context: LoketRequestContext) -> String? {
        client(peer: context.remoteAddress, headers: RequestHeaders(request.headers))
    }

    /// The client of a request with `headers` that came from `peer`, as its `ClientKey`.
    public func client(peer address: SocketAddress?, headers: RequestHeaders) -> String? {
        guard let address, let peer = ClientKey.bytes(of: address) else { return nil }
        let peerKey = ClientKey.key(peer, ipv6Prefix: ipv6Prefix)
        guard trusts(peer) else { return peerKey }
        let forwarded = headers[values: .init("X-Forwarded-For")!].flatMap { $0.split(separator: ",") }
        // From the nearest hop back: the first address that is not one of ours is the client. A
        // hop that is not an address ends the walk at the proxy that wrote it: garbage names no client.
        var client: [UInt8]?
        for hop in forwarded.reversed() {
            guard let bytes = ClientKey.bytes(of: hop) else { return peerKey }
            client = bytes
            if !trusts(bytes) { break }
        }
        return client.map { ClientKey.key($0, ipv6Prefix: ipv6Prefix) } ?? peerKey
    }

    func trusts(_ address: [UInt8]) -> Bool {
        networks.contains { $0.contains(address) }
    }
}

import Foundation
import Hummingbird
import NIOCore

/// The proxies of one's own (`--trusted-proxy CIDR…`) whose `X-Forwarded-For` is believed. A
/// client cannot pick its own address by sending the header: it counts only when the
/// connection comes from a trusted proxy, and then the client is the last address in it that is
/// not one of them. (Written by hand: NIO knows addresses but not networks.)
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

    public static let none = TrustedProxies(networks: [])

    init(networks: [Network]) {
        self.networks = networks
    }

    /// Parses `10.0.0.0/8`, `::1/128` or a plain address; throws for the first it cannot read.
    public init(cidrs: [String]) throws(Invalid) {
        var networks: [Network] = []
        for cidr in cidrs {
            let parts = cidr.split(separator: "/", maxSplits: 1).map(String.init)
            guard let bytes = Self.bytes(of: parts[0]) else { throw Invalid(cidr: cidr) }
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
    public func client(of request: Request, context: some RemoteAddressRequestContext) -> String? {
        client(peer: context.remoteAddress, headers: request.headers)
    }

    /// The client of a request with `headers` that came from `peer`.
    func client(peer address: SocketAddress?, headers: HTTPFields) -> String? {
        guard let peer = address?.ipAddress else { return nil }
        guard trusts(peer) else { return peer }
        let forwarded = headers[values: .init("X-Forwarded-For")!]
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        // From the nearest hop back: the first address that is not one of ours is the client.
        return forwarded.reversed().first { !trusts($0) } ?? forwarded.first ?? peer
    }

    func trusts(_ address: String) -> Bool {
        guard let bytes = Self.bytes(of: address) else { return false }
        return networks.contains { $0.contains(bytes) }
    }

    static func bytes(of address: String) -> [UInt8]? {
        guard let parsed = try? SocketAddress(ipAddress: address, port: 0) else { return nil }
        switch parsed {
        case .v4(let v4): return withUnsafeBytes(of: v4.address.sin_addr) { Array($0) }
        case .v6(let v6): return withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
        case .unixDomainSocket: return nil
        }
    }
}

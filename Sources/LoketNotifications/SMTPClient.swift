import Foundation
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL

/// Sends mail to an SMTP server (RFC 5321): EHLO, STARTTLS where the server offers it (or
/// insists, when `requireTLS`), AUTH PLAIN when credentials are set (only after STARTTLS, unless
/// `allowPlainAuth`), then one message per connection. Written by hand on SwiftNIO: no listed
/// package speaks SMTP.
public struct SMTPClient: MailTransport {
    public struct Settings: Sendable {
        public var host: String
        public var port: Int
        public var username: String?
        public var password: String?
        public var requireTLS: Bool
        /// Sends credentials over a connection without TLS; only for a server on a trusted network.
        public var allowPlainAuth: Bool
        /// Extra certificate authorities to trust (PEM), for a server with a private certificate.
        public var trustRootsFile: String?
        /// The name this client gives in EHLO.
        public var heloName: String

        public init(
            host: String, port: Int, username: String? = nil, password: String? = nil, requireTLS: Bool = false,
            allowPlainAuth: Bool = false, trustRootsFile: String? = nil, heloName: String = "loket.localhost"
        ) {
            self.host = host
            self.port = port
            self.username = username
            self.password = password
            self.requireTLS = requireTLS
            self.allowPlainAuth = allowPlainAuth
            self.trustRootsFile = trustRootsFile
            self.heloName = heloName
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public let settings: Settings

    public init(settings: Settings) { self.settings = settings }

    public func send(_ message: MailMessage) async throws {
        let channel = try await connect()
        try await channel.executeThenClose { inbound, outbound in
            var session = SMTPSession(lines: inbound.makeAsyncIterator(), outbound: outbound)
            guard (200...299).contains(try await session.reply().code) else {
                throw Failure(description: "SMTP greeting refused")
            }
            let secured = try await greet(&session, channel: channel.channel)
            try await authenticate(&session, secured: secured)
            try await Self.transfer(message, in: &session)
        }
    }

    /// A connection to the server whose inbound bytes arrive split into lines.
    func connect() async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
    }

    /// EHLO, then STARTTLS where the server offers it and EHLO again over TLS; refused when TLS
    /// is required and not offered. Returns whether the connection is now encrypted.
    func greet(_ session: inout SMTPSession, channel: any Channel) async throws -> Bool {
        let capabilities = try await session.command("EHLO \(settings.heloName)", expect: 250...250)
        guard capabilities.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else {
            if settings.requireTLS {
                throw Failure(description: "SMTP server does not offer STARTTLS and TLS is required")
            }
            return false
        }
        _ = try await session.command("STARTTLS", expect: 220...220)
        try await startTLS(on: channel)
        _ = try await session.command("EHLO \(settings.heloName)", expect: 250...250)
        return true
    }

    /// Puts TLS in front of the line decoder: what follows is decrypted before it is split.
    func startTLS(on channel: any Channel) async throws {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let file = settings.trustRootsFile {
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(file))
        }
        let context = try NIOSSLContext(configuration: configuration)
        let host = settings.host
        try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(
                NIOSSLClientHandler(context: context, serverHostname: host), position: .first)
        }.get()
    }

    /// AUTH PLAIN when credentials are set, but not over a connection without TLS unless
    /// `allowPlainAuth`: anyone on the way could read a password sent in the clear.
    func authenticate(_ session: inout SMTPSession, secured: Bool) async throws {
        guard let username = settings.username, let password = settings.password else { return }
        guard secured || settings.allowPlainAuth else {
            throw Failure(
                description:
                    "SMTP server does not offer STARTTLS; credentials are not sent without TLS (--smtp-allow-plain)"
            )
        }
        let token = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
        _ = try await session.command("AUTH PLAIN \(token)", expect: 235...235)
    }

    /// The envelope, the message itself, and QUIT (whose answer no longer matters).
    static func transfer(_ message: MailMessage, in session: inout SMTPSession) async throws {
        _ = try await session.command("MAIL FROM:<\(message.from)>", expect: 250...250)
        _ = try await session.command("RCPT TO:<\(message.to)>", expect: 250...251)
        _ = try await session.command("DATA", expect: 354...354)
        // Dot-stuffing: a line that starts with "." gets another (RFC 5321 §4.5.2).
        let body = message.rendered.split(separator: "\r\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\r\n")
        _ = try await session.command(body + ".", expect: 250...250)
        _ = try? await session.command("QUIT", expect: 221...221)
    }
}

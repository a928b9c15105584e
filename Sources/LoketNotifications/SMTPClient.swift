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
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var lines = inbound.makeAsyncIterator()
            /// One reply, possibly multi-line ("250-…" … "250 …"); returns the code and the texts.
            func reply() async throws -> (code: Int, lines: [String]) {
                var texts: [String] = []
                while true {
                    guard var buffer = try await lines.next() else {
                        throw Failure(description: "SMTP server closed the connection")
                    }
                    let line = buffer.readString(length: buffer.readableBytes) ?? ""
                    let trimmed = line.hasSuffix("\r") ? String(line.dropLast()) : line
                    guard trimmed.count >= 3, let code = Int(trimmed.prefix(3)) else {
                        throw Failure(description: "SMTP: malformed reply")
                    }
                    texts.append(String(trimmed.dropFirst(4)))
                    if trimmed.count == 3 || trimmed[trimmed.index(trimmed.startIndex, offsetBy: 3)] == " " {
                        return (code, texts)
                    }
                }
            }
            func command(_ text: String, expect: ClosedRange<Int>) async throws -> [String] {
                try await outbound.write(ByteBuffer(string: text + "\r\n"))
                let (code, texts) = try await reply()
                // The command is named, its arguments (addresses, credentials) are not.
                guard expect.contains(code) else {
                    throw Failure(description: "SMTP \(text.prefix(4)) refused with \(code)")
                }
                return texts
            }
            guard (200...299).contains(try await reply().code) else {
                throw Failure(description: "SMTP greeting refused")
            }
            var capabilities = try await command("EHLO \(settings.heloName)", expect: 250...250)
            var secured = false
            if capabilities.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) {
                _ = try await command("STARTTLS", expect: 220...220)
                var configuration = TLSConfiguration.makeClientConfiguration()
                if let file = settings.trustRootsFile {
                    configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(file))
                }
                let context = try NIOSSLContext(configuration: configuration)
                let host = settings.host
                // TLS goes in front of the line decoder: what follows is decrypted before it is split.
                try await channel.channel.eventLoop.submit {
                    try channel.channel.pipeline.syncOperations.addHandler(
                        NIOSSLClientHandler(context: context, serverHostname: host), position: .first)
                }.get()
                capabilities = try await command("EHLO \(settings.heloName)", expect: 250...250)
                secured = true
            } else if settings.requireTLS {
                throw Failure(description: "SMTP server does not offer STARTTLS and TLS is required")
            }
            if let username = settings.username, let password = settings.password {
                // Anyone on the way could read a password sent without TLS.
                guard secured || settings.allowPlainAuth else {
                    throw Failure(
                        description:
                            "SMTP server does not offer STARTTLS; credentials are not sent without TLS (--smtp-allow-plain)"
                    )
                }
                let token = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
                _ = try await command("AUTH PLAIN \(token)", expect: 235...235)
            }
            _ = capabilities
            _ = try await command("MAIL FROM:<\(message.from)>", expect: 250...250)
            _ = try await command("RCPT TO:<\(message.to)>", expect: 250...251)
            _ = try await command("DATA", expect: 354...354)
            // Dot-stuffing: a line that starts with "." gets another (RFC 5321 §4.5.2).
            let body = message.rendered.split(separator: "\r\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\r\n")
            _ = try await command(body + ".", expect: 250...250)
            _ = try? await command("QUIT", expect: 221...221)
        }
    }
}

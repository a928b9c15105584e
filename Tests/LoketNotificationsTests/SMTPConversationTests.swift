import Foundation
import LoketNotifications
import Testing

/// The SMTP client against a real SMTP server (aiosmtpd, from PyPI) on 127.0.0.1: what arrives
/// is the envelope and the message that was sent, byte for byte; a refused recipient is an error.
@Suite(.serialized, .timeLimit(.minutes(3))) struct SMTPConversationTests {
    /// An aiosmtpd server that keeps each message it accepts as a file (written before it
    /// answers 250, so the file is there when the client returns) and refuses `nobody@…`. With
    /// `plainAuth` it offers AUTH without TLS and notes who signed in above the envelope.
    final class Server {
        let process = Process()
        /// Closing it ends the server: it reads standard input until the end.
        let input = Pipe()
        let folder: URL
        let port: Int

        static let script = #"""
            import os, socket, sys
            from aiosmtpd.controller import Controller
            from aiosmtpd.smtp import AuthResult
            out = sys.argv[1]
            plain = len(sys.argv) > 2
            class Keep:
                async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                    if address.startswith("nobody@"):
                        return "550 5.1.1 No such mailbox"
                    envelope.rcpt_tos.append(address)
                    return "250 OK"
                async def handle_DATA(self, server, session, envelope):
                    name = os.path.join(out, "%d.eml" % len(os.listdir(out)))
                    with open(name, "wb") as f:
                        if plain:
                            f.write(("AUTH %s\n" % session.auth_data).encode())
                        f.write(("HELO %s\nFROM %s\nTO %s\n\n" % (session.host_name, envelope.mail_from,
                                 ",".join(envelope.rcpt_tos))).encode() + envelope.original_content)
                    return "250 OK"
            probe = socket.socket(); probe.bind(("127.0.0.1", 0)); port = probe.getsockname()[1]; probe.close()
            extra = dict(authenticator=lambda *a: AuthResult(success=True, auth_data=a[4].login.decode()),
                         auth_require_tls=False) if plain else {}
            controller = Controller(Keep(), hostname="127.0.0.1", port=port, **extra)
            controller.start()
            print("ready", port, flush=True)
            sys.stdin.read()
            controller.stop()
            """#

        init(plainAuth: Bool = false) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("loket-smtp-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", Self.script, folder.path] + (plainAuth ? ["plain"] : [])
            let output = Pipe()
            process.standardOutput = output
            process.standardInput = input
            try process.run()
            // Blocks until the server says it listens: its first line of output.
            var line = Data()
            while !line.contains(UInt8(ascii: "\n")) {
                let chunk = output.fileHandleForReading.availableData
                guard !chunk.isEmpty else { break }
                line += chunk
            }
            let words = String(decoding: line, as: UTF8.self).split(whereSeparator: \.isWhitespace)
            guard words.count == 2, words[0] == "ready", let port = Int(words[1]) else {
                process.terminate()
                throw NotStarted(output: String(decoding: line, as: UTF8.self))
            }
            self.port = port
        }

        struct NotStarted: Error {
            let output: String
        }

        func received() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
                try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
            }
        }

        deinit {
            try? input.fileHandleForWriting.close()
            try? FileManager.default.removeItem(at: folder)
        }
    }

    @Test func aMessageArrivesAsSent() async throws {
        let server = try Server()
        let message = MailMessageTests.message(subject: "Afspraak bevestigd – 2 juni", text: "Tot donderdag, ë ü 漢字")
        try await SMTPClient(settings: .init(host: "127.0.0.1", port: server.port, heloName: "loket.test")).send(
            message)
        let received = try server.received()
        try #require(received.count == 1)
        let (envelope, content) = try #require(
            received[0].range(of: "\n\n").map {
                (received[0][..<$0.lowerBound], received[0][$0.upperBound...])
            })
        #expect(envelope == "HELO loket.test\nFROM afspraken@loket.test\nTO klant@example.nl")
        // aiosmtpd keeps the content as sent, with CRLF line endings.
        #expect(String(content) == message.rendered)
    }

    @Test func aRefusedRecipientIsAnError() async throws {
        let server = try Server()
        let message = MailMessage(
            from: "afspraken@loket.test", to: "nobody@example.nl", subject: "s", messageID: "m-2@loket.test", text: "t",
            html: "<p>t</p>", invite: nil, date: Date(timeIntervalSince1970: 0))
        await #expect(throws: SMTPClient.Failure.self) {
            try await SMTPClient(settings: .init(host: "127.0.0.1", port: server.port)).send(message)
        }
        #expect(try server.received().isEmpty)
    }

    /// Credentials go only over TLS: a server without STARTTLS gets no password, and no message,
    /// unless plain AUTH is allowed for it.
    @Test func credentialsAreNotSentWithoutTLS() async throws {
        let server = try Server(plainAuth: true)
        let message = MailMessageTests.message(subject: "s", text: "t")
        var settings = SMTPClient.Settings(host: "127.0.0.1", port: server.port, username: "loket", password: "geheim")
        let refused = await #expect(throws: SMTPClient.Failure.self) {
            try await SMTPClient(settings: settings).send(message)
        }
        #expect(refused?.description.contains("STARTTLS") == true)
        #expect(try server.received().isEmpty)
        settings.allowPlainAuth = true
        try await SMTPClient(settings: settings).send(message)
        let received = try server.received()
        #expect(received.count == 1 && received[0].hasPrefix("AUTH loket\n"))
    }
}

import Foundation

/// Where messages go: an SMTP server, or a folder in development.
public protocol MailTransport: Sendable {
    func send(_ message: MailMessage) async throws
}

/// Development mode: each message is written to `folder` as `<message id>.eml` instead of sent.
public struct MailFolder: MailTransport {
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    public func send(_ message: MailMessage) async throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let name = message.messageID.replacingOccurrences(of: "@", with: "_").replacingOccurrences(of: "/", with: "_")
        try Data(message.rendered.utf8).write(to: folder.appendingPathComponent("\(name).eml"), options: .atomic)
    }
}

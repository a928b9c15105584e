import NIOCore

/// One SMTP conversation on an open connection: a command goes out as a line, and the reply
/// comes back as one or more lines that start with its code.
struct SMTPSession {
    var lines: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

    /// One reply, possibly multi-line ("250-…" … "250 …"); returns the code and the texts.
    mutating func reply() async throws -> (code: Int, lines: [String]) {
        var texts: [String] = []
        while true {
            guard var buffer = try await lines.next() else {
                throw SMTPClient.Failure(description: "SMTP server closed the connection")
            }
            let line = buffer.readString(length: buffer.readableBytes) ?? ""
            let trimmed = line.hasSuffix("\r") ? String(line.dropLast()) : line
            guard trimmed.count >= 3, let code = Int(trimmed.prefix(3)) else {
                throw SMTPClient.Failure(description: "SMTP: malformed reply")
            }
            texts.append(String(trimmed.dropFirst(4)))
            if trimmed.count == 3 || trimmed[trimmed.index(trimmed.startIndex, offsetBy: 3)] == " " {
                return (code, texts)
            }
        }
    }

    /// Sends `text` and returns the reply's texts, or fails when its code is not in `expect`.
    mutating func command(_ text: String, expect: ClosedRange<Int>) async throws -> [String] {
        try await outbound.write(ByteBuffer(string: text + "\r\n"))
        let (code, texts) = try await reply()
        // The command is named, its arguments (addresses, credentials) are not.
        guard expect.contains(code) else {
            throw SMTPClient.Failure(description: "SMTP \(text.prefix(4)) refused with \(code)")
        }
        return texts
    }
}

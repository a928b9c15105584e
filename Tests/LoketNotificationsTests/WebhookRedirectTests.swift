import AsyncHTTPClient
import Foundation
import LoketNotifications
import Testing

/// A webhook URL that answers with a redirect is not followed: the signed event goes to the
/// partner's address only, and the 302 counts as not delivered (so it is retried).
@Suite(.timeLimit(.minutes(3))) struct WebhookRedirectTests {
    /// A Python HTTP server on 127.0.0.1 that answers `/hook` with 302 to `/landed` and writes
    /// each request it gets as a line of its output file. It stops when its standard input ends
    /// (a signal may be blocked in a process the tests start; the end of a pipe is not).
    static let script = #"""
        import http.server, sys, threading
        log = sys.argv[1]
        class Redirecting(http.server.BaseHTTPRequestHandler):
            def handle_one(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with open(log, "a") as f:
                    f.write("%s %s\n" % (self.command, self.path))
                self.send_response(302 if self.path == "/hook" else 200)
                self.send_header("Location", "/landed")
                self.send_header("Content-Length", "0")
                self.end_headers()
            do_GET = do_POST = handle_one
            def log_message(self, *args):
                pass
        server = http.server.HTTPServer(("127.0.0.1", 0), Redirecting)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print("ready", server.server_address[1], flush=True)
        sys.stdin.read()
        server.shutdown()
        """#

    @Test func aRedirectIsNotFollowed() async throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("loket-webhook-\(UUID()).log")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, log.path]
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        defer {
            try? input.fileHandleForWriting.close()
            try? FileManager.default.removeItem(at: log)
        }
        // Blocks until the server says it listens: its first line of output.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            line += chunk
        }
        let words = String(decoding: line, as: UTF8.self).split(whereSeparator: \.isWhitespace)
        let port = try #require(words.count == 2 ? Int(words[1]) : nil)

        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/hook")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(.init(string: #"{"event":"booking.confirmed"}"#))
        #expect(try await WebhookDispatcher.post(request) == 302)
        // The server has written its line before it answered.
        #expect(try String(contentsOf: log, encoding: .utf8) == "POST /hook\n")
    }
}

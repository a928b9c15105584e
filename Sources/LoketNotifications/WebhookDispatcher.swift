import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import LoketDomain
import LoketStorage
import NIOCore

/// Posts partner webhook events from the outbox: JSON bodies signed with HMAC-SHA256 over
/// `timestamp.body` with the partner's secret (`X-Loket-Signature: sha256=<hex>`,
/// `X-Loket-Timestamp`), each delivery named by `X-Loket-Delivery` so that a retry after a crash
/// is recognisable. A failure or a non-2xx answer is retried with growing pauses. Redirects
/// are not followed: a partner's URL that answers 302 would otherwise send a signed event about a
/// booking to whatever address it names, inside the partner's network or out of it.
public struct WebhookDispatcher: Sendable {
    let outbox: OutboxStore
    let now: @Sendable () -> Date
    let logger: Logger

    public init(
        outbox: OutboxStore, now: @escaping @Sendable () -> Date, logger: Logger
    ) {
        self.outbox = outbox
        self.now = now
        self.logger = logger
    }

    /// The signature header value for `body` sent at `timestamp`.
    public static func signature(secret: String, timestamp: String, body: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data("\(timestamp).\(body)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    @discardableResult
    public func deliverDue() async throws -> Int {
        var count = 0
        while true {
            let due = try await outbox.claimDueMessages(now: now(), kinds: [.webhook])
            guard !due.isEmpty else { return count }
            // Its log lines name the request that wrote it.
            for entry in due
            where try await TracedRequest.$id.withValue(entry.requestID, operation: { try await deliver(entry) }) {
                count += 1
            }
        }
    }

    func deliver(_ entry: OutboxEntry) async throws -> Bool {
        guard let partner = entry.partnerID, let body = entry.payload,
            let hook = try await outbox.webhook(partner: partner)
        else {
            try await outbox.markSkipped(entry, now: now())
            return false
        }
        let timestamp = String(Int(now().timeIntervalSince1970))
        var request = HTTPClientRequest(url: hook.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Loket-Webhooks/1")
        request.headers.add(name: "X-Loket-Delivery", value: entry.id)
        request.headers.add(name: "X-Loket-Timestamp", value: timestamp)
        request.headers.add(
            name: "X-Loket-Signature", value: Self.signature(secret: hook.secret, timestamp: timestamp, body: body))
        request.body = .bytes(ByteBuffer(string: body))
        do {
            let status = try await Self.post(request)
            guard (200..<300).contains(status) else { throw WebhookRefused(status: status) }
        } catch {
            let pause = entry.retryPause(base: 5)
            logger.warning(
                "webhook not delivered; will retry",
                metadata: ["outbox": "\(entry.id)", "attempt": "\(entry.attempts)", "retryInSeconds": "\(Int(pause))"])
            try await outbox.markFailed(
                entry, error: String(describing: error).prefix(200).description, retryAfter: pause, now: now())
            return false
        }
        try await outbox.markSent(entry, now: now())
        return true
    }

    /// Sends `request` and returns the status of the answer, a redirect included, never followed.
    public static func post(_ request: HTTPClientRequest) async throws -> Int {
        let response = try await client.execute(request, timeout: .seconds(10))
        _ = try? await response.body.collect(upTo: 64 * 1024)
        return Int(response.status.code)
    }

    /// The process's one webhook client; like `HTTPClient.shared`, it lives as long as the process.
    static let client = HTTPClient(
        eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))

    struct WebhookRefused: Error, CustomStringConvertible {
        let status: Int
        var description: String { "webhook answered \(status)" }
    }
}

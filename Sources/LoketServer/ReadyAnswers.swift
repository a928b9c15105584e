import HTTPTypes
import NIOCore
import Synchronization

/// The answers the server sends straight from the connection, without the router, while they
/// are current: the slot lists, wait times, health and metrics that pollers ask for again and
/// again. A route that has an answer ready publishes it here under the request's target (path and
/// query, as the client sent it); the next request for the same target is answered by
/// `ReadyAnswerHandler` on the connection's own thread.
///
/// The router's way costs each request two task switches and an async channel (half the time
/// of a small answer in a profile); this way a poll costs a dictionary look-up and a write. Whatever is not here, or no longer current, or refused by the client's limit, goes the
/// router's way, which answers it (or refuses it) as before and publishes the new answer.
///
/// Only answers whose bytes depend on nothing but the target and `Accept-Encoding` belong here
/// (not a page in the visitor's language, not open data that varies with `Accept`).
public final class ReadyAnswers: Sendable {
    /// One published answer and what decides whether it may still be sent.
    public struct Answer: Sendable {
        /// The body as it is and its gzip form (the same when there is none), each with its heads
        /// made once, the headers every response of the router gets (security headers) in them.
        let plain: ReadyBody.Form
        let gzip: ReadyBody.Form
        /// The bytes this keeps alive.
        let byteCount: Int
        /// Whether the answer is still what the router would send (same generation, young
        /// enough).
        let isCurrent: @Sendable () -> Bool
        /// Takes one of the client's tokens for this read, or says no without counting a refusal
        /// (the router's way then refuses, and counts it once). It asks for the client only when
        /// a limit applies: finding it costs a look at `X-Forwarded-For`.
        let admit: @Sendable (_ client: () -> String?) -> Bool
        /// Counts the request as the router's metrics would (under the route's pattern).
        let record: @Sendable (_ status: HTTPResponse.Status, _ took: Duration) -> Void

        /// `headers` go into every head that does not set them itself, as `SecurityHeaders` adds
        /// them on the router's way.
        public init(
            body: ReadyBody, cacheControl: String, headers: HTTPFields,
            isCurrent: @escaping @Sendable () -> Bool, admit: @escaping @Sendable (() -> String?) -> Bool,
            record: @escaping @Sendable (HTTPResponse.Status, Duration) -> Void
        ) {
            var plain = body.form(gzip: false, cacheControl: cacheControl)
            var gzip = body.form(gzip: true, cacheControl: cacheControl)
            plain.complete(adding: headers)
            gzip.complete(adding: headers)
            self.plain = plain
            self.gzip = gzip
            self.byteCount = body.byteCount
            self.isCurrent = isCurrent
            self.admit = admit
            self.record = record
        }
    }

    private struct State {
        var answers: [String: Answer] = [:]
        var weight = 0
    }

    private let state = Mutex(State())
    /// How many requests were answered past the router: for tests, which cannot otherwise tell.
    let sent = Atomic<Int>(0)
    /// Targets are chosen by clients (date ranges, parameter order): a bound on how many are kept.
    public let maxEntries: Int
    /// The bodies are shared with the caches that made them, but an answer kept here outlives
    /// its cache entry: a bound on the bytes this keeps alive.
    public let maxWeight: Int
    /// The `Server` header of every response, as the application's configuration names it.
    let serverName: String?

    /// With `maxEntries` 0 it keeps nothing: for a router served without `ReadyAnswerHandler`.
    public init(serverName: String? = nil, maxEntries: Int = 4_096, maxWeight: Int = 64 << 20) {
        self.serverName = serverName
        self.maxEntries = maxEntries
        self.maxWeight = maxWeight
    }

    /// Publishes `answer` for requests to `target` (the request's path and query).
    public func publish(_ answer: Answer, for target: String) {
        guard maxEntries > 0 else { return }
        let size = answer.byteCount
        state.withLock { state in
            if let old = state.answers[target] { state.weight -= old.byteCount }
            if (state.answers[target] == nil && state.answers.count >= maxEntries) || state.weight + size > maxWeight {
                state.answers.removeAll(keepingCapacity: true)
                state.weight = 0
            }
            state.answers[target] = answer
            state.weight += size
        }
    }

    /// The answer to send for `request` from `client`, if there is one that is current and the
    /// client may have: else nil, and the router answers.
    func answer(_ request: HTTPRequest, client: () -> String?) -> Answer? {
        guard request.method == .get, let target = request.path else { return nil }
        guard let answer = state.withLock({ $0.answers[target] }), answer.isCurrent(), answer.admit(client) else {
            return nil
        }
        sent.add(1, ordering: .relaxed)
        return answer
    }
}

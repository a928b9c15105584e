import HTTPTypes
import NIOCore
import NIOHTTP1
import Synchronization

/// The answers the server sends straight from the connection, without the router, while they
/// are current: the slot lists, wait times, open data, health, metrics and public pages without
/// a form that pollers ask for again and again. A route that has an answer ready publishes it
/// here under the request's target (path and query, as the client sent it); the next request for
/// the same target is answered by `ReadyAnswerHandler` on the connection's own thread.
///
/// The router's way costs each request two task switches and an async channel (half the time
/// of a small answer in a profile); this way a poll costs a dictionary look-up and a write.
/// Whatever is not here, or no longer current, or refused by the client's limit, goes the
/// router's way, which answers it (or refuses it) as before and publishes the new answer.
///
/// Only answers whose bytes depend on nothing but the target, `Accept-Encoding` and at most one
/// `Variation` of the request's headers that the answer names (a header such as `Accept`, or the
/// visitor's language) belong here: not a page with a visitor's own form token in it.
public final class ReadyAnswers: Sendable {
    /// What chooses among one target's answers besides `Accept-Encoding`: a request header's
    /// value, or a key the application reads from the headers (the visitor's language, from a
    /// cookie or `Accept-Language`). The key is read for every request to such a target.
    public struct Variation: Sendable {
        /// Tells variations apart: an answer replaces those of its own variation only.
        let name: String
        let key: @Sendable (RequestHeaders) -> String?

        public init(name: String, key: @escaping @Sendable (RequestHeaders) -> String?) {
            self.name = name
            self.key = key
        }

        /// Chosen by the value of the request header `name` (nil when absent).
        public static func header(_ name: HTTPField.Name) -> Variation {
            Variation(name: name.canonicalName) { $0[name] }
        }
    }

    /// One published answer and what decides whether it may still be sent. A class: every
    /// request takes it out of the shared table, and one reference is cheaper to copy there than
    /// its forms, heads and closures.
    public final class Answer: Sendable {
        /// The body as it is and its gzip form (the same when there is none), each with its heads
        /// made once, the headers every response of the router gets (security headers) in them.
        let plain: ReadyBody.Form<HTTPResponseHead>
        let gzip: ReadyBody.Form<HTTPResponseHead>
        /// The bytes this keeps alive.
        let byteCount: Int
        /// What the answer was chosen by, besides `Accept-Encoding`, and its key for the request
        /// that made it: only requests with the same key get it.
        let varies: (variation: Variation, key: String?)?
        /// Whether the answer is still what the router would send (same generation, young
        /// enough).
        let isCurrent: @Sendable () -> Bool
        /// Takes one of the client's tokens for this read, or says no without counting a refusal
        /// (the router's way then refuses, and counts it once). It asks for the client only when
        /// a limit applies: finding it costs a look at `X-Forwarded-For`.
        let admit: @Sendable (_ client: () -> String?) -> Bool
        /// Counts the request as the router's metrics would (under the route's pattern).
        let record: @Sendable (_ status: Int, _ took: Duration) -> Void

        /// `headers` go into every head that does not set them itself, as `SecurityHeaders` adds
        /// them on the router's way.
        public init(
            body: ReadyBody, cacheControl: String, responseHeaders: HTTPFields = [:], headers: HTTPFields,
            varies: (variation: Variation, key: String?)? = nil, isCurrent: @escaping @Sendable () -> Bool,
            admit: @escaping @Sendable (() -> String?) -> Bool,
            record: @escaping @Sendable (_ status: Int, _ took: Duration) -> Void
        ) {
            plain = body.form(gzip: false, cacheControl: cacheControl, headers: responseHeaders)
                .completed(adding: headers)
            gzip = body.form(gzip: true, cacheControl: cacheControl, headers: responseHeaders)
                .completed(adding: headers)
            self.byteCount = body.byteCount
            self.varies = varies
            self.isCurrent = isCurrent
            self.admit = admit
            self.record = record
        }
    }

    /// What is published for one target: one answer, or one per key of the variation it is chosen by.
    private enum Published {
        case one(Answer)
        case byKey(Variation, [String?: Answer])

        var answers: [Answer] {
            switch self {
            case .one(let answer): [answer]
            case .byKey(_, let answers): Array(answers.values)
            }
        }

        var weight: Int { answers.reduce(0) { $0 + $1.byteCount } }
    }

    /// The published answers in two generations, so that the least recently used go first
    /// without a scan: a target asked for moves to `current`; when `current` holds half the bound,
    /// `previous` (what nobody asked for since) is dropped and `current` becomes it.
    private struct State {
        var current: [String: Published] = [:]
        var previous: [String: Published] = [:]
        var count = (current: 0, previous: 0)
        var weight = (current: 0, previous: 0)

        /// Takes `target` out of either generation, with its share of the counts.
        mutating func take(_ target: String) -> Published? {
            if let found = current.removeValue(forKey: target) {
                count.current -= found.answers.count
                weight.current -= found.weight
                return found
            }
            if let found = previous.removeValue(forKey: target) {
                count.previous -= found.answers.count
                weight.previous -= found.weight
                return found
            }
            return nil
        }

        /// Puts `published` in the current generation, first ageing the generations if it would
        /// take the current one past half of either bound.
        mutating func put(_ published: Published, for target: String, maxEntries: Int, maxWeight: Int) {
            if count.current + published.answers.count > maxEntries / 2
                || weight.current + published.weight > maxWeight / 2
            {
                previous = current
                count.previous = count.current
                weight.previous = weight.current
                current = [:]
                count.current = 0
                weight.current = 0
            }
            current[target] = published
            count.current += published.answers.count
            weight.current += published.weight
        }
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

    /// Publishes `answer` for requests to `target` (the request's path and query), in place of
    /// the one before (for the same key of the variation it is chosen by).
    /// Routes publish only their canonical targets (`Request.canonicalTarget` in LoketHTTP):
    /// otherwise a client could fill the bound with `?x=1`, `?x=2`… and push out what pollers ask for.
    public func publish(_ answer: Answer, for target: String) {
        guard maxEntries > 0 else { return }
        state.withLock { state in
            let before = state.take(target)
            let published: Published
            switch (before, answer.varies) {
            case (.byKey(let variation, var answers)?, let varies?) where varies.variation.name == variation.name:
                answers[varies.key] = answer
                published = .byKey(variation, answers)
            case (_, let varies?): published = .byKey(varies.variation, [varies.key: answer])
            case (_, nil): published = .one(answer)
            }
            state.put(published, for: target, maxEntries: maxEntries, maxWeight: maxWeight)
        }
    }

    /// Entries (answers) and bytes kept now, for tests of the bounds.
    var kept: (entries: Int, bytes: Int) {
        state.withLock { ($0.count.current + $0.count.previous, $0.weight.current + $0.weight.previous) }
    }

    /// The answer to send for `request` from `client`, if there is one that is current and the
    /// client may have: else nil, and the router answers.
    func answer(_ request: HTTPRequestHead, client: () -> String?) -> Answer? {
        guard request.method == .GET else { return nil }
        let target = request.uri
        let published = state.withLock { state -> Published? in
            if let found = state.current[target] { return found }
            // Asked for again: it moves to the current generation, away from the next drop.
            guard let found = state.take(target) else { return nil }
            state.put(found, for: target, maxEntries: maxEntries, maxWeight: maxWeight)
            return found
        }
        let answer: Answer? =
            switch published {
            case .one(let answer): answer
            case .byKey(let variation, let answers): answers[variation.key(RequestHeaders(request.headers))]
            case nil: nil
            }
        guard let answer, answer.isCurrent(), answer.admit(client) else { return nil }
        sent.add(1, ordering: .relaxed)
        return answer
    }
}

import NIOHTTP1

/// What `ReadyAnswerHandler` knows of its connection, and what it does with each part it reads:
/// a state machine whose mutating methods return the action to take, so that every rule is
/// tested without a channel (as Hummingbird's connection handler and PostgresNIO's are built).
///
/// A request is answered here only when none is waiting for the router on this connection, so
/// that pipelined responses keep their order, and only while the connection can take more
/// output: a client that sends requests without reading the answers meets the router's
/// back-pressure. After a request that asked to close arrives whole, nothing more is read, and
/// the output is closed after its answer, whichever way it was answered (RFC 9112 §9.6).
///
/// It also keeps the connection's idle time: the requests answered here never reach
/// Hummingbird's connection handler, which would otherwise close a connection that only they use.
struct ReadyAnswerState {
    /// Where the connection's reading stands.
    enum Reading: Equatable {
        /// Between requests, or inside one that goes to the router.
        case open
        /// A head that may be answered here, kept until its end arrives.
        case holding(HTTPRequestHead, since: ContinuousClock.Instant)
        /// A request that asked to close arrived whole: the rest is not read.
        case closing
    }

    private(set) var reading = Reading.open
    /// Requests passed on to the router whose response has not yet ended.
    private(set) var passedOn = 0
    /// The request being read asked to close the connection after its answer.
    private var asksToClose = false
    /// Answers written and not yet flushed: flushed once per read, so that requests that came
    /// together leave in one write.
    private var unflushed = false
    /// A request passed on is still arriving (its head came, its end has not).
    private var beingRead = false
    /// When the last request's head or a part of its body arrived, or the router's last
    /// response ended.
    private(set) var lastActive: ContinuousClock.Instant

    init(now: ContinuousClock.Instant) { lastActive = now }

    enum HeadAction: Equatable {
        /// Keep it: it may be answered here once its end arrives.
        case hold
        /// Send it on to the router.
        case passOn
        /// Read after the connection asked to close: ignore it.
        case drop
    }

    mutating func head(_ head: HTTPRequestHead, writable: Bool, now: ContinuousClock.Instant) -> HeadAction {
        if case .closing = reading { return .drop }
        lastActive = now
        // NIO's reading (RFC 9112 §9.3): HTTP/1.0 without keep-alive, or `close` among the
        // connection options. Hummingbird closes only after a `Connection` line that is exactly
        // `close`: the router's answers to the others are closed here (`responseEnded`).
        asksToClose = !head.isKeepAlive
        if passedOn == 0, head.method == .GET, !Self.hasBody(head), writable {
            reading = .holding(head, since: now)
            return .hold
        }
        passedOn += 1
        beingRead = true
        return .passOn
    }

    enum PartAction: Equatable {
        /// Send it on to the router, after what went before it.
        case forward
        case drop
    }

    /// A part of a body: only requests passed on have one.
    mutating func body(now: ContinuousClock.Instant) -> PartAction {
        if case .closing = reading { return .drop }
        lastActive = now
        return .forward
    }

    enum EndAction: Equatable {
        case forward
        case drop
        /// The held request is whole: answer it here if a ready answer exists (`answered`),
        /// or else pass its head and end on (`notAnswered`).
        case answer(HTTPRequestHead, since: ContinuousClock.Instant)
    }

    mutating func end() -> EndAction {
        switch reading {
        case .closing:
            return .drop
        case .holding(let head, let since):
            reading = asksToClose ? .closing : .open
            return .answer(head, since: since)
        case .open:
            beingRead = false
            if asksToClose { reading = .closing }
            return .forward
        }
    }

    /// The held request had no ready answer: its head and end go to the router after all.
    mutating func notAnswered() { passedOn += 1 }

    enum AnsweredAction: Equatable {
        /// Write the end; it leaves with the next flush (`readComplete`).
        case flushLater
        /// Write and flush the end, then close the connection's output.
        case flushAndCloseOutput
    }

    mutating func answered() -> AnsweredAction {
        if case .closing = reading { return .flushAndCloseOutput }
        unflushed = true
        return .flushLater
    }

    /// The read that brought the last parts is over: whether to flush answers written for it.
    mutating func readComplete() -> Bool {
        defer { unflushed = false }
        return unflushed
    }

    enum ResponseEndAction: Equatable {
        /// More requests wait for the router's answers.
        case answering
        /// The connection is idle: its idle time starts now.
        case idle
        /// That was the answer to the request that asked to close (which may still be arriving,
        /// when the router refused it early): flush it, then close the connection's output.
        case closeOutput
    }

    /// The router's response to a request passed on has ended. Never below zero: the router's
    /// side answers a broken request (400) it was never passed.
    mutating func responseEnded(now: ContinuousClock.Instant) -> ResponseEndAction {
        passedOn = max(0, passedOn - 1)
        guard passedOn == 0 else { return .answering }
        lastActive = now
        return reading == .closing || (asksToClose && beingRead) ? .closeOutput : .idle
    }

    enum IdleAction: Equatable {
        /// Idle for `timeout`: close the connection.
        case close
        /// Look again then.
        case lookAgain(at: ContinuousClock.Instant)
        /// The router is answering: look again when its response ends (`responseEnded`).
        case waitForResponse
    }

    /// What to do when the idle timer fires at `now`. As in Hummingbird's connection handler, a
    /// request still arriving may idle out too (half a head is no request yet, and a body that
    /// stops for `timeout` has stopped); only the router's answering holds the timer.
    func idle(now: ContinuousClock.Instant, timeout: Duration) -> IdleAction {
        if passedOn > 0, !beingRead { return .waitForResponse }
        let deadline = lastActive + timeout
        return now < deadline ? .lookAgain(at: deadline) : .close
    }

    /// The request broke off: a held head is not answered; the router's side answers the error.
    mutating func errorCaught() {
        if case .holding = reading { reading = .open }
    }

    /// Whether a request announces a body: then it is the router's, and passed on at once.
    static func hasBody(_ head: HTTPRequestHead) -> Bool {
        head.headers.contains(name: "transfer-encoding")
            || (head.headers.first(name: "content-length").map { $0 != "0" } ?? false)
    }
}

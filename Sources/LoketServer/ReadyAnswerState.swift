import HTTPTypes

/// What `ReadyAnswerHandler` knows of its connection, and what it does with each part it reads:
/// a state machine whose mutating methods return the action to take, so that every rule is
/// tested without a channel (as Hummingbird's connection handler and PostgresNIO's are built).
///
/// A request is answered here only when none is waiting for the router on this connection, so
/// that pipelined responses keep their order, and only while the connection can take more
/// output: a client that sends requests without reading the answers meets the router's
/// back-pressure. After a request that asked to close arrives whole, nothing more is read
/// (RFC 9112 §9.6).
struct ReadyAnswerState {
    /// Where the connection's reading stands.
    enum Reading: Equatable {
        /// Between requests, or inside one that goes to the router.
        case open
        /// A head that may be answered here, kept until its end arrives.
        case holding(HTTPRequest, since: ContinuousClock.Instant)
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

    enum HeadAction: Equatable {
        /// Keep it: it may be answered here once its end arrives.
        case hold
        /// Send it on to the router.
        case passOn
        /// Read after the connection asked to close: ignore it.
        case drop
    }

    mutating func head(_ head: HTTPRequest, writable: Bool, now: ContinuousClock.Instant) -> HeadAction {
        if reading == .closing { return .drop }
        asksToClose = head.headerFields[.connection] == "close"
        if passedOn == 0, head.method == .get, !Self.hasBody(head), writable {
            reading = .holding(head, since: now)
            return .hold
        }
        passedOn += 1
        return .passOn
    }

    enum PartAction: Equatable {
        /// Send it on to the router, after what went before it.
        case forward
        case drop
    }

    /// A part of a body: only requests passed on have one.
    func body() -> PartAction { reading == .closing ? .drop : .forward }

    enum EndAction: Equatable {
        case forward
        case drop
        /// The held request is whole: answer it here if a ready answer exists (`answered`),
        /// or else pass its head and end on (`notAnswered`).
        case answer(HTTPRequest, since: ContinuousClock.Instant)
    }

    mutating func end() -> EndAction {
        switch reading {
        case .closing:
            return .drop
        case .holding(let head, let since):
            reading = asksToClose ? .closing : .open
            return .answer(head, since: since)
        case .open:
            if asksToClose { reading = .closing }
            return .forward
        }
    }

    /// The held request had no ready answer: its head and end go to the router after all.
    mutating func notAnswered() { passedOn += 1 }

    enum AnsweredAction: Equatable {
        /// Write the end; it leaves with the next flush (`readComplete`).
        case flushLater
        /// Write and flush the end, then close the connection's output as the router would.
        case flushAndCloseOutput
    }

    mutating func answered() -> AnsweredAction {
        if reading == .closing { return .flushAndCloseOutput }
        unflushed = true
        return .flushLater
    }

    /// The read that brought the last parts is over: whether to flush answers written for it.
    mutating func readComplete() -> Bool {
        defer { unflushed = false }
        return unflushed
    }

    /// The router's response to a request passed on has ended. Never below zero: the router's
    /// side answers a broken request (400) it was never passed.
    mutating func responseEnded() { passedOn = max(0, passedOn - 1) }

    /// The request broke off: a held head is not answered; the router's side answers the error.
    mutating func errorCaught() {
        if case .holding = reading { reading = .open }
    }

    /// Whether a request announces a body: then it is the router's, and passed on at once.
    static func hasBody(_ head: HTTPRequest) -> Bool {
        head.headerFields[.transferEncoding] != nil || (head.headerFields[.contentLength].map { $0 != "0" } ?? false)
    }
}

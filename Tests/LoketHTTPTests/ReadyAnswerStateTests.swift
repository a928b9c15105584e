import NIOHTTP1
import Testing

@testable import LoketServer

/// The rules of the handler that answers before the router, as tables of what arrives on one
/// connection and what the state machine says to do, without a channel.
@Suite(.timeLimit(.minutes(3))) struct ReadyAnswerStateTests {
    /// One event on the connection, and the action expected for it.
    enum Step: Sendable {
        case head(HTTPRequestHead, writable: Bool = true, expect: ReadyAnswerState.HeadAction)
        case body(expect: ReadyAnswerState.PartAction)
        case end(expect: Expected)
        /// After `.end(expect: .answer)`: whether a ready answer was there.
        case answered(expect: ReadyAnswerState.AnsweredAction)
        case notAnswered
        case readComplete(flush: Bool)
        case responseEnded
        /// The router's response ended, and what follows.
        case responseEndedThen(ReadyAnswerState.ResponseEndAction)
        case errorCaught
        case passedOn(Int)
        /// Time passes on the connection's clock.
        case wait(Duration)
        /// The idle timer fires now, with a limit of `timeout`.
        case idle(expect: ReadyAnswerState.IdleAction)
    }

    static let timeout = Duration.seconds(30)

    enum Expected: Equatable, Sendable {
        case forward, drop, answer
        /// An answer for another head, or with another time, than the one held.
        case wrongAnswer
    }

    static let at = ContinuousClock.now

    static func get(
        _ path: String = "/api/v1/desks", version: HTTPVersion = .http1_1, _ headers: HTTPHeaders = [:]
    ) -> HTTPRequestHead {
        HTTPRequestHead(version: version, method: .GET, uri: path, headers: headers)
    }

    static func post(_ headers: HTTPHeaders = ["Content-Length": "2"]) -> HTTPRequestHead {
        HTTPRequestHead(version: .http1_1, method: .POST, uri: "/api/v1/holds", headers: headers)
    }

    static let cases: [(String, [Step])] = [
        (
            "a bodiless GET is held, answered at its end, and flushed when the read is over",
            [
                .head(get(), expect: .hold), .end(expect: .answer), .answered(expect: .flushLater),
                .readComplete(flush: true), .readComplete(flush: false), .passedOn(0),
            ]
        ),
        (
            "a GET without a ready answer goes to the router after all, and the next waits for its response",
            [
                .head(get(), expect: .hold), .end(expect: .answer), .notAnswered, .passedOn(1),
                .head(get(), expect: .passOn), .end(expect: .forward), .passedOn(2),
                .responseEnded, .responseEnded, .passedOn(0), .head(get(), expect: .hold),
            ]
        ),
        (
            "a request with a body is the router's, and so is the GET pipelined behind it",
            [
                .head(post(), expect: .passOn), .body(expect: .forward), .end(expect: .forward),
                .head(get(), expect: .passOn), .end(expect: .forward), .readComplete(flush: false),
            ]
        ),
        (
            "a GET that announces a body, or arrives while the connection cannot take output, goes on",
            [
                .head(get("/", ["Transfer-Encoding": "chunked"]), expect: .passOn), .body(expect: .forward),
                .end(expect: .forward), .responseEnded,
                .head(get(), writable: false, expect: .passOn), .end(expect: .forward),
            ]
        ),
        (
            "an empty body does not count as one",
            [.head(get("/", ["Content-Length": "0"]), expect: .hold)]
        ),
        (
            "after a held request that asked to close, the answer closes the output and nothing more is read",
            [
                .head(get("/", ["Connection": "close"]), expect: .hold), .end(expect: .answer),
                .answered(expect: .flushAndCloseOutput), .readComplete(flush: false),
                .head(get(), expect: .drop), .body(expect: .drop), .end(expect: .drop),
            ]
        ),
        (
            "a close among the connection options is a close, though the router closes after `close` alone",
            [
                .head(
                    post(["Content-Length": "2", "Connection": "close", "Connection": "keep-alive"]), expect: .passOn),
                .end(expect: .forward), .head(get(), expect: .drop), .responseEndedThen(.closeOutput),
            ]
        ),
        (
            "after a passed-on request that asked to close, nothing more is read, and its answer closes",
            [
                .head(post(["Content-Length": "2", "Connection": "close"]), expect: .passOn), .end(expect: .forward),
                .head(get(), expect: .drop), .responseEndedThen(.closeOutput),
            ]
        ),
        (
            "a close among the options of one Connection line is a close",
            [
                .head(get("/", ["Connection": "keep-alive, close"]), expect: .hold), .end(expect: .answer),
                .answered(expect: .flushAndCloseOutput),
            ]
        ),
        (
            "an answer the router sent before the rest of a request that asked to close (a refusal) closes",
            [
                .head(post(["Content-Length": "2", "Connection": "close"]), expect: .passOn), .body(expect: .forward),
                .responseEndedThen(.closeOutput), .end(expect: .forward), .head(get(), expect: .drop),
            ]
        ),
        (
            "with two requests at the router, the answer to the one that asked to close closes, not the first",
            [
                .head(post(), expect: .passOn), .end(expect: .forward),
                .head(post(["Content-Length": "2", "Connection": "close"]), expect: .passOn), .end(expect: .forward),
                .responseEndedThen(.answering), .responseEndedThen(.closeOutput),
            ]
        ),
        (
            "HTTP/1.0 without keep-alive asks to close: its ready answer closes the output",
            [
                .head(get(version: .http1_0), expect: .hold), .end(expect: .answer),
                .answered(expect: .flushAndCloseOutput), .head(get(), expect: .drop),
            ]
        ),
        (
            "HTTP/1.0 without keep-alive, answered by the router, is closed after its answer",
            [
                .head(get(version: .http1_0), expect: .hold), .end(expect: .answer), .notAnswered,
                .responseEndedThen(.closeOutput),
            ]
        ),
        (
            "HTTP/1.0 with keep-alive keeps the connection",
            [
                .head(get(version: .http1_0, ["Connection": "keep-alive"]), expect: .hold), .end(expect: .answer),
                .answered(expect: .flushLater), .head(get(), expect: .hold),
            ]
        ),
        (
            "a request that broke off is not answered here",
            [.head(get(), expect: .hold), .errorCaught, .end(expect: .forward)]
        ),
        (
            "a response the router sends for a request never passed on does not go below zero",
            [.responseEnded, .passedOn(0), .head(get(), expect: .hold)]
        ),
        (
            "a connection used only by answers given here idles from its last request, not its first",
            [
                .idle(expect: .lookAgain(at: at + timeout)),
                .wait(.seconds(20)), .head(get(), expect: .hold), .end(expect: .answer), .answered(expect: .flushLater),
                .wait(.seconds(20)), .idle(expect: .lookAgain(at: at + .seconds(50))),
                .wait(.seconds(10)), .idle(expect: .close),
            ]
        ),
        (
            "while the router answers, the timer waits for its response, and the idle time starts there",
            [
                .head(post(), expect: .passOn), .body(expect: .forward), .end(expect: .forward),
                .wait(.seconds(60)), .idle(expect: .waitForResponse),
                .responseEndedThen(.idle), .idle(expect: .lookAgain(at: at + .seconds(90))),
            ]
        ),
        (
            "a request whose body stops arriving idles out from its last part",
            [
                .head(post(), expect: .passOn), .wait(.seconds(10)), .body(expect: .forward),
                .wait(.seconds(30)), .idle(expect: .close),
            ]
        ),
        (
            "with two requests at the router, the connection is idle only after the second response",
            [
                .head(post(), expect: .passOn), .end(expect: .forward), .head(get(), expect: .passOn),
                .end(expect: .forward), .responseEndedThen(.answering), .responseEndedThen(.idle),
            ]
        ),
    ]

    @Test(arguments: cases)
    func rules(_ name: String, _ steps: [Step]) {
        var now = Self.at
        var state = ReadyAnswerState(now: now)
        var headArrived = now
        for (index, step) in steps.enumerated() {
            let place = Comment(rawValue: "\(name), step \(index + 1)")
            switch step {
            case .head(let head, let writable, let expected):
                headArrived = now
                #expect(state.head(head, writable: writable, now: now) == expected, place)
            case .body(let expected):
                #expect(state.body(now: now) == expected, place)
            case .end(let expected):
                let action: Expected =
                    switch state.end() {
                    case .forward: .forward
                    case .drop: .drop
                    case .answer(let head, let since):
                        since == headArrived && head.method == .GET ? .answer : .wrongAnswer
                    }
                #expect(action == expected, place)
            case .answered(let expected):
                #expect(state.answered() == expected, place)
            case .notAnswered:
                state.notAnswered()
            case .readComplete(let flush):
                #expect(state.readComplete() == flush, place)
            case .responseEnded:
                _ = state.responseEnded(now: now)
            case .responseEndedThen(let action):
                #expect(state.responseEnded(now: now) == action, place)
            case .wait(let duration):
                now += duration
            case .idle(let expected):
                #expect(state.idle(now: now, timeout: Self.timeout) == expected, place)
            case .errorCaught:
                state.errorCaught()
            case .passedOn(let count):
                #expect(state.passedOn == count, place)
            }
        }
    }
}

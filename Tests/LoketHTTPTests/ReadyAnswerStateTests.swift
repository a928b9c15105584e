import HTTPTypes
import Testing

@testable import LoketServer

/// The rules of the handler that answers before the router, as tables of what arrives on one
/// connection and what the state machine says to do, without a channel.
@Suite(.timeLimit(.minutes(3))) struct ReadyAnswerStateTests {
    /// One event on the connection, and the action expected for it.
    enum Step: Sendable {
        case head(HTTPRequest, writable: Bool = true, expect: ReadyAnswerState.HeadAction)
        case body(expect: ReadyAnswerState.PartAction)
        case end(expect: Expected)
        /// After `.end(expect: .answer)`: whether a ready answer was there.
        case answered(expect: ReadyAnswerState.AnsweredAction)
        case notAnswered
        case readComplete(flush: Bool)
        case responseEnded
        case errorCaught
        case passedOn(Int)
    }

    enum Expected: Equatable, Sendable { case forward, drop, answer }

    static let at = ContinuousClock.now

    static func get(_ path: String = "/api/v1/desks", _ fields: HTTPFields = [:]) -> HTTPRequest {
        HTTPRequest(method: .get, scheme: nil, authority: nil, path: path, headerFields: fields)
    }

    static func post(_ fields: HTTPFields = [.contentLength: "2"]) -> HTTPRequest {
        HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/api/v1/holds", headerFields: fields)
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
                .head(get("/", [.transferEncoding: "chunked"]), expect: .passOn), .body(expect: .forward),
                .end(expect: .forward), .responseEnded,
                .head(get(), writable: false, expect: .passOn), .end(expect: .forward),
            ]
        ),
        (
            "an empty body does not count as one",
            [.head(get("/", [.contentLength: "0"]), expect: .hold)]
        ),
        (
            "after a held request that asked to close, the answer closes the output and nothing more is read",
            [
                .head(get("/", [.connection: "close"]), expect: .hold), .end(expect: .answer),
                .answered(expect: .flushAndCloseOutput), .readComplete(flush: false),
                .head(get(), expect: .drop), .body(expect: .drop), .end(expect: .drop),
            ]
        ),
        (
            "after a passed-on request that asked to close, nothing more is read either",
            [
                .head(post([.contentLength: "2", .connection: "close"]), expect: .passOn), .end(expect: .forward),
                .head(get(), expect: .drop),
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
    ]

    @Test(arguments: cases)
    func rules(_ name: String, _ steps: [Step]) {
        var state = ReadyAnswerState()
        for (index, step) in steps.enumerated() {
            let place = Comment(rawValue: "\(name), step \(index + 1)")
            switch step {
            case .head(let head, let writable, let expected):
                #expect(state.head(head, writable: writable, now: Self.at) == expected, place)
            case .body(let expected):
                #expect(state.body() == expected, place)
            case .end(let expected):
                let action: Expected =
                    switch state.end() {
                    case .forward: .forward
                    case .drop: .drop
                    case .answer(let head, let since):
                        since == Self.at && head.method == .get ? .answer : .drop
                    }
                #expect(action == expected, place)
            case .answered(let expected):
                #expect(state.answered() == expected, place)
            case .notAnswered:
                state.notAnswered()
            case .readComplete(let flush):
                #expect(state.readComplete() == flush, place)
            case .responseEnded:
                state.responseEnded()
            case .errorCaught:
                state.errorCaught()
            case .passedOn(let count):
                #expect(state.passedOn == count, place)
            }
        }
    }
}

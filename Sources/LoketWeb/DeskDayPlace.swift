import Foundation
import Hummingbird
import LoketDomain

/// Where a clerk is in their day: the counter they call to and the hours of the agenda they look
/// at. Carried through the pages they open from the agenda (recording captures, a handover) and
/// back, so that after one customer they land where they were, ready to call the next.
struct DeskDayPlace {
    /// The counter, as the clerk typed it; empty until they call someone.
    let counter: String
    /// The part of the day listed; around now when nil.
    let window: AgendaWindow?

    /// The place an address or a form gives as `counter` and `from`. A bad `from` is refused,
    /// naming it, rather than quietly showing other hours.
    init(counter: String?, from: String?) throws(Refusal) {
        self.counter = (counter ?? "").trimmingCharacters(in: .whitespaces)
        self.window = try Self.window(from)
    }

    /// The place an address gives (`?counter=…&from=…`).
    init(query request: Request) throws(Refusal) {
        try self.init(counter: request.query("counter"), from: request.query("from"))
    }

    /// The place a form gives (hidden `counter` and `from` fields).
    init(form: [String: String]) throws(Refusal) {
        try self.init(counter: form["counter"], from: form["from"])
    }

    init(counter: String, window: AgendaWindow?) {
        self.counter = counter
        self.window = window
    }

    /// The part of the day `from` asks for: `HH:MM`, `day` for the whole day; around now (nil)
    /// when absent.
    static func window(_ from: String?) throws(Refusal) -> AgendaWindow? {
        guard let from, !from.isEmpty else { return nil }
        if from == "day" { return .wholeDay }
        guard let time = LocalTime(text: from), time.minutes < 24 * 60 else {
            throw Refusal.invalid("from", "invalid_window", "Give a time like 09:00, or day for the whole day.")
        }
        return AgendaWindow(from: time)
    }

    /// `window` as `from` in an address or a form; empty around now.
    var from: String {
        guard let window else { return "" }
        return window.isWholeDay ? "day" : window.from.text
    }

    /// The same counter at other hours (around now when nil).
    func with(window: AgendaWindow?) -> DeskDayPlace {
        DeskDayPlace(counter: counter, window: window)
    }

    /// The place as query parameters (`counter=3&from=09:00`), without the parts that are empty.
    /// The counter is as typed, so it is encoded; `from` is a time or `day`.
    var query: String {
        [
            counter.isEmpty
                ? nil : "counter=\(counter.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")",
            from.isEmpty ? nil : "from=\(from)",
        ]
        .compactMap { $0 }.joined(separator: "&")
    }

    /// `query` as the end of a link (`?counter=3`), or nothing.
    var suffix: String { query.isEmpty ? "" : "?\(query)" }

    /// The desk's day at this place, with `notice` (a key the day page knows) shown on top.
    func dayAddress(desk: String, notice: String? = nil) -> String {
        let parts = [notice.map { "notice=\($0)" }, query.isEmpty ? nil : query].compactMap { $0 }
        return PagePath.deskDay.link(desk) + (parts.isEmpty ? "" : "?" + parts.joined(separator: "&"))
    }
}

import Hummingbird

/// The counter a workstation calls customers to (balienummer) and the queues it calls from, kept
/// by its browser for the working day: chosen once per workstation, as desk systems do it, so
/// that a reload or a new tab of the desk's day still knows them instead of losing them with the
/// address.
struct WorkstationCounter: Equatable {
    static let cookieName = "loket_counter"

    let desk: String
    let counter: String
    /// The queue letters this counter calls from; every queue when empty.
    let queues: Set<String>

    /// The longest counter the desk's day takes.
    static let maxLength = 10

    /// Only a counter that fits a cookie as it is (letters, digits and dashes) is kept, with
    /// queues that are single capital letters.
    init?(desk: String, counter: String, queues: Set<String> = []) {
        let fits = { (text: String, length: Int) in
            (1...length).contains(text.count)
                && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
        guard fits(desk, 16), fits(counter, Self.maxLength),
            queues.allSatisfy({ $0.count == 1 && $0.allSatisfy { $0.isASCII && $0.isUppercase } })
        else { return nil }
        self.desk = desk
        self.counter = counter
        self.queues = queues
    }

    /// The one the browser keeps (`DESK:COUNTER` or `DESK:COUNTER:LETTERS`), if any.
    init?(_ request: Request) {
        guard let value = request.cookies[Self.cookieName]?.value else { return nil }
        let parts = value.split(separator: ":", maxSplits: 2).map(String.init)
        guard parts.count >= 2 else { return nil }
        self.init(
            desk: parts[0], counter: parts[1], queues: Set((parts.count == 3 ? parts[2] : "").map(String.init)))
    }

    /// The cookie that keeps it: sent to the staff pages only, for a working day.
    func cookie(secure: Bool) -> Cookie {
        let value = "\(desk):\(counter)" + (queues.isEmpty ? "" : ":" + queues.sorted().joined())
        return Cookie(
            name: Self.cookieName, value: value, maxAge: 12 * 3600, path: "/staff", secure: secure, httpOnly: true,
            sameSite: .strict)
    }
}

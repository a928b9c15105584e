import Hummingbird

/// The counter a workstation calls customers to (balienummer), kept by its browser for the
/// working day: chosen once per workstation, as desk systems do it, so that a reload or a new
/// tab of the desk's day still knows it instead of losing it with the address.
struct WorkstationCounter: Equatable {
    static let cookieName = "loket_counter"

    let desk: String
    let counter: String

    /// The longest counter the desk's day takes.
    static let maxLength = 10

    /// Only a counter that fits a cookie as it is (letters, digits and dashes) is kept.
    init?(desk: String, counter: String) {
        let fits = { (text: String, length: Int) in
            (1...length).contains(text.count)
                && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
        guard fits(desk, 16), fits(counter, Self.maxLength) else { return nil }
        self.desk = desk
        self.counter = counter
    }

    /// The one the browser keeps (`DESK:COUNTER`), if any.
    init?(_ request: Request) {
        guard let value = request.cookies[Self.cookieName]?.value else { return nil }
        let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        self.init(desk: parts[0], counter: parts[1])
    }

    /// The cookie that keeps it: sent to the staff pages only, for a working day.
    func cookie(secure: Bool) -> Cookie {
        Cookie(
            name: Self.cookieName, value: "\(desk):\(counter)", maxAge: 12 * 3600, path: "/staff", secure: secure,
            httpOnly: true, sameSite: .strict)
    }
}

/// A waiting-room ticket (volgnummer): its queue's letter and a number counting up per queue, desk
/// and day, written as desk systems write them ("B012"). Each product's customers wait in their
/// own line, so a clerk at a biometrics counter calls only biometrics customers and the screen
/// tells the lines apart.
public struct Ticket: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The queue's letter (`Product.queueLetter`); nil for a ticket drawn before queues had letters.
    public let queue: String?
    public let number: Int

    public init(queue: String?, number: Int) {
        self.queue = queue
        self.number = number
    }

    /// The letter and three digits, as the screen and the clerk's list show it.
    public var description: String {
        let digits = String(number)
        return (queue ?? "") + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }
}

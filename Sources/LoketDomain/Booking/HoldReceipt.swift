/// What the maker of a hold gets: the hold, and the secret that alone can confirm it, so a hold
/// id seen by anyone else (or sold) confirms nothing.
public struct HoldReceipt: Sendable, Hashable, Codable {
    public let hold: Hold
    public let token: String

    public init(hold: Hold, token: String) {
        self.hold = hold
        self.token = token
    }
}

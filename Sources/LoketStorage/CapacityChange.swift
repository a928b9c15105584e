/// A change of capacity at a desk. Most (every booking) change only the units taken; a few also
/// change what draws withhold, which every hold reads and which is therefore cached apart.
public struct CapacityChange: Sendable, Hashable {
    public let desk: String
    /// Whether what draws withhold changed too.
    public let draws: Bool

    public init(desk: String, draws: Bool) {
        self.desk = desk
        self.draws = draws
    }

    /// As a notification's payload: the desk code, after `draws:` for a draw change (desk codes
    /// hold letters, digits and hyphens only).
    var payload: String { draws ? "draws:\(desk)" : desk }

    init(payload: String) {
        if payload.hasPrefix("draws:") {
            self.init(desk: String(payload.dropFirst("draws:".count)), draws: true)
        } else {
            self.init(desk: payload, draws: false)
        }
    }
}

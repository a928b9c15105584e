import Foundation

/// Whether a product at a desk is in draw mode, who said so, and how far its capacity has been
/// published: days after `publishedThrough` wait for the next draw, and so does the urgent
/// reserve of days after `reservePublishedThrough`.
public struct DrawMode: Sendable, Hashable {
    /// Who set the mode: a desk manager's word stands until a manager changes it; the rule in the
    /// network file only switches modes it set itself (or that nobody set).
    public enum SetBy: String, Sendable, Hashable, Codable { case manager, rule }

    public let desk: String
    public let product: String
    public let on: Bool
    public let setBy: SetBy
    public let since: Date
    public let publishedThrough: LocalDate?
    public let reservePublishedThrough: LocalDate?

    public init(
        desk: String, product: String, on: Bool, setBy: SetBy, since: Date, publishedThrough: LocalDate?,
        reservePublishedThrough: LocalDate?
    ) {
        self.desk = desk
        self.product = product
        self.on = on
        self.setBy = setBy
        self.since = since
        self.publishedThrough = publishedThrough
        self.reservePublishedThrough = reservePublishedThrough
    }
}

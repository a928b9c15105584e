/// One line of the courier's manifest for a day: the delivery, the document and its desk, and
/// the name the courier asks for at the door.
public struct ManifestLine: Sendable, Hashable {
    public let delivery: Delivery
    public let document: String
    public let desk: String
    public let holderName: String

    public init(delivery: Delivery, document: String, desk: String, holderName: String) {
        self.delivery = delivery
        self.document = document
        self.desk = desk
        self.holderName = holderName
    }
}

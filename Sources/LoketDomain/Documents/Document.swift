import Foundation

/// A residence document (verblijfsdocument, e.g. the residence card) on its way from production
/// to its holder: ready at a desk, then collected there at a `DOC` appointment or delivered by
/// the courier (IPKD, Q5 of the source document).
public struct Document: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case inProduction = "in_production"
        /// At the desk, waiting for its holder to choose pickup or delivery.
        case ready
        case pickupBooked = "pickup_booked"
        case handedOver = "handed_over"
        case deliveryScheduled = "delivery_scheduled"
        /// On the day's manifest, which is fixed: the courier has it.
        case outForDelivery = "out_for_delivery"
        case delivered
        /// Not collected in time: sent back to production.
        case returned
    }

    /// How long an emailed link to a document works after its last change.
    public static let linkLife: TimeInterval = 30 * 86_400

    /// Whether the link from its emails still opens it at `now`: not once the card has reached
    /// its holder (or gone back), nor 30 days after its last change, so a forwarded or leaked
    /// mail cannot redirect a card later.
    public func linkOpens(lastChange: Date, now: Date) -> Bool {
        ![.handedOver, .delivered, .returned].contains(status) && now < lastChange.addingTimeInterval(Self.linkLife)
    }

    /// Who the document is for, as the case system knows them.
    public struct Holder: Sendable, Hashable {
        public let name: String
        public let email: String
        public let language: Customer.Language
        public let dateOfBirth: LocalDate

        public init(name: String, email: String, language: Customer.Language, dateOfBirth: LocalDate) {
            self.name = name
            self.email = email
            self.language = language
            self.dateOfBirth = dateOfBirth
        }
    }

    public let id: String
    /// The kind of document, as the desk network file names it (`residence-card`).
    public let kind: String
    /// The desk where the document lies (and is collected).
    public let desk: String
    /// The first day it is at the desk.
    public let readyOn: LocalDate
    public internal(set) var status: Status
    /// The `DOC` appointment at which it is to be collected.
    public internal(set) var pickupAppointment: String?
    /// The current delivery, if it is (or was last) to be delivered.
    public internal(set) var delivery: Delivery?
    public internal(set) var handedOverAt: Date?

    public init(
        id: String, kind: String, desk: String, readyOn: LocalDate, status: Status, pickupAppointment: String?,
        delivery: Delivery?, handedOverAt: Date?
    ) {
        self.id = id
        self.kind = kind
        self.desk = desk
        self.readyOn = readyOn
        self.status = status
        self.pickupAppointment = pickupAppointment
        self.delivery = delivery
        self.handedOverAt = handedOverAt
    }
}

/// One delivery of a document by the courier: a day, a time window and an address.
public struct Delivery: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable {
        case scheduled
        case outForDelivery = "out_for_delivery"
        case delivered, failed
        /// Moved to another day or replaced by a pickup before the manifest was fixed.
        case cancelled
    }

    public let id: String
    public let date: LocalDate
    public let window: TimeRange
    public let address: DutchAddress
    public internal(set) var status: Status
    /// Why a delivery failed, as the courier said.
    public internal(set) var reason: String?

    public init(
        id: String, date: LocalDate, window: TimeRange, address: DutchAddress, status: Status, reason: String?
    ) {
        self.id = id
        self.date = date
        self.window = window
        self.address = address
        self.status = status
        self.reason = reason
    }
}

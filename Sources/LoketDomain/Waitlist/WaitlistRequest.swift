import Foundation

/// A checked request to join the waitlist.
public struct WaitlistRequest: Sendable {
    public let product: String
    public let persons: Int
    public let desks: [String]
    public let from: LocalDate
    public let to: LocalDate
    /// Urgent, as the partner who entered it said (always false for anyone else).
    public let urgent: Bool
    /// The document's expiry, as the partner who entered it vouched (nil for anyone else).
    public let expiresOn: LocalDate?
    public let customer: Customer
    /// The appointment to improve on, already authorised by its manage token.
    public let appointment: String?
    /// The V-numbers the booking will claim when an offer is accepted (one live booking per person).
    public let people: [String]
    /// The partner who entered the entry and, when urgent, why (a trusted channel).
    public let partner: String?
    public let urgentReason: (reason: UrgentReserve.Reason, note: String?)?
    /// The client (address) that joined, when the limits count it: the offers the entry is
    /// made later count among that client's active holds.
    public let client: String?

    public init(
        product: String, persons: Int, desks: [String], from: LocalDate, to: LocalDate, urgent: Bool,
        expiresOn: LocalDate?,
        customer: Customer, appointment: String?, people: [String] = [], partner: String? = nil,
        urgentReason: (reason: UrgentReserve.Reason, note: String?)? = nil, client: String? = nil
    ) {
        self.client = client
        self.people = people
        self.partner = partner
        self.urgentReason = urgentReason
        self.product = product
        self.persons = persons
        self.desks = desks
        self.from = from
        self.to = to
        self.urgent = urgent
        self.expiresOn = expiresOn
        self.customer = customer
        self.appointment = appointment
    }

    /// The V-numbers that may wait in only one entry for this product: everyone the request names.
    public var waitingPeople: [String] {
        var seen = Set<String>()
        return ([customer.vNumber].compactMap { $0 } + customer.companions.map(\.vNumber) + people).filter {
            seen.insert($0).inserted
        }
    }
}

/// The result of accepting an offer: the appointment, and its manage token when it is new.
public struct AcceptedOffer: Sendable, Codable {
    public let appointment: Appointment
    public let manageToken: String?

    public init(appointment: Appointment, manageToken: String?) {
        self.appointment = appointment
        self.manageToken = manageToken
    }
}

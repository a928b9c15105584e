import Foundation

/// A checked request to join the waitlist.
public struct WaitlistRequest: Sendable {
    public let product: String
    public let persons: Int
    public let desks: [String]
    public let from: LocalDate
    public let to: LocalDate
    public let urgent: Bool
    public let expiresOn: LocalDate?
    public let customer: Customer
    /// The appointment to improve on, already authorised by its manage token.
    public let appointment: String?
    /// The V-numbers the booking will claim when an offer is accepted (one live booking per person).
    public let people: [String]

    public init(
        product: String, persons: Int, desks: [String], from: LocalDate, to: LocalDate, urgent: Bool,
        expiresOn: LocalDate?,
        customer: Customer, appointment: String?, people: [String] = []
    ) {
        self.people = people
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

import Foundation

/// A partner organisation as the API knows it after checking its key.
public struct Partner: Sendable, Hashable {
    public let id: String
    public let name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// One booking in a partner's batch: a checked hold plan and the person it is for.
public struct PartnerBookingPlan: Sendable {
    public let plan: HoldPlan
    public let customer: Customer
    /// Where in the request it came from, for error messages (`bookings[2]`).
    public let field: String
    /// Set when the booking may use the urgent reserve, with the reason given.
    public let urgent: (reason: UrgentReserve.Reason, note: String?)?
    /// The V-numbers it claims (one live booking per person and product).
    public let people: [String]

    public init(
        plan: HoldPlan, customer: Customer, field: String, urgent: (reason: UrgentReserve.Reason, note: String?)? = nil,
        people: [String] = []
    ) {
        self.plan = plan
        self.customer = customer
        self.field = field
        self.urgent = urgent
        self.people = people
    }
}

/// A partner's booking as the partner may see it: their own customers only.
public struct PartnerBooking: Sendable, Codable {
    public let appointment: Appointment
    public let customerName: String
    public let customerEmail: String

    public init(appointment: Appointment, customerName: String, customerEmail: String) {
        self.appointment = appointment
        self.customerName = customerName
        self.customerEmail = customerEmail
    }
}

public struct QuotaUse: Sendable, Codable, Hashable {
    public let desk: String
    public let weekly: Int
    public let used: Int

    public init(desk: String, weekly: Int, used: Int) {
        self.desk = desk
        self.weekly = weekly
        self.used = used
    }
}

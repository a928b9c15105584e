/// One line of a desk's day: an appointment and, once the customer arrived, their visit.
/// The clerk sees the name (they check the passport against it); nothing here goes to a URL.
public struct AgendaItem: Sendable, Hashable {
    public let appointment: Appointment
    public let customerName: String
    /// The customer asked for extra time or assistance (maatwerk).
    public let assistance: Bool
    public internal(set) var visit: Visit?

    public init(appointment: Appointment, customerName: String, assistance: Bool, visit: Visit?) {
        self.appointment = appointment
        self.customerName = customerName
        self.assistance = assistance
        self.visit = visit
    }
}

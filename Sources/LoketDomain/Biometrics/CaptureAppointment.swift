/// A BIO appointment as the clerk records its captures: everyone it is for, by name and with
/// the V-number when the booking gave one (the clerk types the rest, having checked the ID).
public struct CaptureAppointment: Sendable, Hashable {
    public struct Person: Sendable, Hashable {
        /// Empty for a person the booking counted but did not name.
        public let name: String
        public let vNumber: String?

        public init(name: String, vNumber: String?) {
            self.name = name
            self.vNumber = vNumber
        }
    }

    public let appointment: Appointment
    public let people: [Person]

    /// The customer, then the companions, then an unnamed person for each one more the
    /// appointment is for.
    public init(appointment: Appointment, customerName: String, vNumber: String?, companions: [Companion]) {
        self.appointment = appointment
        var people = [Person(name: customerName, vNumber: vNumber)]
        people += companions.map { Person(name: $0.name, vNumber: $0.vNumber) }
        while people.count < appointment.persons { people.append(Person(name: "", vNumber: nil)) }
        self.people = people
    }
}

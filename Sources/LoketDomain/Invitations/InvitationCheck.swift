/// Whether the people a request names were invited: each person (the customer and every
/// companion) must match an open invitation for the product by V-number and date of birth.
///
/// The refusal is the same, byte for byte, whether the V-number is unknown or the date of birth
/// wrong, so the answer is no oracle for either; and a V-number whose date of birth was guessed
/// wrong `wrongBirthDatesAllowed` times in a day answers as unknown until the day ends, so many
/// addresses together cannot search a date of birth.
public struct InvitationCheck: Sendable {
    /// One person a request names, with the field that names them (`customer` or
    /// `customer.companions[1]`).
    public struct Person: Sendable, Hashable {
        public let field: String
        public let vNumber: String
        public let dateOfBirth: LocalDate?

        public init(field: String, vNumber: String, dateOfBirth: LocalDate?) {
            self.field = field
            self.vNumber = vNumber
            self.dateOfBirth = dateOfBirth
        }
    }

    /// Wrong dates of birth a V-number may see in a day before it answers as unknown.
    public static let wrongBirthDatesAllowed = 5

    /// The open invitations of the V-numbers asked about, for any product.
    public let invitations: [Invitation]
    /// Wrong dates of birth seen today, by V-number.
    public let wrongBirthDatesToday: [String: Int]
    public let today: LocalDate

    public init(invitations: [Invitation], wrongBirthDatesToday: [String: Int], today: LocalDate) {
        self.invitations = invitations
        self.wrongBirthDatesToday = wrongBirthDatesToday
        self.today = today
    }

    /// The people `customer` names (customer first, then companions).
    public static func people(of customer: Customer) -> [Person] {
        var people: [Person] = []
        if let vNumber = customer.vNumber {
            people.append(Person(field: "customer", vNumber: vNumber, dateOfBirth: customer.dateOfBirth))
        }
        for (index, companion) in customer.companions.enumerated() {
            people.append(
                Person(
                    field: "customer.companions[\(index)]", vNumber: companion.vNumber,
                    dateOfBirth: companion.dateOfBirth))
        }
        return people
    }

    /// The first person not invited to `product`, as the refusal to give, and the V-numbers whose
    /// date of birth was wrong (to count); nil when everyone matches.
    public func refusal(of people: [Person], product: String) -> NotInvited? {
        var wrong: [String] = []
        var first: Person?
        for person in people {
            let invited = invitations.filter {
                $0.product == product && $0.vNumber == person.vNumber && $0.isOpen(on: today)
            }
            let matches = invited.contains { $0.dateOfBirth == person.dateOfBirth }
            let locked = wrongBirthDatesToday[person.vNumber, default: 0] >= Self.wrongBirthDatesAllowed
            if matches && !locked { continue }
            if !invited.isEmpty && !matches { wrong.append(person.vNumber) }
            if first == nil { first = person }
        }
        return first.map { NotInvited(field: $0.field + ".vNumber", wrongBirthDates: wrong) }
    }
}

/// A person on a request was not invited to the product (or their date of birth did not match).
/// It describes itself by its field alone: a span records an error that passes through it by its
/// description, and the V-numbers it carries must not go there.
public struct NotInvited: Error, Sendable, Equatable, RefusalConvertible, CustomStringConvertible {
    /// `customer.vNumber` or `customer.companions[i].vNumber`.
    public let field: String
    /// The V-numbers whose invitation exists but whose date of birth was wrong: counted, never told.
    public let wrongBirthDates: [String]

    public init(field: String, wrongBirthDates: [String]) {
        self.field = field
        self.wrongBirthDates = wrongBirthDates
    }

    public var description: String { "NotInvited(field: \(field))" }

    public var asRefusal: Refusal {
        .invalid(
            field, "not_invited",
            "This person has no invitation for this appointment with this date of birth. The IND sends an invitation by email when an appointment is needed."
        )
    }
}

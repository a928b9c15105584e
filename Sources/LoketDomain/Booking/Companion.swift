/// Another person in a group booking, named with their V-number: each person may have one live
/// appointment per product, and the desk checks who comes against the booking.
public struct Companion: Sendable, Hashable, Codable {
    public let name: String
    /// Vreemdelingennummer, 10 digits.
    public let vNumber: String
    /// Checked against the person's invitation for products that need one.
    public private(set) var dateOfBirth: LocalDate? = nil

    /// Stored with the booking: the date of birth is checked, never kept.
    enum CodingKeys: String, CodingKey { case name, vNumber }

    public init(name: String, vNumber: String, dateOfBirth: LocalDate? = nil) {
        self.name = name
        self.vNumber = vNumber
        self.dateOfBirth = dateOfBirth
    }

    /// Checks raw input; problems name the field as `<prefix>name`, `<prefix>vNumber` and `<prefix>dateOfBirth`.
    public static func checked(
        name: String?, vNumber: String?, dateOfBirth: String? = nil, prefix: String
    ) -> Result<Companion, Customer.Problems> {
        var problems: [Refusal] = []
        let name = (name ?? "").trimmingWhitespace
        if name.isEmpty {
            problems.append(.invalid(prefix + "name", "required", "Give the name of each person who comes."))
        } else if !Customer.isShortEnough(name: name) {
            problems.append(.invalid(prefix + "name", "too_long", "A name may be at most 200 characters."))
        }
        let vNumber = (vNumber ?? "").trimmingWhitespace
        if !Customer.isValidVNumber(vNumber) {
            problems.append(.invalid(prefix + "vNumber", "invalid", "A V-number has exactly 10 digits."))
        }
        let birth = Customer.dateOfBirth(dateOfBirth, field: prefix + "dateOfBirth")
        if case .failure(let problem) = birth { problems.append(problem) }
        guard problems.isEmpty, case .success(let birth) = birth else {
            return .failure(Customer.Problems(errors: problems))
        }
        return .success(Companion(name: name, vNumber: vNumber, dateOfBirth: birth))
    }
}

/// What was captured of one person, as a desk or a case system reports it: the person by
/// V-number and date of birth (the pair the record is looked up by), and each capture.
public struct PersonCaptures: Sendable, Hashable {
    /// Vreemdelingennummer, 10 digits.
    public let vNumber: String
    public let dateOfBirth: LocalDate
    public let captures: [BiometricCapture]

    public init(vNumber: String, dateOfBirth: LocalDate, captures: [BiometricCapture]) {
        self.vNumber = vNumber
        self.dateOfBirth = dateOfBirth
        self.captures = captures
    }

    /// One capture as a channel read it, still text.
    public struct Given: Sendable {
        public let kind: String?
        public let date: String?
        public let quality: String?

        public init(kind: String?, date: String?, quality: String?) {
            self.kind = kind
            self.date = date
            self.quality = quality
        }
    }

    /// At most this many captures in one report: a desk takes three kinds per person.
    public static let maxCaptures = 30

    /// Checks raw input; the first problem is thrown naming its field after `prefix`
    /// (`captures[1].quality`). A capture is not dated after `today` nor before the date of birth.
    public static func checked(
        vNumber: String?, dateOfBirth: String?, captures: [Given], today: LocalDate, prefix: String = ""
    ) throws(Refusal) -> PersonCaptures {
        let vNumber = (vNumber ?? "").trimmingWhitespace
        guard Customer.isValidVNumber(vNumber) else {
            throw .invalid(prefix + "vNumber", "invalid", "A V-number has exactly 10 digits.")
        }
        let dateOfBirth = dateOfBirth?.trimmingWhitespace.nilIfEmpty
        guard let birth = try LocalDate.parse(dateOfBirth, field: prefix + "dateOfBirth") else {
            throw .invalid(prefix + "dateOfBirth", "required", "Give the date of birth, YYYY-MM-DD.")
        }
        guard birth <= today, birth.age(on: today) <= 130 else {
            throw .invalid(
                prefix + "dateOfBirth", "out_of_range", "The date of birth lies in the future or too far back.")
        }
        guard !captures.isEmpty else {
            throw .invalid(prefix + "captures", "required", "List at least one capture.")
        }
        guard captures.count <= maxCaptures else {
            throw .invalid(prefix + "captures", "too_many", "At most \(maxCaptures) captures at once.")
        }
        var checked: [BiometricCapture] = []
        for (index, given) in captures.enumerated() {
            let field = "\(prefix)captures[\(index)]"
            guard let kind = given.kind.flatMap(BiometricKind.init(rawValue:)) else {
                throw .invalid("\(field).kind", "invalid", "Kind is face, fingerprints or signature.")
            }
            guard let date = try LocalDate.parse(given.date, field: "\(field).date") else {
                throw .invalid("\(field).date", "required", "Give the date of the capture, YYYY-MM-DD.")
            }
            guard date <= today, date >= birth else {
                throw .invalid(
                    "\(field).date", "out_of_range", "A capture lies between the date of birth and today.")
            }
            guard let quality = given.quality.flatMap(BiometricCapture.Quality.init(rawValue:)) else {
                throw .invalid("\(field).quality", "invalid", "Quality is sufficient or insufficient.")
            }
            checked.append(BiometricCapture(kind: kind, date: date, quality: quality))
        }
        return PersonCaptures(vNumber: vNumber, dateOfBirth: birth, captures: checked)
    }
}

/// The person an appointment is for, as they gave their details. A BSN is checked when given
/// (old clients still send it) but not kept: nothing in Loket needs it.
public struct Customer: Sendable, Hashable, Codable {
    /// The languages of the customer pages and emails: Dutch, English, and two for the people
    /// this service sees most who read neither, Ukrainian and Arabic (written right to left).
    public enum Language: String, Sendable, Codable, CaseIterable {
        case nl, en, uk, ar

        /// Arabic runs right to left: pages and emails carry `dir="rtl"`.
        public var isRightToLeft: Bool { self == .ar }

        /// `ltr` or `rtl`, for an HTML `dir` attribute.
        public var direction: String { isRightToLeft ? "rtl" : "ltr" }

        /// This language's of a name the desk network file gives in Dutch and English, and
        /// perhaps in Ukrainian and Arabic; English where it gives none.
        public func choose(nl: String, en: String, uk: String?, ar: String?) -> String {
            switch self {
            case .nl: nl
            case .en: en
            case .uk: uk ?? en
            case .ar: ar ?? en
            }
        }

        /// The language's name in itself, as a language menu shows it.
        public var ownName: String {
            switch self {
            case .nl: "Nederlands"
            case .en: "English"
            case .uk: "Українська"
            case .ar: "العربية"
            }
        }
    }

    public let name: String
    public let email: String
    public let phone: String?
    /// Vreemdelingennummer: the 10-digit number the IND gives a foreign national.
    public let vNumber: String?
    /// Checked with the V-number against the case system's invitation, for products that need one.
    public let dateOfBirth: LocalDate?
    public let language: Language
    /// The other persons of a group booking, for products where each person may have only one
    /// live appointment (see `BookingRules.people`).
    public var companions: [Companion]

    public init(
        name: String, email: String, phone: String?, vNumber: String?, dateOfBirth: LocalDate? = nil,
        language: Language, companions: [Companion] = []
    ) {
        self.name = name
        self.email = email
        self.phone = phone
        self.vNumber = vNumber
        self.dateOfBirth = dateOfBirth
        self.language = language
        self.companions = companions
    }

    /// Checks raw input field by field; the first problem is thrown with its field name under `prefix`.
    public static func validated(
        name: String?, email: String?, phone: String?, vNumber: String?, dateOfBirth: String? = nil, bsn: String?,
        language: String?, prefix: String = "customer."
    ) throws(Refusal) -> Customer {
        switch checked(
            name: name, email: email, phone: phone, vNumber: vNumber, dateOfBirth: dateOfBirth, bsn: bsn,
            language: language, prefix: prefix)
        {
        case .success(let customer): return customer
        case .failure(let problems): throw problems.errors[0]
        }
    }

    /// Every problem at once, in form order, for forms that show them all next to their fields.
    public static func checked(
        name: String?, email: String?, phone: String?, vNumber: String?, dateOfBirth: String? = nil, bsn: String?,
        language: String?, prefix: String = "customer."
    ) -> Result<Customer, Problems> {
        var problems: [Refusal] = []
        let name = (name ?? "").trimmingWhitespace
        if name.isEmpty {
            problems.append(
                .invalid(prefix + "name", "required", "Give the name of the person the appointment is for."))
        }
        if !Self.isShortEnough(name: name) {
            problems.append(.invalid(prefix + "name", "too_long", "A name may be at most 200 characters."))
        }
        let email = (email ?? "").trimmingWhitespace
        if email.isEmpty {
            problems.append(.invalid(prefix + "email", "required", "Give an email address for the confirmation."))
        } else if !Self.isPlausibleEmail(email) {
            problems.append(.invalid(prefix + "email", "invalid", "This is not a valid email address."))
        }
        let phone = phone?.trimmingWhitespace.nilIfEmpty
        if let phone, !Self.isPlausiblePhone(phone) {
            problems.append(
                .invalid(prefix + "phone", "invalid", "A phone number has 6 to 20 digits and may start with +."))
        }
        let vNumber = vNumber?.trimmingWhitespace.nilIfEmpty
        if let vNumber, !Self.isValidVNumber(vNumber) {
            problems.append(.invalid(prefix + "vNumber", "invalid", "A V-number has exactly 10 digits."))
        }
        let birth = Self.dateOfBirth(dateOfBirth, field: prefix + "dateOfBirth")
        if case .failure(let problem) = birth { problems.append(problem) }
        // Checked so that a wrong one is still refused, then dropped: it is never stored.
        if let bsn = bsn?.trimmingWhitespace.nilIfEmpty, !Self.isValidBSN(bsn) {
            problems.append(.invalid(prefix + "bsn", "invalid", "A BSN has 9 digits and passes the eleven-test."))
        }
        let languageText = language?.trimmingWhitespace.nilIfEmpty ?? "en"
        let language = Language(rawValue: languageText)
        if language == nil {
            problems.append(.invalid(prefix + "language", "invalid", "Language is nl, en, uk or ar."))
        }
        guard problems.isEmpty, let language, case .success(let birth) = birth else {
            return .failure(Problems(errors: problems))
        }
        return .success(
            Customer(
                name: name, email: email, phone: phone, vNumber: vNumber, dateOfBirth: birth, language: language))
    }

    /// The problems `checked` found; never empty.
    public struct Problems: Error, Sendable {
        public let errors: [Refusal]
    }

    /// A date of birth as written (`YYYY-MM-DD`), nil when not given.
    public static func dateOfBirth(_ text: String?, field: String) -> Result<LocalDate?, Refusal> {
        guard let text = text?.trimmingWhitespace.nilIfEmpty else { return .success(nil) }
        guard let date = LocalDate(iso: text), date.year >= 1880 else {
            return .failure(.invalid(field, "invalid", "Give the date of birth as YYYY-MM-DD."))
        }
        return .success(date)
    }

    /// At most 200 characters as a reader counts them, and 800 bytes: a "character" can carry
    /// any number of combining marks, so a count of characters alone lets 40 KB through.
    public static func isShortEnough(name: String) -> Bool {
        name.count <= 200 && name.unicodeScalars.count <= 400 && name.utf8.count <= 800
    }

    /// A V-number (vreemdelingennummer) has exactly ten digits.
    public static func isValidVNumber(_ text: String) -> Bool {
        text.count == 10 && text.allSatisfy(\.isASCIIDigit)
    }

    /// The eleven-test (elfproef) for a BSN: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11, and not zero.
    public static func isValidBSN(_ text: String) -> Bool {
        guard text.count == 9, text.allSatisfy(\.isASCIIDigit) else { return false }
        let digits = text.map { Int(String($0))! }
        var sum = 0
        for (index, digit) in digits.prefix(8).enumerated() { sum += (9 - index) * digit }
        sum -= digits[8]
        return sum != 0 && sum % 11 == 0
    }

    /// One `@`, a non-empty local part, a domain with a dot, no spaces; deliverability is the mail server's call.
    public static func isPlausibleEmail(_ text: String) -> Bool {
        guard text.count <= 254, !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" }) else {
            return false
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64 else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }
    }

    public static func isPlausiblePhone(_ text: String) -> Bool {
        let allowed = text.allSatisfy { $0.isASCIIDigit || " +-()".contains($0) }
        let digits = text.filter(\.isASCIIDigit).count
        return text.count <= 32 && allowed && (6...20).contains(digits) && !text.dropFirst().contains("+")
    }
}

extension String {
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }

    var nilIfEmpty: String? { isEmpty ? nil : self }
}

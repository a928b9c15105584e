/// The case system's word that a person may book a product (uitnodiging): the IND knows who has
/// applied and must give biometrics or collect a document, so for products that require it only
/// those people book, and a script inventing V-numbers books nothing.
public struct Invitation: Sendable, Hashable, Codable {
    public let id: String
    public let product: String
    /// Vreemdelingennummer of the person invited.
    public let vNumber: String
    /// Asked again when booking, so a V-number alone (printed on letters, known to others) books nothing.
    public let dateOfBirth: LocalDate
    /// Where the invitation and, for a booking through a third party, its confirmation link go.
    public let email: String
    public let language: Customer.Language
    /// The last day it may be used.
    public let validUntil: LocalDate
    /// Whether the case system took it back.
    public let withdrawn: Bool

    public init(
        id: String, product: String, vNumber: String, dateOfBirth: LocalDate, email: String,
        language: Customer.Language, validUntil: LocalDate, withdrawn: Bool = false
    ) {
        self.id = id
        self.product = product
        self.vNumber = vNumber
        self.dateOfBirth = dateOfBirth
        self.email = email
        self.language = language
        self.validUntil = validUntil
        self.withdrawn = withdrawn
    }

    /// Whether it still lets its person book on `today`.
    public func isOpen(on today: LocalDate) -> Bool {
        !withdrawn && today <= validUntil
    }
}

/// An invitation as the case system asks for it, checked field by field.
public struct InvitationRequest: Sendable, Hashable {
    public let product: String
    public let vNumber: String
    public let dateOfBirth: LocalDate
    public let email: String
    public let language: Customer.Language
    public let validUntil: LocalDate

    /// Checks raw input against the network on `today`; problems name their field after
    /// `prefix`. Left out, an invitation lasts as long as the booking horizon, the furthest
    /// ahead its person could book on the day it was made.
    public static func checked(
        product: String?, vNumber: String?, dateOfBirth: String?, email: String?, language: String?,
        validUntil: String?, network: DeskNetwork, today: LocalDate, prefix: String = ""
    ) throws(Refusal) -> InvitationRequest {
        let key = (product ?? "").trimmingWhitespace
        guard !key.isEmpty else { throw .invalid(prefix + "product", "required", "Name the product.") }
        guard let product = network.product(key) else {
            throw .invalid(prefix + "product", "unknown", "There is no product \(key).")
        }
        let vNumber = (vNumber ?? "").trimmingWhitespace
        guard Customer.isValidVNumber(vNumber) else {
            throw .invalid(prefix + "vNumber", "invalid", "A V-number has exactly 10 digits.")
        }
        let birth: LocalDate
        switch Customer.dateOfBirth(dateOfBirth, field: prefix + "dateOfBirth") {
        case .success(let given?): birth = given
        case .success(nil): throw .invalid(prefix + "dateOfBirth", "required", "Give the date of birth, YYYY-MM-DD.")
        case .failure(let problem): throw problem
        }
        guard birth <= today else {
            throw .invalid(prefix + "dateOfBirth", "out_of_range", "The date of birth lies in the future.")
        }
        let email = (email ?? "").trimmingWhitespace
        guard Customer.isPlausibleEmail(email) else {
            throw .invalid(prefix + "email", email.isEmpty ? "required" : "invalid", "Give a valid email address.")
        }
        guard let language = Customer.Language(rawValue: language?.trimmingWhitespace.nilIfEmpty ?? "en") else {
            throw .invalid(prefix + "language", "invalid", "Language is nl, en, uk or ar.")
        }
        let until: LocalDate
        if let validUntil = validUntil?.trimmingWhitespace.nilIfEmpty {
            guard let date = LocalDate(iso: validUntil) else {
                throw .invalid(prefix + "validUntil", "invalid", "Give the last day as YYYY-MM-DD.")
            }
            guard date >= today else {
                throw .invalid(prefix + "validUntil", "out_of_range", "The last day lies in the past.")
            }
            until = date
        } else {
            until = today.adding(days: network.bookingHorizonDays)
        }
        return InvitationRequest(
            product: product.key, vNumber: vNumber, dateOfBirth: birth, email: email, language: language,
            validUntil: until)
    }
}

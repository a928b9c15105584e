/// A Dutch postal address for courier delivery, checked as the post checks it: a postcode of four
/// digits (not starting with 0) and two letters (not SA, SD or SS), and a house number.
public struct DutchAddress: Sendable, Hashable, Codable {
    public let street: String
    public let houseNumber: String
    /// Normalised as `1234 AB`.
    public let postcode: String
    public let city: String

    public init(street: String, houseNumber: String, postcode: String, city: String) {
        self.street = street
        self.houseNumber = houseNumber
        self.postcode = postcode
        self.city = city
    }

    /// The four digits of the postcode, for the courier's area rules.
    public var postcodeNumber: Int { Int(postcode.prefix(4)) ?? 0 }

    /// Checks raw input field by field under `prefix`; the first problem is thrown.
    public static func checked(
        street: String?, houseNumber: String?, postcode: String?, city: String?, prefix: String = "address."
    ) throws(Refusal) -> DutchAddress {
        let street = (street ?? "").trimmingWhitespace
        guard !street.isEmpty, street.count <= 200 else {
            throw .invalid(
                prefix + "street", street.isEmpty ? "required" : "too_long", "Give the street, at most 200 characters.")
        }
        let number = (houseNumber ?? "").trimmingWhitespace
        // A number from 1, then an optional letter or addition: 12, 12a, 12-2, 12 bis.
        guard let first = number.first, first.isASCIIDigit, first != "0", number.count <= 12,
            number.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == " ") })
        else {
            throw .invalid(prefix + "houseNumber", "invalid", "Give the house number, e.g. 12 or 12a.")
        }
        let compact = (postcode ?? "").filter { $0 != " " }.uppercased()
        guard compact.count == 6, compact.prefix(4).allSatisfy(\.isASCIIDigit), compact.first != "0",
            compact.suffix(2).allSatisfy({ $0.isASCII && $0.isLetter }),
            !["SA", "SD", "SS"].contains(String(compact.suffix(2)))
        else {
            throw .invalid(
                prefix + "postcode", "invalid", "A Dutch postcode is four digits and two letters, e.g. 2511 AB.")
        }
        let city = (city ?? "").trimmingWhitespace
        guard !city.isEmpty, city.count <= 100 else {
            throw .invalid(prefix + "city", city.isEmpty ? "required" : "too_long", "Give the town or city.")
        }
        return DutchAddress(
            street: street, houseNumber: number, postcode: "\(compact.prefix(4)) \(compact.suffix(2))", city: city)
    }
}

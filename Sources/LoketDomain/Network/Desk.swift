/// A place where customers are served: one of the large IND desk locations, a
/// maatwerkloket for people who need more help, or an expat centre.
public struct Desk: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Large desk location: documents, biometrics and information.
        case desk
        /// Maatwerkloket: for customers who are less self-reliant.
        case tailored
        /// Expat centre, university or municipality offering desk services nearer the customer.
        case partner
    }

    /// The code the online planner uses (AM, DH, ZW, DB, RO, …).
    public let code: String
    public let name: String
    public let kind: Kind
    public let address: String
    public let city: String
    public let timeZone: String
    public let products: [String]
    public let openingHours: [OpeningHours]
    public let roster: [RosterBlock]
    public let closures: [Closure]
    /// First day the desk no longer serves anyone (Rotterdam: 2022-05-25).
    public let closedFrom: LocalDate?
    /// Where the work of a closed desk went (Rotterdam → DH).
    public let successor: String?

    public init(
        code: String, name: String, kind: Kind = .desk, address: String, city: String,
        timeZone: String = "Europe/Amsterdam", products: [String], openingHours: [OpeningHours],
        roster: [RosterBlock], closures: [Closure] = [], closedFrom: LocalDate? = nil, successor: String? = nil
    ) {
        self.code = code
        self.name = name
        self.kind = kind
        self.address = address
        self.city = city
        self.timeZone = timeZone
        self.products = products
        self.openingHours = openingHours
        self.roster = roster
        self.closures = closures
        self.closedFrom = closedFrom
        self.successor = successor
    }

    public func offers(_ product: String) -> Bool { products.contains(product) }

    /// Whether the desk has closed for good by `date`.
    public func isClosedForGood(on date: LocalDate) -> Bool {
        closedFrom.map { date >= $0 } ?? false
    }

    /// The opening hours on `date`, or nil when the desk is shut that day.
    /// The last matching period in the file wins, so later additions override earlier ones.
    public func hours(on date: LocalDate, workingDays: WorkingDays) -> TimeRange? {
        if isClosedForGood(on: date) || workingDays.isHoliday(date) { return nil }
        if closures.contains(where: { $0.contains(date) }) { return nil }
        guard let period = openingHours.last(where: { $0.applies(on: date) }) else { return nil }
        return period.hours[date.weekday]
    }

    private enum CodingKeys: String, CodingKey {
        case code, name, kind, address, city, timeZone, products, openingHours, roster, closures, closedFrom, successor
    }

    /// Kind, time zone and closures may be left out of a desk network file.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            code: try c.decode(String.self, forKey: .code), name: try c.decode(String.self, forKey: .name),
            kind: try c.decodeIfPresent(Kind.self, forKey: .kind) ?? .desk,
            address: try c.decode(String.self, forKey: .address), city: try c.decode(String.self, forKey: .city),
            timeZone: try c.decodeIfPresent(String.self, forKey: .timeZone) ?? "Europe/Amsterdam",
            products: try c.decode([String].self, forKey: .products),
            openingHours: try c.decode([OpeningHours].self, forKey: .openingHours),
            roster: try c.decode([RosterBlock].self, forKey: .roster),
            closures: try c.decodeIfPresent([Closure].self, forKey: .closures) ?? [],
            closedFrom: try c.decodeIfPresent(LocalDate.self, forKey: .closedFrom),
            successor: try c.decodeIfPresent(String.self, forKey: .successor))
    }
}

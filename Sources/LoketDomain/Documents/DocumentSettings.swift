/// What the desk network file says about documents: the kinds a case system may announce, how
/// long a ready document waits for its holder, and courier delivery. Every field has a default.
public struct DocumentSettings: Sendable, Hashable, Codable {
    /// A kind of document, e.g. `residence-card`.
    public struct Kind: Sendable, Hashable, Codable {
        public let key: String
        public let nameNL: String
        public let nameEN: String
        /// The name in Ukrainian and in Arabic; left out, the English one shows.
        public let nameUK: String?
        public let nameAR: String?
        /// The product its pickup appointment is for; left out, `DOC`.
        public let pickupProduct: String?

        public init(
            key: String, nameNL: String, nameEN: String, nameUK: String? = nil, nameAR: String? = nil,
            pickupProduct: String? = nil
        ) {
            self.key = key
            self.nameNL = nameNL
            self.nameEN = nameEN
            self.nameUK = nameUK
            self.nameAR = nameAR
            self.pickupProduct = pickupProduct
        }

        /// The kind's name in `language`.
        public func name(_ language: Customer.Language) -> String {
            language.choose(nl: nameNL, en: nameEN, uk: nameUK, ar: nameAR)
        }

        public var product: String { pickupProduct ?? "DOC" }
    }

    public let kinds: [Kind]?
    /// A ready document nobody claimed this many working days is returned; left out, 60.
    public let unclaimedAfterWorkingDays: Int?
    /// Courier delivery; none when left out.
    public let courier: CourierRules?

    public init(kinds: [Kind]? = nil, unclaimedAfterWorkingDays: Int? = nil, courier: CourierRules? = nil) {
        self.kinds = kinds
        self.unclaimedAfterWorkingDays = unclaimedAfterWorkingDays
        self.courier = courier
    }

    public static let residenceCard = Kind(key: "residence-card", nameNL: "Verblijfsdocument", nameEN: "Residence card")

    public var documentKinds: [Kind] { kinds ?? [Self.residenceCard] }
    public var unclaimedAfter: Int { unclaimedAfterWorkingDays ?? 60 }
    public func kind(_ key: String) -> Kind? { documentKinds.first { $0.key == key } }
}

/// Courier delivery (the government courier, IPKD): which desks' documents may be delivered to
/// which postcodes, how many a day, and when the holder hears of it.
public struct CourierRules: Sendable, Hashable, Codable {
    /// Desks whose documents may be delivered.
    public let desks: [String]
    /// Postcode number ranges delivered to, e.g. `1000-9999` for the whole country.
    public let postcodes: [String]
    /// Deliveries the courier takes on one working day, over all desks.
    public let perDay: Int
    /// The time windows a delivery day is split into; each delivery gets one.
    public let windows: [TimeRange]
    /// The holder gets the day and window this many working days before; left out, 2.
    public let noticeWorkingDays: Int?
    /// The manifest of a day is fixed at this time on the working day before; left out, 16:00.
    public let manifestCutoff: LocalTime?
    /// How many working days ahead delivery days are offered; left out, 15.
    public let daysOffered: Int?
    /// The share of holders expected to choose delivery, for the forecast (`loket forecast
    /// --courier-from`); nil when not known.
    public let expectedShare: Double?

    public init(
        desks: [String], postcodes: [String], perDay: Int, windows: [TimeRange], noticeWorkingDays: Int? = nil,
        manifestCutoff: LocalTime? = nil, daysOffered: Int? = nil, expectedShare: Double? = nil
    ) {
        self.desks = desks
        self.postcodes = postcodes
        self.perDay = perDay
        self.windows = windows
        self.noticeWorkingDays = noticeWorkingDays
        self.manifestCutoff = manifestCutoff
        self.daysOffered = daysOffered
        self.expectedShare = expectedShare
    }

    public var notice: Int { noticeWorkingDays ?? 2 }
    public var cutoff: LocalTime { manifestCutoff ?? LocalTime(minutes: 16 * 60) }
    public var offered: Int { daysOffered ?? 15 }

    /// Whether a document at `desk` may be delivered to `address`.
    public func delivers(from desk: String, to address: DutchAddress) -> Bool {
        desks.contains(desk)
            && postcodes.contains { range in
                let ends = range.split(separator: "-").compactMap { Int($0) }
                guard let low = ends.first, let high = ends.last else { return false }
                return (low...high).contains(address.postcodeNumber)
            }
    }

    /// Problems that make the rules unusable, each naming where it is.
    public func problems(desks known: Set<String>) -> [String] {
        var problems: [String] = []
        for desk in desks where !known.contains(desk) {
            problems.append("documents.courier.desks: unknown desk \(desk)")
        }
        for range in postcodes {
            let ends = range.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            if ends.count != 2 || ends.contains(where: { $0 == nil || !(1000...9999).contains($0!) })
                || ends[0]! > ends[1]!
            {
                problems.append("documents.courier.postcodes: \(range) is not a range like 1000-9999")
            }
        }
        if perDay < 0 { problems.append("documents.courier.perDay: must not be negative") }
        if windows.isEmpty { problems.append("documents.courier.windows: give at least one time window") }
        if let share = expectedShare, !(0...1).contains(share) {
            problems.append("documents.courier.expectedShare: between 0 and 1")
        }
        return problems
    }
}

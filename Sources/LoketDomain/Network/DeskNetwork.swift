/// The whole service as configured: products, desks and the booking settings that hold for all.
public struct DeskNetwork: Sendable, Codable {
    /// Length of one slot unit in minutes; the planner shows slots of this length.
    public let slotMinutes: Int
    /// How far ahead customers may book, in calendar days from today.
    public let bookingHorizonDays: Int
    /// How long a hold keeps a slot before its capacity goes back.
    public let holdMinutes: Int
    public let holidays: DutchHolidays
    public let products: [Product]
    public let desks: [Desk]
    /// Capacity kept back for urgent cases (spoedafspraken); none when left out.
    public let urgent: UrgentReserve?
    /// Limits against hoarding and resale; defaults when left out.
    public let fairAccess: FairAccess?
    /// How long customers' personal data is kept; defaults when left out.
    public let retention: Retention?
    /// Documents and their delivery; defaults (no courier) when left out.
    public let documents: DocumentSettings?
    /// The waiting-time norm (working days to the first free slot) the dashboard, the open data
    /// and the live forecast hold the waits against; 10 when left out.
    public let normWorkingDays: Double?

    public init(
        slotMinutes: Int, bookingHorizonDays: Int, holdMinutes: Int, holidays: DutchHolidays,
        products: [Product], desks: [Desk], urgent: UrgentReserve? = nil, fairAccess: FairAccess? = nil,
        retention: Retention? = nil, documents: DocumentSettings? = nil, normWorkingDays: Double? = nil
    ) {
        self.slotMinutes = slotMinutes
        self.bookingHorizonDays = bookingHorizonDays
        self.holdMinutes = holdMinutes
        self.holidays = holidays
        self.products = products
        self.desks = desks
        self.urgent = urgent
        self.fairAccess = fairAccess
        self.retention = retention
        self.documents = documents
        self.normWorkingDays = normWorkingDays
    }

    /// The fair-access rules in force, defaults filled in.
    public var fairness: FairAccess { fairAccess ?? FairAccess() }
    /// The retention in force, defaults filled in.
    public var dataRetention: Retention { retention ?? Retention() }
    /// The document settings in force, defaults filled in.
    public var documentSettings: DocumentSettings { documents ?? DocumentSettings() }
    /// The waiting-time norm in force.
    public var norm: Double { normWorkingDays ?? 10 }

    public func desk(_ code: String) -> Desk? { desks.first { $0.code == code } }

    /// The network with the desk managers' changes applied, per desk code.
    public func applying(_ changes: [String: [DeskChange]]) -> DeskNetwork {
        guard !changes.isEmpty else { return self }
        return DeskNetwork(
            slotMinutes: slotMinutes, bookingHorizonDays: bookingHorizonDays, holdMinutes: holdMinutes,
            holidays: holidays,
            products: products, desks: desks.map { $0.applying(changes[$0.code] ?? []) }, urgent: urgent,
            fairAccess: fairAccess, retention: retention, documents: documents, normWorkingDays: normWorkingDays)
    }
    public func product(_ key: String) -> Product? { products.first { $0.key == key } }

    /// Problems that make the file unusable, each naming where it is; empty when the file is sound.
    public func problems() -> [String] {
        var problems: [String] = []
        if slotMinutes < 1 || 60 % slotMinutes != 0 { problems.append("slotMinutes: must divide 60") }
        if bookingHorizonDays < 1 { problems.append("bookingHorizonDays: must be at least 1") }
        if holdMinutes < 1 { problems.append("holdMinutes: must be at least 1") }
        if dataRetention.days < 1 { problems.append("retention.personalDataDays: must be at least 1") }
        if let hours = fairness.drawRule.windowHours, hours < 1 {
            problems.append("fairAccess.draws.windowHours: must be at least 1")
        }
        for product in products where product.requiresInvitation && !product.onePerPerson {
            problems.append(
                "products.\(product.key): invitationRequired needs oneBookingPerPerson (each person named by V-number)")
        }
        if !(16...128).contains(fairness.clientLimits.ipv6PrefixLength) {
            problems.append("fairAccess.limits.ipv6Prefix: between 16 and 128")
        }
        if let norm = fairness.drawRule.whenWaitAbove, norm < 0 {
            problems.append("fairAccess.draws.whenWaitAbove: must not be negative")
        }
        if let normWorkingDays, normWorkingDays < 0 { problems.append("normWorkingDays: must not be negative") }
        if let urgent, !(0...1).contains(urgent.share) { problems.append("urgent.share: between 0 and 1") }
        if let urgent, urgent.releaseWorkingDaysAhead < 0 {
            problems.append("urgent.releaseWorkingDaysAhead: must not be negative")
        }
        problems += documentSettings.courier?.problems(desks: Set(desks.map(\.code))) ?? []
        let productKeys = Set(products.map(\.key))
        if productKeys.count != products.count { problems.append("products: duplicate key") }
        for product in products
        where product.queueLetter.count != 1 || !product.queueLetter.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            problems.append("products[\(product.key)].queue: one capital letter, A to Z")
        }
        var codes = Set<String>()
        for desk in desks {
            let at = "desks[\(desk.code)]"
            if !codes.insert(desk.code).inserted { problems.append("\(at): duplicate code") }
            if desk.code.isEmpty || !desk.code.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
                problems.append("\(at).code: letters, digits and '-' only")
            }
            for key in desk.products where !productKeys.contains(key) {
                problems.append("\(at).products: unknown product \(key)")
            }
            if let successor = desk.successor, !desks.contains(where: { $0.code == successor }) {
                problems.append("\(at).successor: unknown desk \(successor)")
            }
            var pools = Set<String>()
            for block in desk.roster {
                if !pools.insert(block.id).inserted { problems.append("\(at).roster[\(block.id)]: duplicate id") }
                if block.id.isEmpty || !block.id.allSatisfy({ ($0.isLowercase || $0.isNumber) && $0.isASCII }) {
                    problems.append("\(at).roster[\(block.id)].id: lower-case letters and digits only")
                }
                if block.counters < 0 { problems.append("\(at).roster[\(block.id)].counters: must not be negative") }
                if block.hours.from.minutes % slotMinutes != 0 || block.hours.to.minutes % slotMinutes != 0 {
                    problems.append("\(at).roster[\(block.id)].hours: must align with \(slotMinutes)-minute slots")
                }
                for key in block.products where !desk.products.contains(key) {
                    problems.append("\(at).roster[\(block.id)].products: \(key) is not offered by the desk")
                }
            }
        }
        return problems
    }
}

import Foundation

/// Someone waiting for an earlier appointment (wachtlijst): at the desks they chose, within a
/// window of dates. When capacity appears it is offered to them in a stated fair order, as a
/// time-limited hold they accept or decline; nobody has to poll the slot list.
public struct WaitlistEntry: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Codable {
        /// `expired`: the last day of its window passed while it was still waiting.
        case waiting, offered, booked, left, expired
    }

    /// The most desks one entry may wait at: enough to cover the desks within reach, few enough
    /// that one person cannot stand in every line of the country at once.
    public static let maxDesks = 5

    public struct Offer: Sendable, Hashable, Codable {
        public let hold: String
        public let desk: String
        public let slot: String
        public let date: LocalDate
        public let startTime: LocalTime
        public let endTime: LocalTime
        public let expiresAt: Date

        public init(
            hold: String, desk: String, slot: String, date: LocalDate, startTime: LocalTime, endTime: LocalTime,
            expiresAt: Date
        ) {
            self.hold = hold
            self.desk = desk
            self.slot = slot
            self.date = date
            self.startTime = startTime
            self.endTime = endTime
            self.expiresAt = expiresAt
        }
    }

    public let id: String
    public let product: String
    public let persons: Int
    public let desks: [String]
    public let from: LocalDate
    public let to: LocalDate
    /// Urgent cases come first (a document or right about to lapse, a job at risk): only as a
    /// partner or staff member entered it, never as the person claimed it.
    public let urgent: Bool
    /// When their document or right expires, if a partner or staff member vouched for it:
    /// sooner comes first.
    public let expiresOn: LocalDate?
    /// The appointment this entry tries to improve on, if any.
    public let appointment: String?
    public let language: Customer.Language
    public let createdAt: Date
    public internal(set) var state: State
    public internal(set) var offer: Offer?

    public init(
        id: String, product: String, persons: Int, desks: [String], from: LocalDate, to: LocalDate, urgent: Bool,
        expiresOn: LocalDate?, appointment: String?, language: Customer.Language, createdAt: Date, state: State,
        offer: Offer?
    ) {
        self.id = id
        self.product = product
        self.persons = persons
        self.desks = desks
        self.from = from
        self.to = to
        self.urgent = urgent
        self.expiresOn = expiresOn
        self.appointment = appointment
        self.language = language
        self.createdAt = createdAt
        self.state = state
        self.offer = offer
    }

    /// The fair order in which capacity is offered: urgent cases first, then whoever's document
    /// or right expires soonest, then whoever has waited longest.
    public static func fairOrder(_ a: WaitlistEntry, _ b: WaitlistEntry) -> Bool {
        a.fairRank < b.fairRank
    }

    /// The entry's place in the fair order as a tuple that sorts the same way in Swift and, column
    /// by column, in the database (`priority`, `expires_rank`, `created_at`, `id`), so the line can
    /// be walked by an index instead of sorted in memory.
    public var fairRank: FairRank {
        FairRank(
            priority: urgent ? 0 : 1, expiresRank: (expiresOn ?? FairRank.noExpiry).iso,
            createdAt: Int((createdAt.timeIntervalSince1970 * 1000).rounded()), id: id)
    }

    /// See `fairRank`.
    public struct FairRank: Sendable, Hashable, Comparable {
        /// 0 for urgent entries, 1 for the others.
        public let priority: Int
        /// The expiry date as `YYYY-MM-DD`, or `noExpiry` (which sorts after every real date).
        public let expiresRank: String
        /// Milliseconds since 1970.
        public let createdAt: Int
        public let id: String

        public init(priority: Int, expiresRank: String, createdAt: Int, id: String) {
            self.priority = priority
            self.expiresRank = expiresRank
            self.createdAt = createdAt
            self.id = id
        }

        /// The expiry of entries that have none.
        public static let noExpiry = LocalDate(year: 9999, month: 12, day: 31)!

        public static func < (a: FairRank, b: FairRank) -> Bool {
            (a.priority, a.expiresRank, a.createdAt, a.id) < (b.priority, b.expiresRank, b.createdAt, b.id)
        }
    }
}

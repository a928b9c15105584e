import Foundation

/// Someone waiting for an earlier appointment (wachtlijst): at the desks they chose, within a
/// window of dates. When capacity appears it is offered to them in a stated fair order, as a
/// time-limited hold they accept or decline; nobody has to poll the slot list.
public struct WaitlistEntry: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Codable {
        case waiting, offered, booked, left
    }

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
    /// Urgent cases come first (a document or right about to lapse, a job at risk).
    public let urgent: Bool
    /// When their document or right expires, if it does: sooner comes first.
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
        if a.urgent != b.urgent { return a.urgent }
        switch (a.expiresOn, b.expiresOn) {
        case (let x?, let y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: break
        }
        if a.createdAt != b.createdAt { return a.createdAt < b.createdAt }
        return a.id < b.id
    }
}

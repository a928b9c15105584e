import Foundation

/// A slot kept for one customer for a short time while they fill in their details.
public struct Hold: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Codable {
        /// Capacity taken, waiting for confirmation.
        case active
        /// Turned into an appointment; the capacity now belongs to it.
        case confirmed
        /// Lapsed; its capacity went back.
        case expired
        /// Given back before it was used, because the waitlist offer it carried ended.
        case released
    }

    public let id: String
    public let desk: String
    public let product: String
    public let persons: Int
    public let slot: String
    public let date: LocalDate
    public let startTime: LocalTime
    public let endTime: LocalTime
    public let expiresAt: Date
    public internal(set) var state: State

    public init(
        id: String, desk: String, product: String, persons: Int, slot: String, date: LocalDate,
        startTime: LocalTime, endTime: LocalTime, expiresAt: Date, state: State
    ) {
        self.id = id
        self.desk = desk
        self.product = product
        self.persons = persons
        self.slot = slot
        self.date = date
        self.startTime = startTime
        self.endTime = endTime
        self.expiresAt = expiresAt
        self.state = state
    }
}

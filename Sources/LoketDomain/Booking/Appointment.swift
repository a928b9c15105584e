import Foundation

/// A confirmed booking (afspraak) at a desk.
public struct Appointment: Sendable, Hashable, Codable {
    /// A moved appointment stays confirmed; its `revision` counts the moves and the cancellation.
    public enum State: String, Sendable, Codable {
        case confirmed
        case cancelled
    }

    public let id: String
    public internal(set) var desk: String
    public let product: String
    public let persons: Int
    public internal(set) var slot: String
    public internal(set) var date: LocalDate
    public internal(set) var startTime: LocalTime
    public internal(set) var endTime: LocalTime
    public internal(set) var state: State
    public let language: Customer.Language
    public let createdAt: Date
    /// The short code the customer shows at the desk (afspraakcode); nil for appointments made
    /// before codes existed.
    public let code: String?
    /// Extra time or assistance asked for (maatwerk).
    public let assistance: Bool
    /// How often it was moved: the SEQUENCE of its calendar entries.
    public internal(set) var revision: Int

    public init(
        id: String, desk: String, product: String, persons: Int, slot: String, date: LocalDate,
        startTime: LocalTime, endTime: LocalTime, state: State, language: Customer.Language, createdAt: Date,
        code: String? = nil, assistance: Bool = false, revision: Int = 0
    ) {
        self.id = id
        self.desk = desk
        self.product = product
        self.persons = persons
        self.slot = slot
        self.date = date
        self.startTime = startTime
        self.endTime = endTime
        self.state = state
        self.language = language
        self.createdAt = createdAt
        self.code = code
        self.assistance = assistance
        self.revision = revision
    }
}

/// An appointment as first confirmed: the only time its manage token is shown.
public struct ConfirmedBooking: Sendable, Hashable, Codable {
    public let appointment: Appointment
    public let manageToken: String

    public init(appointment: Appointment, manageToken: String) {
        self.appointment = appointment
        self.manageToken = manageToken
    }
}

extension Appointment {
    /// When the appointment begins, as an instant (desks keep Amsterdam time).
    public var startInstant: Date { DeskTime(date: date, time: startTime).instant(in: DeskTime.amsterdam) }
}

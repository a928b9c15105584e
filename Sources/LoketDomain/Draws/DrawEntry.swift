import Foundation

/// One person's (and their companions') request in a draw: the desks they could go to and,
/// optionally, the days. Drawn, they get an appointment; not drawn, they join the waitlist in
/// draw order.
public struct DrawEntry: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case entered, drawn
        case notDrawn = "not_drawn"
    }

    public let id: String
    public let draw: String
    public let persons: Int
    /// Desks they could go to: the draw's own first, the others for the waitlist if not drawn.
    public let desks: [String]
    /// Days of the draw they could come on; empty: any.
    public let days: [LocalDate]
    public let createdAt: Date
    public internal(set) var status: Status
    /// The appointment they got, when drawn.
    public internal(set) var appointment: String?
    /// The waitlist entry they were put in, when not drawn (nil if they could not wait).
    public internal(set) var waitlistEntry: String?

    public init(
        id: String, draw: String, persons: Int, desks: [String], days: [LocalDate], createdAt: Date, status: Status,
        appointment: String?, waitlistEntry: String?
    ) {
        self.id = id
        self.draw = draw
        self.persons = persons
        self.desks = desks
        self.days = days
        self.createdAt = createdAt
        self.status = status
        self.appointment = appointment
        self.waitlistEntry = waitlistEntry
    }

    /// The days of `draw` this entry accepts.
    public func acceptableDays(in draw: Draw) -> [LocalDate] {
        days.isEmpty ? draw.allDays : draw.allDays.filter(days.contains)
    }
}

extension DrawEntry {
    public enum Event: String, Sendable, Hashable, Codable { case drawn, notDrawn }

    /// Drawn: the entry got `appointment`.
    public mutating func drawn(appointment: String) throws(TransitionError<Status, Event>) {
        guard status == .entered else {
            throw TransitionError(
                from: status, event: .drawn, field: "entry", code: "already_decided", "This entry has been decided.")
        }
        status = .drawn
        self.appointment = appointment
    }

    /// Not drawn: no place was left that suits it; it waits in `waitlistEntry`, if any.
    public mutating func notDrawn(waitlistEntry: String?) throws(TransitionError<Status, Event>) {
        guard status == .entered else {
            throw TransitionError(
                from: status, event: .notDrawn, field: "entry", code: "already_decided",
                "This entry has been decided.")
        }
        status = .notDrawn
        self.waitlistEntry = waitlistEntry
    }
}

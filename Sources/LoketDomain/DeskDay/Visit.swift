import Foundation

/// A customer's visit on the day of their appointment: arrival, being called to a counter,
/// and the real start and end of service, which later feed capacity planning.
public struct Visit: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Codable {
        /// Aangemeld: in the waiting room.
        case waiting
        /// Opgeroepen: called to a counter, service running.
        case called
        case served
        case noShow = "no-show"
    }

    public let appointmentID: String
    public let desk: String
    public let date: LocalDate
    /// The ticket shown on the waiting-room display; counts up per queue, desk and day.
    public internal(set) var ticket: Ticket?
    public internal(set) var state: State
    public internal(set) var checkedInAt: Date?
    public internal(set) var calledAt: Date?
    public internal(set) var counter: String?
    public internal(set) var endedAt: Date?
    /// Asked at check-in for the "your turn soon" email (`TurnSoon`).
    public let notifySoon: Bool

    public init(
        appointmentID: String, desk: String, date: LocalDate, ticket: Ticket?, state: State,
        checkedInAt: Date?, calledAt: Date?, counter: String?, endedAt: Date?, notifySoon: Bool = false
    ) {
        self.appointmentID = appointmentID
        self.desk = desk
        self.date = date
        self.ticket = ticket
        self.state = state
        self.checkedInAt = checkedInAt
        self.calledAt = calledAt
        self.counter = counter
        self.endedAt = endedAt
        self.notifySoon = notifySoon
    }

    /// Whole minutes waited since check-in, up to `now` or to being called.
    public func waitingMinutes(now: Date) -> Int {
        guard let checkedInAt else { return 0 }
        return max(0, Int((calledAt ?? now).timeIntervalSince(checkedInAt) / 60))
    }
}

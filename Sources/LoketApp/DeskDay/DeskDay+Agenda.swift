import Foundation
import LoketDomain

/// A desk's day as the clerks see it: the agenda, the progress, the queues and the screen. What
/// they do (check-in, calls, a visit's end) is `DeskDay+Visits`.
extension DeskDay {
    /// The confirmed appointments at `desk` on `dates` (today when nil), by day and time.
    public func agenda(desk: String, dates: ClosedRange<LocalDate>? = nil) async throws -> [AgendaItem] {
        try await deskDayStore.agenda(desk: desk, dates: dates ?? today...today)
    }

    /// Today's appointments at `desk` in `window`, and everyone waiting or at a counter.
    public func agenda(desk: String, window: AgendaWindow) async throws -> [AgendaItem] {
        try await deskDayStore.agenda(desk: desk, date: today, window: window)
    }

    /// How far today has come at `desk`, over all its appointments.
    public func dayProgress(desk: String) async throws -> DayProgress {
        try await deskDayStore.progress(desk: desk, date: today)
    }

    /// The queues at `desk`: each letter once, with the products whose customers wait in it.
    public func queues(desk: String) -> [(letter: String, products: [Product])] {
        let products = (network.desk(desk)?.products ?? []).compactMap { network.product($0) }
        var letters: [String] = []
        for product in products where !letters.contains(product.queueLetter) { letters.append(product.queueLetter) }
        return letters.map { letter in (letter, products.filter { $0.queueLetter == letter }) }
    }

    /// The next `count` tickets waiting at `desk` today: "your turn soon" on the waiting-room screen.
    public func nextTickets(desk: String, count: Int = 3) async throws -> [Ticket] {
        try await deskDayStore.waitingTickets(desk: desk, date: today, limit: count)
    }

    /// Today's latest calls at `desk`, newest first: what the waiting-room screen shows.
    public func recentCalls(desk: String) async throws -> [Visit] {
        try await deskDayStore.recentCalls(desk: desk, date: today)
    }
}

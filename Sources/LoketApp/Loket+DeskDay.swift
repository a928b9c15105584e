import Foundation
import LoketDomain

/// A desk's day as the clerks run it, and the urgent bookings staff make for a customer.
extension Loket {
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

    /// `staff` checks in today's customer with appointment `code` at `desk`, giving them a ticket;
    /// `notifySoon`: they want an email once they are among the next in their queue.
    public func checkIn(
        code: String, desk: String, notifySoon: Bool = false, staff: String
    ) async throws -> AgendaItem {
        try await deskDayStore.checkIn(
            code: code, desk: desk, date: today,
            queues: Dictionary(uniqueKeysWithValues: network.products.map { ($0.key, $0.queueLetter) }),
            notifySoon: notifySoon, staff: staff, now: now())
    }

    /// Calls the longest-waiting checked-in customer of `queues` (every queue when empty) to
    /// `counter`; nil when nobody waits there.
    public func callNext(
        desk: String, counter: String, queues: Set<String> = [], staff: String
    ) async throws -> AgendaItem? {
        try await deskDayStore.callNext(
            desk: desk, date: today, counter: counter, queues: queues, staff: staff, now: now())
    }

    /// The queues at `desk`: each letter once, with the products whose customers wait in it.
    public func queues(desk: String) -> [(letter: String, products: [Product])] {
        let products = (network.desk(desk)?.products ?? []).compactMap { network.product($0) }
        var letters: [String] = []
        for product in products where !letters.contains(product.queueLetter) { letters.append(product.queueLetter) }
        return letters.map { letter in (letter, products.filter { $0.queueLetter == letter }) }
    }

    /// Ends a visit as served or as a no-show.
    public func finishVisit(
        appointment: String, desk: String, outcome: Visit.State, staff: String
    ) async throws -> AgendaItem {
        try await deskDayStore.finishVisit(
            appointment: appointment, desk: desk, outcome: outcome, staff: staff, now: now())
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

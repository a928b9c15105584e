import Foundation

extension Visit {
    /// Where a customer is on the day of their appointment; `booked` means they have not arrived,
    /// so there is no visit yet.
    public enum Stage: String, Sendable, Hashable, Codable {
        case booked, waiting, called, served
        case noShow = "no-show"
    }

    /// What the desk does with a visit; a refusal names it.
    public enum Event: String, Sendable, Hashable, Codable {
        case checkIn = "check-in"
        case call, serve
        case markNoShow = "no-show"
    }
}

/// A visit's life at the desk: booked → checked in (waiting) → called → served, or no-show at any
/// point before served. The desk-day rules live here so every channel refuses the same things.
extension AgendaItem {
    /// The refusal of a desk-day event, naming the stage it found.
    public typealias VisitError = TransitionError<Visit.Stage, Visit.Event>

    /// The visit's stage, `booked` while there is no visit yet.
    public var stage: Visit.Stage {
        switch visit?.state {
        case nil: .booked
        case .waiting?: .waiting
        case .called?: .called
        case .served?: .served
        case .noShow?: .noShow
        }
    }

    /// Checks the customer in with `ticket`, only on the appointment's own day. Someone marked a
    /// no-show before they ever arrived may still check in late; anyone else is already checked in.
    public mutating func checkIn(ticket: Ticket, today: LocalDate, now: Date) throws(VisitError) {
        guard appointment.state == .confirmed else {
            throw VisitError(
                from: stage, event: .checkIn, field: "code", code: "cancelled", "This appointment was cancelled.")
        }
        guard appointment.date == today else {
            throw VisitError(
                from: stage, event: .checkIn, field: "code", code: "not_today", "This appointment is on another day.")
        }
        guard stage == .booked || (stage == .noShow && visit?.ticket == nil) else {
            throw VisitError(
                from: stage, event: .checkIn, field: "code", code: "already_checked_in",
                "This customer has already checked in.")
        }
        visit = Visit(
            appointmentID: appointment.id, desk: appointment.desk, date: appointment.date, ticket: ticket,
            state: .waiting,
            checkedInAt: now, calledAt: nil, counter: nil, endedAt: nil)
    }

    /// Calls a waiting customer to `counter`; service starts now.
    public mutating func call(counter: String, now: Date) throws(VisitError) {
        guard stage == .waiting else {
            throw VisitError(
                from: stage, event: .call, field: "visit", code: "not_waiting",
                "Only a customer who is waiting can be called.")
        }
        visit?.state = .called
        visit?.calledAt = now
        visit?.counter = counter
    }

    /// Ends service for a customer who was called; `now` is the real end that feeds planning.
    public mutating func serve(now: Date) throws(VisitError) {
        guard stage == .called else {
            throw VisitError(
                from: stage, event: .serve, field: "outcome", code: "not_possible",
                "Only a customer who has been called can be marked served.")
        }
        visit?.state = .served
        visit?.endedAt = now
    }

    /// Marks a no-show: never came once the appointment has begun, or left before being served.
    /// A cancelled appointment, one that has not begun, or a visit that already ended is refused.
    public mutating func markNoShow(now: Date) throws(VisitError) {
        guard appointment.state == .confirmed else {
            throw VisitError(
                from: stage, event: .markNoShow, field: "outcome", code: "cancelled",
                "A cancelled appointment cannot be marked a no-show.")
        }
        switch stage {
        case .booked:
            guard now >= appointment.startInstant else {
                throw VisitError(
                    from: stage, event: .markNoShow, field: "outcome", code: "not_yet",
                    "An appointment that has not begun cannot be marked a no-show.")
            }
            visit = Visit(
                appointmentID: appointment.id, desk: appointment.desk, date: appointment.date, ticket: nil,
                state: .noShow,
                checkedInAt: nil, calledAt: nil, counter: nil, endedAt: now)
        case .waiting, .called:
            visit?.state = .noShow
            visit?.endedAt = now
        case .served, .noShow:
            throw VisitError(
                from: stage, event: .markNoShow, field: "outcome", code: "not_possible", "This visit has already ended."
            )
        }
    }

    /// The order in which waiting customers are called: earliest appointment first, then whoever
    /// checked in first.
    public static func callOrder(_ a: AgendaItem, _ b: AgendaItem) -> Bool {
        if a.appointment.startTime != b.appointment.startTime {
            return a.appointment.startTime < b.appointment.startTime
        }
        return (a.visit?.checkedInAt ?? .distantFuture) < (b.visit?.checkedInAt ?? .distantFuture)
    }
}

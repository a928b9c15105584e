import Foundation
import LoketDomain
import LoketStorage

/// What clerks do in a desk's day: check a customer in, call the next one to a counter, end a
/// visit. Each writes the visit as its lifecycle decides, the "your turn soon" emails the change
/// of line owes and the audit entry, in one transaction.
extension DeskDay {
    /// `staff` checks in today's customer with appointment `code` at `desk`, giving them the next
    /// ticket of their product's queue; checking in twice gives back the first ticket.
    /// `notifySoon`: they want an email once they are among the next in their queue.
    public func checkIn(
        code typed: String, desk: String, notifySoon: Bool = false, staff: String
    ) async throws -> AgendaItem {
        guard let code = AppointmentCode.normalised(typed) else { throw Refusal.invalidAppointmentCode }
        let (now, today, outbox) = (now(), today, context.outbox)
        let queues = Dictionary(uniqueKeysWithValues: network.products.map { ($0.key, $0.queueLetter) })
        return try await database.write { tx in
            guard let item = try await DeskDayStore.appointment(code: code, desk: desk, date: today, in: tx) else {
                throw Refusal.unknownAppointmentCode(code)
            }
            // The lifecycle decides before a ticket number is spent.
            var probe = item
            do throws(AgendaItem.VisitError) {
                try probe.checkIn(ticket: Ticket(queue: nil, number: 0), today: today, now: now)
            } catch {
                // Checking in twice gives back the first ticket.
                guard error.code == "already_checked_in" else { throw error.asRefusal }
                return item
            }
            // A product no longer in the network file still has its default queue.
            let queue = queues[item.appointment.product] ?? Product.defaultQueueLetter(key: item.appointment.product)
            let (ticket, number) = try await DeskDayStore.nextTicket(desk: desk, date: today, queue: queue, in: tx)
            var arrived = item
            try decided { () throws(AgendaItem.VisitError) in
                try arrived.checkIn(ticket: Ticket(queue: queue, number: number), today: today, now: now)
            }
            try await DeskDayStore.checkedIn(arrived.visit!, ticket: ticket, notifySoon: notifySoon, now: now, in: tx)
            // Checked in among the first of the queue, someone who asked is told at once: they may
            // wait outside, and the next call may already be theirs.
            try await Self.announceTurnSoon(desk: desk, date: today, queue: queue, now: now, outbox: outbox, in: tx)
            try await AuditLog.append(
                AuditEntry(at: now, staff: staff, action: .checkIn, target: item.appointment.id, desk: desk), in: tx)
            return try await DeskDayStore.agendaItem(id: item.appointment.id, in: tx)!
        }
    }

    /// Calls the next customer waiting in one of `queues` (every queue when empty; earliest
    /// appointment, then earliest arrival) to `counter`; nil when nobody is waiting there. Two
    /// clerks calling at once get two different people.
    public func callNext(
        desk: String, counter: String, queues: Set<String> = [], staff: String
    ) async throws -> AgendaItem? {
        let (now, today, outbox) = (now(), today, context.outbox)
        return try await database.write { tx -> AgendaItem? in
            while true {
                guard let id = try await DeskDayStore.firstWaiting(desk: desk, date: today, queues: queues, in: tx),
                    var item = try await DeskDayStore.agendaItem(id: id, in: tx)
                else { return nil }
                try decided { () throws(AgendaItem.VisitError) in try item.call(counter: counter, now: now) }
                // Conditional on the state it was read in: two clerks calling at once get two people.
                guard try await DeskDayStore.called(item.visit!, staff: staff, now: now, in: tx) else { continue }
                if let queue = item.visit?.ticket?.queue {
                    try await Self.announceTurnSoon(
                        desk: desk, date: today, queue: queue, now: now, outbox: outbox, in: tx)
                }
                try await AuditLog.append(
                    AuditEntry(
                        at: now, staff: staff, action: .call, target: id, desk: desk, detail: "counter \(counter)"),
                    in: tx)
                return try await DeskDayStore.agendaItem(id: id, in: tx)
            }
        }
    }

    /// Ends a visit: served (after being called) or no-show (never came, or did not answer the
    /// call), as the visit's lifecycle decides (no no-show for a cancelled appointment or before
    /// its start).
    public func finishVisit(
        appointment id: String, desk: String, outcome: Visit.State, staff: String
    ) async throws -> AgendaItem {
        guard outcome == .served || outcome == .noShow else { throw Refusal.invalidOutcome }
        let (now, outbox) = (now(), context.outbox)
        return try await database.write { tx in
            guard let item = try await DeskDayStore.agendaItem(id: id, in: tx), item.appointment.desk == desk else {
                throw Refusal.unknownAppointmentAtDesk
            }
            var ended = item
            try decided { () throws(AgendaItem.VisitError) in
                if outcome == .served { try ended.serve(now: now) } else { try ended.markNoShow(now: now) }
            }
            // Conditional on the state it was read in: of two clerks at once, one ends it.
            guard try await DeskDayStore.ended(ended.visit!, readIn: item.visit?.state, staff: staff, in: tx) else {
                throw Refusal.visitEnded
            }
            // Someone waiting who did not come when called leaves the line: it moves up.
            if item.visit?.state == .waiting, let queue = item.visit?.ticket?.queue {
                try await Self.announceTurnSoon(
                    desk: desk, date: item.appointment.date, queue: queue, now: now, outbox: outbox, in: tx)
            }
            try await AuditLog.append(
                AuditEntry(
                    at: now, staff: staff, action: outcome == .served ? .served : .noShow, target: id, desk: desk),
                in: tx)
            return try await DeskDayStore.agendaItem(id: id, in: tx)!
        }
    }

    /// The line of `queue` changed (a check-in, a call, a no-show): whoever is now among its
    /// first `TurnSoon.place`, asked for it at check-in and was not told yet, gets the "your turn
    /// soon" email, written inside that change's transaction.
    static func announceTurnSoon(
        desk: String, date: LocalDate, queue: String, now: Date, outbox: OutboxSettings?, in tx: Transaction
    ) async throws {
        for id in try await DeskDayStore.turnSoon(desk: desk, date: date, queue: queue, now: now, in: tx) {
            try await OutboxStore.enqueue(
                .turnSoon, appointment: id, revision: 0, start: nil, now: now, settings: outbox, in: tx)
        }
    }
}

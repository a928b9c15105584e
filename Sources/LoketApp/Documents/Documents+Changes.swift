import Foundation
import LoketDomain
import LoketStorage

/// The changes to a document whose holder is told: it is registered (ready at once if its day
/// has come), it arrives at the desk, its delivery is scheduled or moved, the courier reports on
/// it. Each change and its email in one transaction.
extension Documents {
    /// Records the document; ready at once if its day has come (the holder then hears so).
    func register(
        _ registration: DocumentStore.Registration
    ) async throws -> (document: Document, customerToken: String) {
        let now = now()
        let today = DeskTime(now, timeZone: DeskTime.amsterdam).date
        let outbox = context.outbox
        let registered = try await database.write { tx -> (document: Document, customerToken: String) in
            let (stored, token) = try await DocumentStore.insert(registration, now: now, in: tx)
            guard registration.readyOn <= today else { return (stored.document, token) }
            return (try await Self.arrive(stored, today: today, now: now, outbox: outbox, in: tx), token)
        }
        logger.info(
            "document registered", metadata: ["document": "\(registered.document.id)", "desk": "\(registration.desk)"])
        return registered
    }

    /// Documents whose ready day has come: ready now, and their holders told. Returns how many.
    @discardableResult
    func arriveDue(now: Date) async throws -> Int {
        let today = DeskTime(now, timeZone: DeskTime.amsterdam).date
        let outbox = context.outbox
        var count = 0
        for id in try await documentStore.dueToArrive(today: today) {
            do {
                try await database.write { tx in
                    guard let stored = try await DocumentStore.read(id: id, in: tx) else {
                        throw Refusal.unknownDocument
                    }
                    _ = try await Self.arrive(stored, today: today, now: now, outbox: outbox, in: tx)
                }
                count += 1
            } catch is Refusal {
                continue // it arrived meanwhile, or another server wrote first: not counted
            }
        }
        return count
    }

    /// The document is at its desk: ready, and the holder told.
    private static func arrive(
        _ stored: DocumentStore.Stored, today: LocalDate, now: Date, outbox: OutboxSettings?, in tx: Transaction
    ) async throws -> Document {
        var document = stored.document
        try decided { () throws(DocumentError) in try document.arrive(today: today) }
        try await DocumentStore.write(document, readIn: stored, event: .arrive, now: now, in: tx)
        try await OutboxStore.enqueue(
            .documentReady, appointment: document.id, revision: 0, start: nil, now: now, settings: outbox, in: tx)
        return document
    }

    /// Schedules delivery of the document on `date` to `address` (or moves it there), taking one
    /// of the day's places (refused when the day is full), in the emptiest window. The holder is
    /// told at once and again the day and window `rules.notice` working days before.
    func scheduleDelivery(
        id: String, token: String?, address: DutchAddress, date: LocalDate, rules: CourierRules, now: Date
    ) async throws -> Delivery {
        let (documents, outbox) = (documentStore, context.outbox)
        let workingDays = self.rules.schedule.workingDays
        let delivery = try await database.write { tx -> Delivery in
            let stored = try await documents.authorised(id: id, token: token, now: now, in: tx)
            guard try await DocumentStore.takeCourierPlace(on: date, perDay: rules.perDay, in: tx) else {
                throw Refusal.courierDayFull(date)
            }
            // Moving: the old day's place goes back.
            if stored.document.status == .deliveryScheduled, let old = stored.document.delivery {
                try await DocumentStore.cancelDelivery(old, in: tx)
            }
            let delivery = Delivery(
                id: DocumentStore.newDeliveryID(), date: date,
                window: rules.window(taken: try await DocumentStore.windowsTaken(on: date, in: tx)), address: address,
                status: .scheduled, reason: nil)
            var document = stored.document
            try decided { () throws(DocumentError) in try document.scheduleDelivery(delivery) }
            try await DocumentStore.insert(delivery, document: id, now: now, in: tx)
            try await DocumentStore.write(document, readIn: stored, event: .scheduleDelivery, now: now, in: tx)
            // The advance notice, on its day (at once if that has come); a moved delivery gets a new one.
            let noticeDay = rules.noticeDay(for: date, workingDays: workingDays)
            let sendAt = max(
                now, DeskTime(date: noticeDay, time: LocalTime(minutes: 8 * 60)).instant(in: DeskTime.amsterdam))
            try await OutboxStore.enqueue(
                .deliveryNotice, appointment: delivery.id, revision: 0, start: nil, now: now, settings: outbox,
                sendAfter: sendAt, in: tx)
            // And one at once: whoever set or changed the address, the holder hears of it now.
            if sendAt > now {
                try await OutboxStore.enqueue(
                    .deliveryNotice, appointment: delivery.id, revision: 0, start: nil, now: now, settings: outbox,
                    in: tx)
            }
            return delivery
        }
        logger.info("document delivery scheduled", metadata: ["document": "\(id)", "delivery": "\(delivery.id)"])
        return delivery
    }

    /// The courier's report on a delivery that is out: delivered, or failed (the document goes
    /// back to its desk, ready again, and the holder is asked to choose again).
    func report(delivery id: String, delivered: Bool, reason: String?, by courier: String) async throws -> Document {
        let (now, outbox) = (now(), context.outbox)
        return try await database.write { tx -> Document in
            guard let stored = try await DocumentStore.document(delivery: id, in: tx) else {
                throw Refusal.unknownDelivery(id)
            }
            var document = stored.document
            try decided { () throws(DocumentError) in
                if delivered { try document.deliver() } else { try document.fail(reason: reason) }
            }
            try await DocumentStore.reported(delivery: id, delivered: delivered, reason: reason, in: tx)
            try await DocumentStore.write(
                document, readIn: stored, event: delivered ? .deliver : .fail, by: courier, now: now, in: tx)
            if !delivered {
                try await OutboxStore.enqueue(
                    .deliveryFailed, appointment: document.id, revision: 0, start: nil, now: now, settings: outbox,
                    in: tx)
            }
            return document
        }
    }

    /// Fixes every manifest whose cutoff has passed: the deliveries on it go out. Returns how many.
    @discardableResult
    func dispatchDue(now: Date, rules courier: CourierRules) async throws -> Int {
        let workingDays = rules.schedule.workingDays
        var count = 0
        for date in try await documentStore.scheduledDeliveryDays()
        where courier.manifestFixed(for: date, now: now, workingDays: workingDays) {
            for id in try await documentStore.scheduledDeliveries(on: date)
            where try await change(id, .dispatch, now: now, { (d) throws(DocumentTransitionError) in try d.dispatch() })
            {
                count += 1
            }
        }
        return count
    }

    /// Ready documents nobody claimed in the network's `unclaimedAfter` working days go back.
    /// Returns how many.
    @discardableResult
    func returnUnclaimed(now: Date) async throws -> Int {
        let today = DeskTime(now, timeZone: rules.timeZone).date
        let (after, workingDays) = (network.documentSettings.unclaimedAfter, rules.schedule.workingDays)
        var count = 0
        for id in try await documentStore.readyBefore(today)
        where try await change(
            id, .returnUnclaimed, now: now,
            { (d) throws(DocumentTransitionError) in
                try d.returnUnclaimed(today: today, afterWorkingDays: after, workingDays: workingDays)
            })
        {
            count += 1
        }
        return count
    }

    /// One event of document `id`'s lifecycle, in a transaction of its own: false when the
    /// lifecycle refuses it or another writer changed the document first.
    private func change(
        _ id: String, _ event: Document.Event, now: Date,
        _ transition: @escaping @Sendable (inout Document) throws(DocumentTransitionError) -> Void
    ) async throws -> Bool {
        do {
            return try await database.write { tx -> Bool in
                guard let stored = try await DocumentStore.read(id: id, in: tx) else { return false }
                var document = stored.document
                try decided { () throws(DocumentTransitionError) in try transition(&document) }
                try await DocumentStore.write(document, readIn: stored, event: event, now: now, in: tx)
                return true
            }
        } catch is Refusal {
            return false
        }
    }
}

/// A refused event of a document's lifecycle.
typealias DocumentTransitionError = TransitionError<Document.Status, Document.Event>

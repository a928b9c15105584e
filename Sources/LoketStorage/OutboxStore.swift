import Foundation
import LoketDomain
import SQLKit

/// When messages about an appointment are due; `nil` on the store means no messages are kept.
public struct OutboxSettings: Sendable {
    /// How long before the appointment the reminder goes out; nil for no reminders.
    public var reminderLead: TimeInterval?

    public init(reminderLead: TimeInterval?) { self.reminderLead = reminderLead }
}

/// What a message is about. `appointment_id` holds the waitlist entry for a waitlist offer and
/// for a draw's word that someone was not drawn (they wait in that entry), the document for
/// `documentReady` and `deliveryFailed`, the delivery for `deliveryNotice`, the invitation
/// for `invitation`, and the hold for `awaitingPerson`.
public enum OutboxKind: String, Sendable, Hashable, CaseIterable {
    case confirmation, reschedule, cancellation, reminder, waitlistOffer, notDrawn
    case documentReady, deliveryNotice, deliveryFailed
    /// The case system invited someone to book.
    case invitation
    /// A third party booked for an invited person, who confirms it with the link (`secret`).
    case awaitingPerson
    /// The receipts for joining the waitlist and entering a draw, with the entry's link (`secret`
    /// holds its token until sent); `appointment_id` holds the waitlist or draw entry.
    case waitlistJoined, drawEntered
    /// A checked-in customer who asked for it is among the next in their queue (`TurnSoon`).
    case turnSoon
    /// An event posted to a partner's webhook; `payload` holds the JSON body.
    case webhook

    /// What the mail dispatcher sends.
    public static let mail: [OutboxKind] = [
        .confirmation, .reschedule, .cancellation, .reminder, .waitlistOffer, .notDrawn, .documentReady,
        .deliveryNotice, .deliveryFailed, .invitation, .awaitingPerson, .waitlistJoined, .drawEntered,
        .turnSoon,
    ]

    /// The appointment message this is, if it is one.
    public var appointmentMessage: AppointmentMessage.Kind? { AppointmentMessage.Kind(rawValue: rawValue) }
}

/// A message due to be sent, claimed by one dispatcher for a while.
public struct OutboxEntry: Sendable, Hashable {
    public let id: String
    public let appointmentID: String
    public let kind: OutboxKind
    /// A secret only this message carries (an offer link's token).
    public let secret: String?
    /// For a webhook: the partner and the JSON body.
    public let partnerID: String?
    public let payload: String?
    /// The appointment's revision when the message was written (the invite's SEQUENCE).
    public let revision: Int
    public let attempts: Int
    /// The request that wrote it (`TracedRequest`), if a request did.
    public let requestID: String?

    /// How long to wait before trying again after a failed attempt: `base`, doubling with each
    /// attempt, at most an hour.
    public func retryPause(base: TimeInterval) -> TimeInterval {
        min(3600, base * pow(2, Double(max(0, attempts - 1))))
    }
}

/// The appointment and its customer's address, as a message needs them.
public struct MessageRecipient: Sendable {
    public let appointment: Appointment
    public let email: String
    public let revision: Int
}

/// The outbox: customer messages and partner webhook events written inside the transactions
/// that cause them, and claimed, marked sent, skipped or failed by the dispatchers in
/// LoketNotifications.
public struct OutboxStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Writes a message about an appointment (and, for a confirmation or a move, its reminder)
    /// inside the use case's transaction; nothing when `settings` is nil (no mail configured).
    public static func enqueue(
        _ kind: OutboxKind, appointment id: String, revision: Int, start: Date?, now: Date,
        settings: OutboxSettings?, secret: String? = nil, sendAfter: Date? = nil, in tx: Transaction
    ) async throws {
        try await enqueue(
            kind, appointment: id, revision: revision, start: start, now: now, settings: settings, secret: secret,
            sendAfter: sendAfter, on: tx.db)
    }

    /// Writes a webhook event for `partner`, if it has a webhook, inside the use case's transaction.
    public static func enqueueWebhook(
        partner: String, event: String, appointment: Appointment, now: Date, in tx: Transaction
    ) async throws {
        try await enqueueWebhook(partner: partner, event: event, appointment: appointment, now: now, on: tx.db)
    }

    /// Writes the messages an appointment event causes, inside the caller's transaction.
    static func enqueue(
        _ kind: OutboxKind, appointment id: String, revision: Int, start: Date?, now: Date,
        settings: OutboxSettings?, secret: String? = nil, sendAfter: Date? = nil, on db: any SQLDatabase
    ) async throws {
        for message in messages(
            kind, revision: revision, start: start, now: now, settings: settings, secret: secret, sendAfter: sendAfter)
        {
            try await db.raw(
                "INSERT INTO outbox (\(messageColumns)) VALUES (\(message.values(appointment: bind(id), now: now)))"
            ).run()
        }
    }

    /// One message an appointment event causes.
    struct Message {
        let id = Identifiers.make()
        let kind: OutboxKind
        let revision: Int
        let sendAfter: Date
        let secret: String?

        /// Its row, about the appointment `appointment` names (a bind, or a column of a CTE).
        func values(appointment: SQLQueryString, now: Date) -> SQLQueryString {
            """
            \(bind: id), \(appointment), \(bind: kind.rawValue), \(bind: revision), \(bind: sendAfter.millis),
            \(bind: now.millis), \(bind: secret), \(bind: TracedRequest.id)
            """
        }
    }

    /// The columns of a message's row, in the order of `Message.values`.
    static let messageColumns = SQLQueryString(
        "id, appointment_id, kind, revision, send_after, created_at, secret, request_id")

    /// The messages an appointment event causes: none without mail, else its own and, for a
    /// new time, the reminder (when there is still time for one).
    static func messages(
        _ kind: OutboxKind, revision: Int, start: Date?, now: Date, settings: OutboxSettings?, secret: String? = nil,
        sendAfter: Date? = nil
    ) -> [Message] {
        guard let settings else { return [] }
        var messages = [Message(kind: kind, revision: revision, sendAfter: sendAfter ?? now, secret: secret)]
        if kind == .confirmation || kind == .reschedule, let lead = settings.reminderLead, let start,
            start.addingTimeInterval(-lead) > now
        {
            messages.append(
                Message(kind: .reminder, revision: revision, sendAfter: start.addingTimeInterval(-lead), secret: nil))
        }
        return messages
    }

    /// `value` as a bind, for `Message.values`.
    static func bind(_ value: String) -> SQLQueryString { "\(bind: value)" }

    /// Writes a webhook event for `partner`, if it has a webhook, inside the caller's transaction.
    static func enqueueWebhook(
        partner: String, event: String, appointment: Appointment, now: Date, on db: any SQLDatabase
    ) async throws {
        guard
            try await db.raw("SELECT id FROM partners WHERE id = \(bind: partner) AND webhook_url IS NOT NULL").first()
                != nil
        else { return }
        struct Body: Encodable {
            let event: String
            let occurredAt: Date
            let appointment: Appointment
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let payload = String(
            decoding: try encoder.encode(Body(event: event, occurredAt: now, appointment: appointment)), as: UTF8.self)
        try await db.raw(
            """
            INSERT INTO outbox (id, appointment_id, kind, revision, send_after, created_at, partner_id, payload, request_id)
            VALUES (\(bind: Identifiers.make()), \(bind: appointment.id), 'webhook', 0, \(bind: now.millis), \(bind: now.millis),
                    \(bind: partner), \(bind: payload), \(bind: TracedRequest.id))
            """
        ).run()
    }

    /// Claims up to `limit` due messages for `lease` seconds; a dispatcher that dies holding
    /// them lets them go when the lease runs out, so each is sent even if a process dies.
    public func claimDueMessages(
        now: Date, kinds: [OutboxKind] = OutboxKind.mail, lease: TimeInterval = 60,
        limit: Int = 20
    ) async throws -> [OutboxEntry] {
        let kindList = SQLList(kinds.map { SQLBind($0.rawValue) })
        // Two dispatchers (on two servers) claiming at once: on PostgreSQL the second would wait
        // for the rows the first locked and then claim them again (its subquery saw them free), so
        // it skips locked rows, and the claim is checked again on the row it writes.
        let skipLocked: SQLQueryString = database.engine == .postgres ? "FOR UPDATE SKIP LOCKED" : ""
        return try await database.transaction { db in
            try await db.raw(
                """
                UPDATE outbox SET claimed_until = \(bind: now.addingTimeInterval(lease).millis), attempts = attempts + 1
                WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND skipped_at IS NULL AND kind IN (\(kindList))
                             AND send_after <= \(bind: now.millis) AND claimed_until <= \(bind: now.millis)
                             ORDER BY send_after LIMIT \(bind: limit) \(skipLocked))
                  AND claimed_until <= \(bind: now.millis)
                RETURNING id, appointment_id, kind, revision, attempts, secret, partner_id, payload, request_id
                """
            ).all().compactMap { row in
                let claimed = try row.decode(model: ClaimedRow.self, keyDecodingStrategy: .convertFromSnakeCase)
                guard let kind = OutboxKind(rawValue: claimed.kind) else { return nil }
                return OutboxEntry(
                    id: claimed.id, appointmentID: claimed.appointmentId, kind: kind, secret: claimed.secret,
                    partnerID: claimed.partnerId, payload: claimed.payload, revision: claimed.revision,
                    attempts: claimed.attempts, requestID: claimed.requestId)
            }
        }
    }

    /// The appointment a message is about and its customer's address; nil once the purge erased it.
    public func recipient(of entry: OutboxEntry) async throws -> MessageRecipient? {
        try await database.session { db in
            guard
                let row = try await db.raw(
                    "SELECT * FROM appointments WHERE id = \(bind: entry.appointmentID) AND purged_at IS NULL"
                ).first()
            else { return nil }
            let stored = try AppointmentRow(decoding: row)
            return MessageRecipient(
                appointment: stored.appointment, email: stored.customerEmail, revision: stored.revision)
        }
    }

    /// The waitlist entry a message is about (its offer, or that its person was not drawn), and
    /// its email address.
    public func waitlistRecipient(entry id: String) async throws -> (entry: WaitlistEntry, email: String)? {
        try await database.session { db in
            guard
                let row = try await db.raw("\(unsafeRaw: WaitlistStore.waitlistSelect) WHERE w.id = \(bind: id)")
                    .first()
            else { return nil }
            let stored = try WaitlistRow(decoding: row)
            return (stored.entry, stored.customerEmail)
        }
    }

    /// The appointment a "your turn soon" message is about, its address and its ticket, while
    /// the customer still waits on `today` (called meanwhile, or a day gone by, it is moot).
    public func turnSoonRecipient(
        appointment id: String, today: LocalDate
    ) async throws -> (recipient: MessageRecipient, ticket: Ticket)? {
        try await database.session { db in
            guard
                let row = try await db.raw(
                    DeskDayStore.agendaSelect
                        + """
                         WHERE a.id = \(bind: id) AND a.purged_at IS NULL AND v.state = 'waiting'
                            AND v.date = \(bind: today.iso)
                        """
                ).first()
            else { return nil }
            let stored = try AppointmentRow(decoding: row)
            guard let ticket = try DeskDayStore.AgendaVisitRow(decoding: row).ticket else { return nil }
            return (
                MessageRecipient(
                    appointment: stored.appointment, email: stored.customerEmail, revision: stored.revision),
                ticket
            )
        }
    }

    /// The draw, the entry and its address and language, while the entry still has its details.
    public func drawEntryRecipient(
        entry id: String
    ) async throws -> (draw: Draw, entry: DrawEntry, email: String, language: Customer.Language)? {
        try await database.session { db in
            guard let row = try await db.raw("SELECT * FROM draw_entries WHERE id = \(bind: id)").first() else {
                return nil
            }
            let stored = try DrawStore.EntryRow(decoding: row)
            guard let email = stored.customerEmail, !email.isEmpty,
                let draw = try await db.raw("SELECT * FROM draws WHERE id = \(bind: stored.drawId)").first()
                    .map({ try DrawStore.DrawRow(decoding: $0).draw })
            else { return nil }
            return (draw, stored.entry, email, stored.customer.language)
        }
    }

    public func markSent(_ entry: OutboxEntry, now: Date) async throws {
        try await database.transaction { db in
            try await db.raw(
                "UPDATE outbox SET sent_at = \(bind: now.millis), last_error = NULL, secret = NULL WHERE id = \(bind: entry.id)"
            ).run()
        }
    }

    /// A message that no longer applies (a reminder for a moved or cancelled appointment).
    public func markSkipped(_ entry: OutboxEntry, now: Date) async throws {
        try await database.transaction { db in
            try await db.raw(
                "UPDATE outbox SET skipped_at = \(bind: now.millis), secret = NULL WHERE id = \(bind: entry.id)"
            ).run()
        }
    }

    /// A failed attempt: try again after `retryAfter`. The error text names no person.
    public func markFailed(_ entry: OutboxEntry, error: String, retryAfter: TimeInterval, now: Date) async throws {
        try await database.transaction { db in
            try await db.raw(
                """
                UPDATE outbox SET claimed_until = \(bind: now.addingTimeInterval(retryAfter).millis), last_error = \(bind: error)
                WHERE id = \(bind: entry.id)
                """
            ).run()
        }
    }

    /// Where a partner's webhook goes and the secret that signs it.
    public func webhook(partner: String) async throws -> (url: String, secret: String)? {
        try await database.session { db in
            guard
                let row = try await db.raw(
                    "SELECT webhook_url, webhook_secret FROM partners WHERE id = \(bind: partner)"
                ).first()
            else { return nil }
            let hook = try row.decode(model: WebhookRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            guard let url = hook.webhookUrl, let secret = hook.webhookSecret else { return nil }
            return (url, secret)
        }
    }

    /// Messages not yet sent or skipped, for the metrics.
    public func pendingMessages() async throws -> Int {
        try await database.session { db in
            try await db.raw("SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL AND skipped_at IS NULL").first()?
                .decode(column: "n", as: Int.self) ?? 0
        }
    }

    // MARK: Rows

    /// An `outbox` row as a claim returns it.
    struct ClaimedRow: Decodable {
        let id: String, appointmentId: String, kind: String, revision: Int, attempts: Int
        let secret: String?, partnerId: String?, payload: String?, requestId: String?
    }

    /// A partner's webhook columns.
    struct WebhookRow: Decodable {
        let webhookUrl: String?, webhookSecret: String?
    }
}

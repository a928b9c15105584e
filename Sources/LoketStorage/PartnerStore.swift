import Foundation
import Logging
import LoketDomain
import SQLKit

/// Partner organisations: their API keys, weekly quotas per desk, and booking batches that
/// take capacity (`CapacityStore`), record appointments (`AppointmentStore`) and write webhook
/// events (`OutboxStore`) in one transaction.
public struct PartnerStore: Sendable {
    let database: Database
    let logger: Logger
    /// Whether and when to write customer messages to the outbox; nil writes none.
    let outbox: OutboxSettings?
    let capacityChanges: CapacityChanges
    var idempotency: Idempotency { Idempotency(database: database) }

    public init(database: Database, logger: Logger, outbox: OutboxSettings? = nil, capacityChanges: CapacityChanges) {
        self.database = database
        self.logger = logger
        self.outbox = outbox
        self.capacityChanges = capacityChanges
    }

    /// Registers a partner with weekly quotas per desk; returns it and its API key, shown once
    /// and stored only as its SHA-256 digest.
    /// With `webhookURL`, events about the partner's bookings are posted there, signed with the
    /// returned webhook secret.
    public func addPartner(
        name: String, quotas: [String: Int], webhookURL: String? = nil,
        now: Date
    ) async throws -> (partner: Partner, apiKey: String, webhookSecret: String?) {
        let id = Identifiers.make()
        let key = "lk_" + Identifiers.token()
        let secret = webhookURL.map { _ in "whsec_" + Identifiers.token() }
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO partners (id, name, key_hash, created_at, webhook_url, webhook_secret)
                VALUES (\(bind: id), \(bind: name), \(bind: Identifiers.hash(key)), \(bind: now.millis), \(bind: webhookURL), \(bind: secret))
                """
            ).run()
            for (desk, weekly) in quotas.sorted(by: { $0.key < $1.key }) {
                try await db.raw(
                    "INSERT INTO partner_quotas (partner_id, desk, weekly) VALUES (\(bind: id), \(bind: desk), \(bind: weekly))"
                ).run()
            }
        }
        return (Partner(id: id, name: name), key, secret)
    }

    /// The partner whose API key this is.
    public func partner(apiKey: String?) async throws -> Partner {
        guard let apiKey, !apiKey.isEmpty else {
            throw Refusal(
                .unauthorized, field: "Authorization", code: "missing_key",
                "Send the partner API key as Authorization: Bearer <key>.")
        }
        let row = try await database.session { db in
            try await db.raw("SELECT id, name FROM partners WHERE key_hash = \(bind: Identifiers.hash(apiKey))").first()
        }
        guard let row else {
            throw Refusal(.unauthorized, field: "Authorization", code: "wrong_key", "This API key is not known.")
        }
        let known = try row.decode(model: PartnerRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        return Partner(id: known.id, name: known.name)
    }

    /// Books every plan or none: capacity, then the partner's weekly quota per desk (weeks run
    /// Monday to Sunday), in one transaction. The quota rows are locked first so that two
    /// batches of one partner cannot both squeeze under the limit.
    public func bookForPartner(
        _ partner: Partner, _ plans: [PartnerBookingPlan], now: Date,
        idempotency key: IdempotencyKey? = nil
    ) async throws -> [ConfirmedBooking] {
        let outbox = self.outbox
        let prepared = plans.map { (item: $0, id: Identifiers.make(), token: Identifiers.token()) }
        let bookings = try await idempotency.once(key, now: now) { db in
            // Lock order: quota rows by desk, then units ascending across the batch.
            let desks = Set(plans.map(\.plan.desk)).sorted()
            var quotas: [String: Int] = [:]
            for desk in desks {
                guard
                    let row = try await db.raw(
                        """
                        UPDATE partner_quotas SET weekly = weekly WHERE partner_id = \(bind: partner.id) AND desk = \(bind: desk) RETURNING weekly
                        """
                    ).first()
                else {
                    let field = plans.first { $0.plan.desk == desk }!.field
                    throw Refusal(
                        .conflict, field: "\(field).desk", code: "no_quota",
                        "Your organisation has no quota at desk \(desk).")
                }
                quotas[desk] = try row.decode(column: "weekly", as: Int.self)
            }
            var perWeek: [String: Int] = [:]
            for item in plans {
                let monday = item.plan.slot.date.weekStart
                let key = "\(item.plan.desk)/\(monday.iso)"
                if perWeek[key] == nil {
                    perWeek[key] =
                        try await db.raw(
                            """
                            SELECT COUNT(*) AS n FROM appointments WHERE partner_id = \(bind: partner.id) AND desk = \(bind: item.plan.desk)
                            AND state = 'confirmed' AND date >= \(bind: monday.iso) AND date <= \(bind: monday.adding(days: 6).iso)
                            """
                        ).first()?.decode(column: "n", as: Int.self) ?? 0
                }
                perWeek[key]! += 1
                guard perWeek[key]! <= quotas[item.plan.desk]! else {
                    throw Refusal(
                        .conflict, field: "\(item.field).slot", code: "quota_exceeded",
                        "Your weekly quota of \(quotas[item.plan.desk]!) at desk \(item.plan.desk) for the week of \(monday.iso) is used up."
                    )
                }
            }
            var result: [ConfirmedBooking] = []
            for entry in prepared.sorted(by: {
                ($0.item.plan.desk, $0.item.plan.units.first!.pool, $0.item.plan.slot.date, $0.item.plan.slot.start) < (
                    $1.item.plan.desk, $1.item.plan.units.first!.pool, $1.item.plan.slot.date, $1.item.plan.slot.start
                )
            }) {
                let plan = entry.item.plan
                let customer = entry.item.customer
                do {
                    try await CapacityStore.take(plan.units, desk: plan.desk, capacity: plan.capacity, on: db)
                } catch let error as Refusal where error.code == "slot_full" {
                    throw Refusal(
                        .conflict, field: "\(entry.item.field).slot", code: "slot_full",
                        "Slot \(plan.slot) is full; nothing was booked.")
                }
                let appointment: Appointment
                do {
                    appointment = try await AppointmentStore.insertAppointment(
                        id: entry.id, holdID: "partner:" + entry.id, at: Placement(plan),
                        customer: customer, people: entry.item.people,
                        tokenHash: Identifiers.hash(entry.token), now: now, outbox: outbox, partner: partner.id,
                        urgent: entry.item.urgent, on: db)
                } catch let error as Refusal where error.code == Refusal.alreadyBooked.code {
                    throw Refusal(
                        .conflict, field: "\(entry.item.field).customer.vNumber", code: error.code,
                        "A person in this booking already has an appointment for this; nothing was booked.")
                }
                try await OutboxStore.enqueueWebhook(
                    partner: partner.id, event: "booking.confirmed", appointment: appointment, now: now, on: db)
                result.append(ConfirmedBooking(appointment: appointment, manageToken: entry.token))
            }
            // Answer in the order asked.
            return prepared.map { entry in result.first { $0.appointment.id == entry.id }! }
        }
        for desk in Set(bookings.map(\.appointment.desk)) { capacityChanges.announce(desk) }
        logger.info("partner booked", metadata: ["partner": "\(partner.id)", "count": "\(bookings.count)"])
        return bookings
    }

    /// The partner's own bookings on the days in `dates`.
    public func partnerBookings(_ partner: Partner, dates: ClosedRange<LocalDate>) async throws -> [PartnerBooking] {
        try await database.session { db in
            try await db.raw(
                """
                SELECT * FROM appointments WHERE partner_id = \(bind: partner.id)
                AND date >= \(bind: dates.lowerBound.iso) AND date <= \(bind: dates.upperBound.iso) ORDER BY date, start_minute, id
                """
            ).all().map { row in
                let stored = try AppointmentRow(decoding: row)
                return PartnerBooking(
                    appointment: stored.appointment, customerName: stored.customerName,
                    customerEmail: stored.customerEmail)
            }
        }
    }

    /// Quota and use per desk in the week (Monday to Sunday) that contains `date`.
    public func partnerQuotas(_ partner: Partner, week date: LocalDate) async throws -> [QuotaUse] {
        let monday = date.weekStart
        return try await database.session { db in
            try await db.raw(
                """
                SELECT q.desk AS desk, q.weekly AS weekly,
                    (SELECT COUNT(*) FROM appointments a WHERE a.partner_id = q.partner_id AND a.desk = q.desk AND a.state = 'confirmed'
                     AND a.date >= \(bind: monday.iso) AND a.date <= \(bind: monday.adding(days: 6).iso)) AS used
                FROM partner_quotas q WHERE q.partner_id = \(bind: partner.id) ORDER BY q.desk
                """
            ).all().map { row in
                let quota = try row.decode(model: QuotaRow.self, keyDecodingStrategy: .convertFromSnakeCase)
                return QuotaUse(desk: quota.desk, weekly: quota.weekly, used: quota.used)
            }
        }
    }

    // MARK: Rows

    /// A partner as its API key finds it.
    struct PartnerRow: Decodable {
        let id: String, name: String
    }

    /// A desk's weekly quota and its use.
    struct QuotaRow: Decodable {
        let desk: String, weekly: Int, used: Int
    }
}

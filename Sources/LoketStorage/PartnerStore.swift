import Foundation
import LoketDomain
import SQLKit

/// Partner organisations: their API keys and webhooks, their weekly quotas per desk
/// (`PartnerQuotas`) and their own bookings. A partner's batch of bookings is the partners
/// area's use case (`Partners` in LoketApp).
public struct PartnerStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

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
            throw Refusal.partnerKeyMissing
        }
        let row = try await database.session { db in
            try await db.raw("SELECT id, name FROM partners WHERE key_hash = \(bind: Identifiers.hash(apiKey))").first()
        }
        guard let row else {
            throw Refusal.wrongPartnerKey
        }
        let known = try row.decode(model: PartnerRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        return Partner(id: known.id, name: known.name)
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

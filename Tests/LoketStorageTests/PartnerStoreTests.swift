import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import SQLKit
import Testing

/// The partner tables (`PartnerStore`, `PartnerQuotas`), on a real SQLite file and a real
/// PostgreSQL server: a partner is found by its API key only, its quotas count its confirmed
/// appointments in a week (Monday to Sunday), and it sees its own bookings in date order. The
/// partners' batch of bookings is tested in LoketAppTests.
@Suite(.timeLimit(.minutes(3))) struct PartnerStoreTests {
    let rules = BookingRules(network: TestNetwork.network)

    static func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    static func customer(_ name: String) -> Customer {
        Customer(name: name, email: "\(name.lowercased())@example.nl", phone: nil, vNumber: nil, language: .en)
    }

    /// Books `slot` at TS for `name` directly, as `partner`'s booking (nil: not a partner's).
    func book(_ store: Stores, _ slot: String, _ name: String, partner: String?) async throws -> Appointment {
        let now = ManualClock(date: "2022-06-01").now
        let plan = try rules.planHold(desk: "TS", product: "BIO", persons: 1, slot: slot, now: now)
        return try await store.database.write { tx in
            try await Appointments.insert(
                holdID: nil, at: Placement(plan), customer: Self.customer(name), people: [], partner: partner, now: now,
                in: tx)
        }.appointment
    }

    /// Cancels `appointment` on the table.
    func cancel(_ store: Stores, _ appointment: Appointment) async throws {
        var cancelled = appointment
        try cancelled.cancel()
        let written = cancelled
        let now = ManualClock(date: "2022-06-01").now
        let stored = try await store.database.write { tx in
            try await Appointments.cancel(appointment, as: written, now: now, in: tx)
        }
        #expect(stored != nil)
    }

    /// A partner is found by its API key, shown once; a missing or wrong key is refused. A
    /// webhook URL gets a secret, and both are stored with the partner.
    @Test(arguments: TestDatabase.engines)
    func aPartnerIsFoundByItsKeyOnly(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let partners = PartnerStore(database: store.database)
            let now = ManualClock(date: "2022-06-01").now
            let coa = try await partners.addPartner(name: "COA", quotas: ["TS": 5], now: now)
            #expect(coa.partner.name == "COA" && coa.apiKey.hasPrefix("lk_") && coa.webhookSecret == nil)
            let expat = try await partners.addPartner(
                name: "Expat Centre", quotas: [:], webhookURL: "https://expat.example.nl/hook", now: now)
            #expect(expat.webhookSecret?.hasPrefix("whsec_") == true && expat.apiKey != coa.apiKey)
            #expect(try await partners.partner(apiKey: coa.apiKey) == Partner(id: coa.partner.id, name: "COA"))
            #expect(try await partners.partner(apiKey: expat.apiKey) == expat.partner)
            let cases: [(key: String?, refusal: Refusal)] = [
                (nil, .partnerKeyMissing), ("", .partnerKeyMissing), ("lk_not-a-key", .wrongPartnerKey),
                (coa.apiKey + "x", .wrongPartnerKey),
            ]
            for example in cases {
                await #expect(throws: example.refusal) { try await partners.partner(apiKey: example.key) }
            }
            let hook = try await store.database.session { db in
                try await db.raw(
                    "SELECT webhook_url, webhook_secret FROM partners WHERE id = \(bind: expat.partner.id)"
                ).first()!
            }
            #expect(try hook.decode(column: "webhook_url", as: String.self) == "https://expat.example.nl/hook")
            #expect(try hook.decode(column: "webhook_secret", as: String.self) == expat.webhookSecret)
        }
    }

    /// A quota counts the partner's confirmed appointments at its desk from Monday to Sunday:
    /// not cancelled ones, not another partner's or a customer's, not the next week's.
    @Test(arguments: TestDatabase.engines)
    func aQuotaCountsConfirmedAppointmentsInItsWeek(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let partners = PartnerStore(database: store.database)
            let now = ManualClock(date: "2022-06-01").now
            let coa = try await partners.addPartner(name: "COA", quotas: ["TS": 5, "OLD": 2], now: now).partner
            let other = try await partners.addPartner(name: "Gemeente", quotas: ["TS": 1], now: now).partner
            _ = try await book(store, "20220602-0900-bio", "Ana", partner: coa.id)
            _ = try await book(store, "20220603-0910-bio", "Bo", partner: coa.id)
            _ = try await book(store, "20220607-0900-bio", "Cas", partner: coa.id)
            try await cancel(store, try await book(store, "20220602-0920-bio", "Dee", partner: coa.id))
            _ = try await book(store, "20220602-0930-bio", "Eve", partner: other.id)
            _ = try await book(store, "20220602-0940-bio", "Fay", partner: nil)
            // Saturday 4 June is in the week from Monday 30 May; Tuesday 7 June in the next.
            #expect(
                try await partners.partnerQuotas(coa, week: Self.day("2022-06-04")) == [
                    QuotaUse(desk: "OLD", weekly: 2, used: 0), QuotaUse(desk: "TS", weekly: 5, used: 2),
                ])
            #expect(
                try await partners.partnerQuotas(coa, week: Self.day("2022-06-07")) == [
                    QuotaUse(desk: "OLD", weekly: 2, used: 0), QuotaUse(desk: "TS", weekly: 5, used: 1),
                ])
            #expect(
                try await partners.partnerQuotas(other, week: Self.day("2022-05-30")) == [
                    QuotaUse(desk: "TS", weekly: 1, used: 1)
                ])
            let (locked, none, notTheirs, used) = try await store.database.write { tx in
                (
                    try await PartnerQuotas.lock(partner: coa.id, desk: "TS", in: tx),
                    try await PartnerQuotas.lock(partner: coa.id, desk: "NONE", in: tx),
                    try await PartnerQuotas.lock(partner: other.id, desk: "OLD", in: tx),
                    try await PartnerQuotas.used(partner: coa.id, desk: "TS", week: Self.day("2022-05-30"), in: tx)
                )
            }
            #expect(locked == 5 && none == nil && notTheirs == nil && used == 2)
        }
    }

    /// A partner sees its own bookings on the days asked for, by date and time, with the
    /// customer's name and email, cancelled ones included.
    @Test(arguments: TestDatabase.engines)
    func aPartnerSeesItsOwnBookingsInDateOrder(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let partners = PartnerStore(database: store.database)
            let now = ManualClock(date: "2022-06-01").now
            let coa = try await partners.addPartner(name: "COA", quotas: ["TS": 5], now: now).partner
            let other = try await partners.addPartner(name: "Gemeente", quotas: ["TS": 1], now: now).partner
            let friday = try await book(store, "20220603-0900-bio", "Ana", partner: coa.id)
            let late = try await book(store, "20220602-1000-bio", "Bo", partner: coa.id)
            let early = try await book(store, "20220602-0900-bio", "Cas", partner: coa.id)
            _ = try await book(store, "20220607-0900-bio", "Dee", partner: coa.id)
            _ = try await book(store, "20220602-0910-bio", "Eve", partner: other.id)
            _ = try await book(store, "20220602-0920-bio", "Fay", partner: nil)
            try await cancel(store, late)
            let bookings = try await partners.partnerBookings(
                coa, dates: Self.day("2022-06-02")...Self.day("2022-06-03"))
            #expect(bookings.map(\.appointment.id) == [early.id, late.id, friday.id])
            #expect(bookings.map(\.customerName) == ["Cas", "Bo", "Ana"])
            #expect(bookings.map(\.customerEmail) == ["cas@example.nl", "bo@example.nl", "ana@example.nl"])
            #expect(bookings.map(\.appointment.state) == [.confirmed, .cancelled, .confirmed])
            #expect(bookings.first?.appointment.date == Self.day("2022-06-02"))
            #expect(
                try await partners.partnerBookings(other, dates: Self.day("2022-06-03")...Self.day("2022-06-30"))
                    .isEmpty)
        }
    }
}

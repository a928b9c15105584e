import Foundation
import LoketDomain
import SQLKit

/// A `waitlist` row, with the slot of its current offer when read through
/// `WaitlistStore.waitlistSelect` (the `offer_…` columns are absent otherwise).
struct WaitlistRow: Decodable {
    let id: String, tokenHash: String, offerTokenHash: String?
    let product: String, persons: Int, desks: String, fromDate: String, toDate: String, urgent: Int
    let expiresOn: String?, appointmentId: String?
    let customerName: String, customerEmail: String, customerPhone: String?, customerVNumber: String?
    let language: String, createdAt: Int, state: String
    let offerHoldId: String?, offerExpiresAt: Int?
    let offerDesk: String?, offerPool: String?, offerDate: String?, offerStart: Int?, offerEnd: Int?
    /// Comma-separated V-numbers; absent or empty for a product without one live booking per person.
    let people: String?

    init(decoding row: any SQLRow) throws {
        self = try row.decode(model: WaitlistRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    var entry: WaitlistEntry {
        var offer: WaitlistEntry.Offer?
        if let offerHoldId, let offerExpiresAt, let offerDesk, let offerPool, let offerDate,
            let date = LocalDate(iso: offerDate),
            let offerStart, let offerEnd
        {
            let startTime = LocalTime(minutes: offerStart)
            offer = WaitlistEntry.Offer(
                hold: offerHoldId, desk: offerDesk,
                slot: SlotKey(date: date, start: startTime, pool: offerPool).description,
                date: date, startTime: startTime, endTime: LocalTime(minutes: offerEnd),
                expiresAt: Date(millis: offerExpiresAt))
        }
        return WaitlistEntry(
            id: id, product: product, persons: persons, desks: desks.split(separator: ",").map(String.init),
            from: LocalDate(iso: fromDate)!, to: LocalDate(iso: toDate)!, urgent: urgent != 0,
            expiresOn: expiresOn.flatMap { LocalDate(iso: $0) }, appointment: appointmentId,
            language: Customer.Language(rawValue: language) ?? .en, createdAt: Date(millis: createdAt),
            state: WaitlistEntry.State(rawValue: state) ?? .left, offer: offer)
    }

    /// The V-numbers an accepted offer claims.
    var claimedPeople: [String] { (people ?? "").split(separator: ",").map(String.init) }

    /// The customer details the entry was given, as validated when it joined.
    var customer: Customer {
        Customer(
            name: customerName, email: customerEmail, phone: customerPhone, vNumber: customerVNumber,
            language: Customer.Language(rawValue: language) ?? .en)
    }
}

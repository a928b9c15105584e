import Foundation
import LoketDomain
import Testing

/// The waitlist's fair order, as the database walks it (`fairRank`): urgent first, then the
/// soonest vouched expiry, then time on the list, then the id.
struct WaitlistFairOrderTests {
    static func entry(
        _ id: String, urgent: Bool = false, expires: String? = nil, joined minutes: Double
    ) -> WaitlistEntry {
        WaitlistEntry(
            id: id, product: "BIO", persons: 1, desks: ["TS"], from: LocalDate(iso: "2026-11-20")!,
            to: LocalDate(iso: "2026-12-20")!, urgent: urgent, expiresOn: expires.flatMap { LocalDate(iso: $0) },
            appointment: nil, language: .en, createdAt: Date(timeIntervalSince1970: 1_800_000_000 + minutes * 60),
            state: .waiting, offer: nil)
    }

    @Test func theLineIsInFairOrder() {
        let line = [
            Self.entry("urgent-late", urgent: true, joined: 9),
            Self.entry("urgent-expiring", urgent: true, expires: "2026-12-01", joined: 10),
            Self.entry("expiring-soon", expires: "2026-11-25", joined: 8),
            Self.entry("expiring-later", expires: "2026-12-31", joined: 1),
            Self.entry("first-b", joined: 2),
            Self.entry("first-a", joined: 2),
            Self.entry("last", joined: 3),
        ]
        #expect(
            line.shuffled().sorted(by: WaitlistEntry.fairOrder).map(\.id) == [
                "urgent-expiring", "urgent-late", "expiring-soon", "expiring-later", "first-a", "first-b", "last",
            ])
        // No expiry sorts after every real date, as the database's sentinel does.
        #expect(Self.entry("x", expires: "9999-12-30", joined: 5).fairRank < Self.entry("y", joined: 0).fairRank)
    }
}

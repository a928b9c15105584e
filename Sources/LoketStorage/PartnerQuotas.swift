import Foundation
import LoketDomain
import SQLKit

/// The `partner_quotas` table: how many confirmed appointments a partner may have at a desk in a
/// week (Monday to Sunday), and how many it has.
public enum PartnerQuotas {
    /// The partner's weekly quota at `desk`, its row locked until the transaction ends so that two
    /// batches of one partner cannot both squeeze under it; nil when it has none there. Lock the
    /// desks in one order (by code) to keep two batches from waiting on each other.
    public static func lock(partner: String, desk: String, in tx: Transaction) async throws -> Int? {
        try await tx.db.raw(
            """
            UPDATE partner_quotas SET weekly = weekly WHERE partner_id = \(bind: partner) AND desk = \(bind: desk)
            RETURNING weekly
            """
        ).first()?.decode(column: "weekly", as: Int.self)
    }

    /// The partner's confirmed appointments at `desk` in the week that starts on `monday`.
    public static func used(
        partner: String, desk: String, week monday: LocalDate, in tx: Transaction
    ) async throws
        -> Int
    {
        try await tx.db.raw(
            """
            SELECT COUNT(*) AS n FROM appointments WHERE partner_id = \(bind: partner) AND desk = \(bind: desk)
            AND state = 'confirmed' AND date >= \(bind: monday.iso) AND date <= \(bind: monday.adding(days: 6).iso)
            """
        ).first()?.decode(column: "n", as: Int.self) ?? 0
    }
}

import Foundation
import LoketDomain
import SQLKit

/// How many rows a purge changed or would change, per kind; never what was in them.
public struct PurgeReport: Sendable, Hashable {
    /// Appointments whose customer's details were erased.
    public var appointments = 0
    /// Ended waitlist entries whose customer's details were erased.
    public var waitlistEntries = 0
    /// One-live-booking claims of past days, deleted.
    public var liveBookings = 0
    /// Holds that ended a day ago or more, deleted.
    public var holds = 0
    /// Sent or skipped outbox messages a month old, deleted.
    public var messages = 0
    /// Decided draw entries whose entrant's details were erased.
    public var drawEntries = 0
    /// One-entry-per-person claims of decided draw entries, deleted.
    public var drawPeople = 0
    /// Documents handed over, delivered or returned the retention ago whose holder's details
    /// were erased.
    public var documents = 0
    /// Delivery addresses of those documents, erased.
    public var deliveries = 0
    /// Ended invitations (withdrawn, or past their last day) whose person's details were erased.
    public var invitations = 0
    /// Counts of wrong dates of birth of past days, deleted.
    public var birthDateMisses = 0
    /// Third parties' bookings that waited for their person a day ago or more, deleted.
    public var awaitingPeople = 0
    /// Biometric captures taken longer ago than the biometrics policy keeps them, deleted.
    public var biometricCaptures = 0

    public init() {}
}

/// Erases what Loket no longer needs (see `Retention`): the personal data of appointments and
/// waitlist entries (the rows stay, with their desk, product, day, times, state and visit, for
/// the planning statistics), the live-booking claims of past days, ended holds, sent
/// messages, and decided draw entries. The audit log stays. Each kind is one condition, used both to count (a dry run)
/// and to change, so the two never disagree.
public struct PurgeStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Purges what `cutoffs` put on the old side, in one transaction; with `dryRun` only counts.
    public func purge(_ cutoffs: PurgeCutoffs, now: Date, dryRun: Bool) async throws -> PurgeReport {
        let kinds = Self.kinds(cutoffs, now: now)
        let counts: [Int]
        if dryRun {
            counts = try await database.session { db in
                var counts: [Int] = []
                for kind in kinds {
                    counts.append(
                        try await db.raw("SELECT COUNT(*) AS n FROM " + kind.table + " WHERE " + kind.condition)
                            .first()!.decode(column: "n", as: Int.self))
                }
                return counts
            }
        } else {
            counts = try await database.transaction { db in
                var counts: [Int] = []
                for kind in kinds {
                    counts.append(
                        try await db.raw(kind.change + " WHERE " + kind.condition + " RETURNING 1 AS done").all().count)
                }
                return counts
            }
        }
        var report = PurgeReport()
        (report.appointments, report.waitlistEntries, report.liveBookings, report.holds, report.messages) = (
            counts[0], counts[1], counts[2], counts[3], counts[4]
        )
        (report.drawEntries, report.drawPeople) = (counts[5], counts[6])
        (report.documents, report.deliveries) = (counts[7], counts[8])
        (report.invitations, report.birthDateMisses, report.awaitingPeople) = (counts[9], counts[10], counts[11])
        report.biometricCaptures = counts[12]
        return report
    }

    /// One kind of row to purge: the table, the rows that go, and what happens to them.
    struct Kind: Sendable {
        let table: SQLQueryString
        let condition: SQLQueryString
        /// An UPDATE or DELETE of `table`, without its WHERE.
        let change: SQLQueryString
    }

    /// A document that reached its end (handed over, delivered, returned) before the retention
    /// cutoff, as its event log says.
    static func documentEnded(_ cut: PurgeCutoffs) -> SQLQueryString {
        """
        status IN ('handed_over', 'delivered', 'returned') AND EXISTS (SELECT 1 FROM document_events e
            WHERE e.document_id = documents.id AND e.event IN ('handOver', 'deliver', 'returnUnclaimed')
              AND e.at < \(bind: cut.cancelledBefore.millis))
        """
    }

    /// The kinds in `PurgeReport`'s order.
    static func kinds(_ cut: PurgeCutoffs, now: Date) -> [Kind] {
        bookingKinds(cut, now: now) + drawKinds(now: now) + documentKinds(cut, now: now)
            + invitationKinds(cut, now: now) + [
                Kind(
                    table: "biometric_captures", condition: "date < \(bind: cut.capturesBefore.iso)",
                    change: "DELETE FROM biometric_captures")
            ]
    }

    /// Appointments, waitlist entries, live-booking claims, holds and sent messages.
    static func bookingKinds(_ cut: PurgeCutoffs, now: Date) -> [Kind] {
        [
            // Took place, or was cancelled, at least the retention ago. The visit, the urgent reason
            // and the non-personal columns stay; the note is free text staff typed about the person.
            Kind(
                table: "appointments",
                condition: """
                    purged_at IS NULL AND (date <= \(bind: cut.appointmentsOnOrBefore.iso)
                        OR (state = 'cancelled' AND cancelled_at < \(bind: cut.cancelledBefore.millis)))
                    """,
                change: """
                    UPDATE appointments SET customer_name = '', customer_email = '', customer_phone = NULL,
                        customer_v_number = NULL, customer_bsn = NULL, companions = NULL, urgent_note = NULL,
                        purged_at = \(bind: now.millis)
                    """),
            // Ended: booked (the appointment has its own copy), left, expired (the sweeper ended it
            // after its last day), or past its last day while waiting. Nothing reads an ended entry's
            // details, so they go at once, not after the retention; the fair-order facts (created,
            // urgent, expiry, passed slots) stay.
            Kind(
                table: "waitlist",
                condition: """
                    purged_at IS NULL AND (state IN ('booked', 'left', 'expired')
                        OR (state = 'waiting' AND to_date < \(bind: cut.today.iso)))
                    """,
                change: """
                    UPDATE waitlist SET customer_name = '', customer_email = '', customer_phone = NULL,
                        customer_v_number = NULL, customer_bsn = NULL, people = NULL, client = NULL,
                        purged_at = \(bind: now.millis)
                    """),
            // A claim of a past day no longer refuses anything (LiveBookings.claim replaces it).
            Kind(
                table: "live_bookings", condition: "date < \(bind: cut.today.iso)", change: "DELETE FROM live_bookings"),
            // Active holds are the sweeper's: it gives their capacity back first.
            Kind(
                table: "holds",
                condition: "state <> 'active' AND expires_at < \(bind: cut.holdsEndedBefore.millis)",
                change: "DELETE FROM holds"),
            Kind(
                table: "outbox",
                condition: """
                    (sent_at IS NOT NULL AND sent_at < \(bind: cut.messagesDoneBefore.millis))
                        OR (skipped_at IS NOT NULL AND skipped_at < \(bind: cut.messagesDoneBefore.millis))
                    """,
                change: "DELETE FROM outbox"),
        ]
    }

    /// Decided draw entries and their one-entry-per-person claims.
    static func drawKinds(now: Date) -> [Kind] {
        [
            // Decided: drawn (the appointment has its own copy) or not (the waitlist entry has
            // one, or the person had an appointment). Nothing reads them after, so they go at once.
            Kind(
                table: "draw_entries", condition: "purged_at IS NULL AND status <> 'entered'",
                change: """
                    UPDATE draw_entries SET customer_name = NULL, customer_email = NULL, customer_phone = NULL,
                        customer_v_number = NULL, companions = NULL, people = '', purged_at = \(bind: now.millis)
                    """),
            Kind(
                table: "draw_people",
                condition: "entry_id IN (SELECT id FROM draw_entries WHERE status <> 'entered')",
                change: "DELETE FROM draw_people"),
        ]
    }

    /// Documents that reached their end, and their delivery addresses.
    static func documentKinds(_ cut: PurgeCutoffs, now: Date) -> [Kind] {
        [
            // In its holder's hands (or returned) the retention ago: the document's steps stay, for
            // the collection wait; who it was for and where it went go.
            Kind(
                table: "documents", condition: "purged_at IS NULL AND " + documentEnded(cut),
                change: """
                    UPDATE documents SET holder_name = NULL, holder_email = NULL, v_number = NULL, date_of_birth = NULL,
                        purged_at = \(bind: now.millis)
                    """),
            Kind(
                table: "deliveries",
                condition: "street IS NOT NULL AND document_id IN (SELECT id FROM documents WHERE " + documentEnded(cut)
                    + ")",
                // The courier's reason for a failed delivery is free text about the holder's door.
                change: """
                    UPDATE deliveries SET street = NULL, house_number = NULL, postcode = NULL, city = NULL,
                        reason = NULL
                    """),
        ]
    }

    /// Ended invitations, and what inviting leaves behind: counts of wrong dates of birth, and
    /// third parties' bookings that waited for their person.
    static func invitationKinds(_ cut: PurgeCutoffs, now: Date) -> [Kind] {
        [
            // Withdrawn or past its last day, an invitation lets nobody book: who it was for goes.
            Kind(
                table: "invitations",
                condition: """
                    purged_at IS NULL AND (withdrawn_at IS NOT NULL OR valid_until < \(bind: cut.today.iso))
                    """,
                change: """
                    UPDATE invitations SET v_number = NULL, date_of_birth = NULL, email = NULL,
                        purged_at = \(bind: now.millis)
                    """),
            Kind(
                table: "birth_date_misses", condition: "day < \(bind: cut.today.iso)",
                change: "DELETE FROM birth_date_misses"),
            // Its hold was confirmed or lapsed long before (holds last minutes).
            Kind(
                table: "awaiting_people", condition: "created_at < \(bind: cut.holdsEndedBefore.millis)",
                change: "DELETE FROM awaiting_people"),
        ]
    }
}

extension Migrations {
    static let v23: Migration = (
        23,
        [
            // Indexes a new booking need not write to (issue #25): a booking has no partner (most),
            // no cancellation and no move yet, and every query on these columns compares them
            // (`partner_id = ?`, `cancelled_at >= ?`), which both engines read as NOT NULL. A
            // booking wrote ten index entries for its appointment; now seven.
            "DROP INDEX appointments_partner",
            "CREATE INDEX appointments_partner ON appointments (partner_id, desk, date) WHERE partner_id IS NOT NULL",
            "DROP INDEX appointments_cancelled",
            "CREATE INDEX appointments_cancelled ON appointments (cancelled_at) WHERE cancelled_at IS NOT NULL",
            "DROP INDEX appointments_moved",
            "CREATE INDEX appointments_moved ON appointments (moved_at) WHERE moved_at IS NOT NULL",
        ]
    )
}

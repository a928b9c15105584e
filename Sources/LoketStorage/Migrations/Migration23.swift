extension Migrations {
    static let v23: Migration = (
        23,
        [
            // Indexes a new booking need not write to (issue #25): a booking has no partner (most),
            // no cancellation and no move yet, and every query on these columns compares them
            // (`partner_id = ?`, `cancelled_at >= ?`), which both engines read as NOT NULL. A
            // booking wrote ten index entries for its appointment; now seven.
            "CREATE INDEX appointments_partnered ON appointments (partner_id, desk, date) WHERE partner_id IS NOT NULL",
            "CREATE INDEX appointments_cancellations ON appointments (cancelled_at) WHERE cancelled_at IS NOT NULL",
            "CREATE INDEX appointments_moves ON appointments (moved_at) WHERE moved_at IS NOT NULL",
            // The full ones go last: on PostgreSQL a DROP INDEX locks the table, reads too, until
            // the commit, and a server of the previous release may be answering from it meanwhile.
            "DROP INDEX appointments_partner",
            "DROP INDEX appointments_cancelled",
            "DROP INDEX appointments_moved",
        ]
    )
}

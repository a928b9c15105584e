extension Migrations {
    static let v02: Migration = (
        2,
        [
            // How often an appointment was moved: the SEQUENCE of its calendar invites.
            "ALTER TABLE appointments ADD COLUMN revision BIGINT NOT NULL DEFAULT 0",
            // The transactional outbox: a row per message, written in the transaction that caused
            // it, sent afterwards, so that a crash between commit and send loses nothing.
            """
            CREATE TABLE outbox (
                id TEXT PRIMARY KEY, appointment_id TEXT NOT NULL, kind TEXT NOT NULL, revision BIGINT NOT NULL,
                send_after BIGINT NOT NULL, claimed_until BIGINT NOT NULL DEFAULT 0, attempts BIGINT NOT NULL DEFAULT 0,
                sent_at BIGINT, skipped_at BIGINT, last_error TEXT, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX outbox_due ON outbox (sent_at, skipped_at, send_after)",
        ]
    )
}

extension Migrations {
    static let v10: Migration = (
        10,
        [
            // Failed sign-ins per account and per client address, counted before the password
            // is checked; keys are digests ("account:<username>", "address:<ip>").
            """
            CREATE TABLE sign_in_attempts (
                key_hash TEXT PRIMARY KEY, failures BIGINT NOT NULL, locked_until BIGINT, revision BIGINT NOT NULL,
                updated_at BIGINT NOT NULL)
            """,
            // A session knows its account (a password reset ends them all) and when it was last
            // used (it ends after a while idle). Sessions from before cannot say, so they end.
            "DELETE FROM web_sessions",
            "ALTER TABLE web_sessions ADD COLUMN staff_id TEXT",
            "ALTER TABLE web_sessions ADD COLUMN last_seen_at BIGINT",
            "CREATE INDEX web_sessions_staff ON web_sessions (staff_id)",
            // The manage-link key now lives outside the database (a key file or the environment),
            // so that a copy of the database cannot sign links.
            "DELETE FROM secrets WHERE name = 'manage-link'",
        ]
    )
}

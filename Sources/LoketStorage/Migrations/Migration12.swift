extension Migrations {
    static let v12: Migration = (
        12,
        [
            // Keep less personal data (issue #10): nothing needs a BSN, so none is kept.
            "UPDATE appointments SET customer_bsn = NULL WHERE customer_bsn IS NOT NULL",
            "UPDATE waitlist SET customer_bsn = NULL WHERE customer_bsn IS NOT NULL",
            // When the purge erased the row's personal data (PurgeStore); the row stays.
            "ALTER TABLE appointments ADD COLUMN purged_at BIGINT",
            "ALTER TABLE waitlist ADD COLUMN purged_at BIGINT",
            // What staff did, to what, when: no customer data, so the purge keeps it (AuditLog).
            """
            CREATE TABLE audit_log (
                id TEXT PRIMARY KEY, at BIGINT NOT NULL, staff_id TEXT, action TEXT NOT NULL, target TEXT, desk TEXT,
                detail TEXT)
            """,
            "CREATE INDEX audit_log_at ON audit_log (at)",
        ]
    )
}

extension Migrations {
    static let v24: Migration = (
        24,
        [
            // The order a server wrote audit entries in, among those of one instant (an account's
            // change and its new password, a capture and its override): `AuditLog`.
            "ALTER TABLE audit_log ADD COLUMN ordinal BIGINT NOT NULL DEFAULT 0"
        ]
    )
}

extension Migrations {
    static let v03: Migration = (
        3,
        [
            // Partner organisations (COA, municipalities, expat centres, universities) book for
            // the people they support, within a weekly quota per desk.
            "CREATE TABLE partners (id TEXT PRIMARY KEY, name TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL)",
            """
            CREATE TABLE partner_quotas (partner_id TEXT NOT NULL, desk TEXT NOT NULL, weekly BIGINT NOT NULL,
                PRIMARY KEY (partner_id, desk))
            """,
            "ALTER TABLE appointments ADD COLUMN partner_id TEXT",
            "CREATE INDEX appointments_partner ON appointments (partner_id, desk, date)",
        ]
    )
}

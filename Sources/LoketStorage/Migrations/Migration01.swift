extension Migrations {
    static let v01: Migration = (
        1,
        [
            """
            CREATE TABLE slot_units (
                desk TEXT NOT NULL, pool TEXT NOT NULL, date TEXT NOT NULL, minute BIGINT NOT NULL,
                taken BIGINT NOT NULL DEFAULT 0,
                PRIMARY KEY (desk, pool, date, minute))
            """,
            """
            CREATE TABLE holds (
                id TEXT PRIMARY KEY, desk TEXT NOT NULL, product TEXT NOT NULL, persons BIGINT NOT NULL,
                pool TEXT NOT NULL, date TEXT NOT NULL, start_minute BIGINT NOT NULL, end_minute BIGINT NOT NULL,
                parts BIGINT NOT NULL, state TEXT NOT NULL, expires_at BIGINT NOT NULL, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX holds_state_expiry ON holds (state, expires_at)",
            """
            CREATE TABLE appointments (
                id TEXT PRIMARY KEY, hold_id TEXT NOT NULL UNIQUE, desk TEXT NOT NULL, product TEXT NOT NULL,
                persons BIGINT NOT NULL, pool TEXT NOT NULL, date TEXT NOT NULL, start_minute BIGINT NOT NULL,
                end_minute BIGINT NOT NULL, parts BIGINT NOT NULL, state TEXT NOT NULL, token_hash TEXT NOT NULL,
                customer_name TEXT NOT NULL, customer_email TEXT NOT NULL, customer_phone TEXT,
                customer_v_number TEXT, customer_bsn TEXT, language TEXT NOT NULL,
                created_at BIGINT NOT NULL, cancelled_at BIGINT)
            """,
            "CREATE INDEX appointments_desk_date ON appointments (desk, date)",
            """
            CREATE TABLE idempotency_keys (
                scope TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, response TEXT,
                created_at BIGINT NOT NULL, PRIMARY KEY (scope, key))
            """,
        ]
    )
}

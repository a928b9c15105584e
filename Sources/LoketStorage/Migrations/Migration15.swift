extension Migrations {
    static let v15: Migration = (
        15,
        [
            // Documents from production to their holder (issue #11): the document, each
            // delivery attempt, the courier's capacity per day, and every step taken.
            """
            CREATE TABLE documents (
                id TEXT PRIMARY KEY, kind TEXT NOT NULL, case_system_id TEXT, v_number TEXT, holder_name TEXT,
                holder_email TEXT, language TEXT NOT NULL, date_of_birth TEXT, desk TEXT NOT NULL,
                ready_on TEXT NOT NULL, status TEXT NOT NULL, pickup_appointment_id TEXT, delivery_id TEXT,
                handed_over_at BIGINT, token_hash TEXT NOT NULL, created_at BIGINT NOT NULL,
                revision BIGINT NOT NULL DEFAULT 0, purged_at BIGINT)
            """,
            "CREATE INDEX documents_status ON documents (status, ready_on)",
            "CREATE INDEX documents_pickup ON documents (pickup_appointment_id)",
            """
            CREATE TABLE deliveries (
                id TEXT PRIMARY KEY, document_id TEXT NOT NULL, date TEXT NOT NULL, window_from BIGINT NOT NULL,
                window_to BIGINT NOT NULL, street TEXT, house_number TEXT, postcode TEXT, city TEXT,
                status TEXT NOT NULL, reason TEXT, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX deliveries_day ON deliveries (date, status)",
            "CREATE TABLE courier_days (date TEXT PRIMARY KEY, scheduled BIGINT NOT NULL)",
            """
            CREATE TABLE document_events (
                document_id TEXT NOT NULL, at BIGINT NOT NULL, event TEXT NOT NULL, by TEXT, seq BIGINT NOT NULL,
                PRIMARY KEY (document_id, seq))
            """,
            // The collection wait reads the hand-overs and deliveries of recent weeks.
            "CREATE INDEX document_events_collected ON document_events (event, at)",
        ]
    )
}

extension Migrations {
    static let v13: Migration = (
        13,
        [
            // Draws at peak times (issue #10): which products are in draw mode and how far
            // their capacity is published (DrawMode), the draws, and their entries.
            """
            CREATE TABLE draw_modes (
                desk TEXT NOT NULL, product TEXT NOT NULL, mode_on BIGINT NOT NULL, set_by TEXT NOT NULL,
                since BIGINT NOT NULL, published_through TEXT, reserve_published_through TEXT,
                PRIMARY KEY (desk, product))
            """,
            """
            CREATE TABLE draws (
                id TEXT PRIMARY KEY, desk TEXT NOT NULL, product TEXT NOT NULL, days TEXT NOT NULL,
                reserve_days TEXT NOT NULL, opens_at BIGINT NOT NULL, closes_at BIGINT NOT NULL,
                places BIGINT NOT NULL, state TEXT NOT NULL, seed TEXT, entries BIGINT, drawn BIGINT, digest TEXT,
                allocation_started_at BIGINT, allocated_at BIGINT)
            """,
            "CREATE INDEX draws_desk ON draws (desk, product, closes_at)",
            "CREATE INDEX draws_state ON draws (state, closes_at)",
            """
            CREATE TABLE draw_entries (
                id TEXT PRIMARY KEY, draw_id TEXT NOT NULL, token_hash TEXT NOT NULL, persons BIGINT NOT NULL,
                desks TEXT NOT NULL, days TEXT NOT NULL, customer_name TEXT, customer_email TEXT,
                customer_phone TEXT, customer_v_number TEXT, language TEXT NOT NULL, companions TEXT,
                people TEXT NOT NULL, status TEXT NOT NULL, appointment_id TEXT, waitlist_id TEXT,
                created_at BIGINT NOT NULL, purged_at BIGINT)
            """,
            "CREATE INDEX draw_entries_draw ON draw_entries (draw_id, id)",
            // One entry per person and draw: the key refuses a second.
            """
            CREATE TABLE draw_people (
                draw_id TEXT NOT NULL, v_number TEXT NOT NULL, entry_id TEXT NOT NULL,
                PRIMARY KEY (draw_id, v_number))
            """,
        ]
    )
}

extension Migrations {
    static let v16: Migration = (
        16,
        [
            // The measured history (issue #12): one value per day, desk, product and measure.
            """
            CREATE TABLE measurements (
                desk TEXT NOT NULL, product TEXT NOT NULL, measure TEXT NOT NULL, date TEXT NOT NULL,
                value DOUBLE PRECISION NOT NULL, measured_at BIGINT NOT NULL,
                PRIMARY KEY (desk, product, measure, date))
            """,
            "CREATE INDEX measurements_date ON measurements (date)",
            // What the measuring counts per day, each by an index on its time.
            "ALTER TABLE appointments ADD COLUMN moved_at BIGINT",
            "CREATE INDEX appointments_created ON appointments (created_at)",
            "CREATE INDEX appointments_cancelled ON appointments (cancelled_at)",
            "CREATE INDEX appointments_moved ON appointments (moved_at)",
            // What is booked ahead, over all desks (the live forecast's backlog).
            "CREATE INDEX appointments_date ON appointments (date, state)",
            "CREATE INDEX waitlist_created ON waitlist (created_at)",
            "CREATE INDEX draw_entries_created ON draw_entries (created_at)",
            "CREATE INDEX draws_allocated ON draws (allocated_at)",
            // Every waitlist offer, kept without personal data so that offers made and
            // accepted can be counted after the entry has moved on.
            """
            CREATE TABLE waitlist_offers (
                hold_id TEXT PRIMARY KEY, desk TEXT NOT NULL, product TEXT NOT NULL, offered_at BIGINT NOT NULL,
                accepted_at BIGINT)
            """,
            "CREATE INDEX waitlist_offers_offered ON waitlist_offers (offered_at)",
            "CREATE INDEX waitlist_offers_accepted ON waitlist_offers (accepted_at)",
            // Forecasts started on the forecast page: the scenario they ran (YAML), their
            // progress while a server runs them in the background, and their result.
            """
            CREATE TABLE forecast_runs (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, created_at BIGINT NOT NULL,
                created_by TEXT NOT NULL, changes TEXT NOT NULL, scenario TEXT NOT NULL,
                replications BIGINT NOT NULL, seed TEXT NOT NULL, target TEXT, state TEXT NOT NULL,
                progress BIGINT NOT NULL DEFAULT 0, claimed_until BIGINT, finished_at BIGINT,
                result TEXT, answer TEXT, error TEXT)
            """,
            "CREATE INDEX forecast_runs_state ON forecast_runs (state, created_at)",
            "CREATE INDEX forecast_runs_created ON forecast_runs (created_at)",
            "CREATE INDEX forecast_runs_staff ON forecast_runs (created_by, state)",
        ]
    )
}

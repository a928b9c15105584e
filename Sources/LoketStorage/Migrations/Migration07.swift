extension Migrations {
    static let v07: Migration = (
        7,
        [
            // Maatwerk: extra time or assistance, asked for at the hold and shown to the desk.
            "ALTER TABLE holds ADD COLUMN assistance BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE appointments ADD COLUMN assistance BIGINT NOT NULL DEFAULT 0",
            // The short code a customer shows to check in (afspraakcode).
            "ALTER TABLE appointments ADD COLUMN code TEXT",
            "CREATE UNIQUE INDEX appointments_code ON appointments (desk, date, code)",
            // Staff who sign in to the desk pages; passwords as bcrypt digests.
            """
            CREATE TABLE staff (
                id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL, role TEXT NOT NULL,
                desk TEXT, active BIGINT NOT NULL DEFAULT 1, failed_sign_ins BIGINT NOT NULL DEFAULT 0, locked_until BIGINT,
                created_at BIGINT NOT NULL)
            """,
            // Staff sign-in sessions (hummingbird-auth's session storage); keys stored as digests.
            "CREATE TABLE web_sessions (key_hash TEXT PRIMARY KEY, value TEXT NOT NULL, expires_at BIGINT)",
            // A customer's visit on the day: check-in, call to a counter, real start and end.
            """
            CREATE TABLE visits (
                appointment_id TEXT PRIMARY KEY, desk TEXT NOT NULL, date TEXT NOT NULL, ticket BIGINT, state TEXT NOT NULL,
                checked_in_at BIGINT, called_at BIGINT, counter TEXT, ended_at BIGINT, staff_id TEXT,
                UNIQUE (desk, date, ticket))
            """,
            "CREATE INDEX visits_desk_date ON visits (desk, date, state)",
            // The last ticket number given out per desk and day, taken with one upsert so that
            // two clerks checking people in at once never hand out the same number.
            "CREATE TABLE ticket_counters (desk TEXT NOT NULL, date TEXT NOT NULL, last BIGINT NOT NULL, PRIMARY KEY (desk, date))",
            // Desk managers' changes to roster, opening hours and closures, on top of the network file.
            """
            CREATE TABLE desk_changes (
                id TEXT PRIMARY KEY, desk TEXT NOT NULL, change TEXT NOT NULL, staff_id TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
        ]
    )
}

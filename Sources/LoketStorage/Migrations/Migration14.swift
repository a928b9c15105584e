extension Migrations {
    static let v14: Migration = (
        14,
        [
            // Case systems and couriers: an API key each, kept as its SHA-256 digest.
            """
            CREATE TABLE service_clients (
                id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE,
                created_at BIGINT NOT NULL)
            """,
            // The biometrics record: a person by V-number with the date of birth that must
            // match to read it, and every capture with where it was taken and who recorded it.
            """
            CREATE TABLE biometric_people (
                v_number TEXT PRIMARY KEY, date_of_birth TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE biometric_captures (
                id TEXT PRIMARY KEY, v_number TEXT NOT NULL, kind TEXT NOT NULL, date TEXT NOT NULL,
                quality TEXT NOT NULL, origin TEXT NOT NULL, place TEXT NOT NULL, recorded_by TEXT NOT NULL,
                appointment_id TEXT, recorded_at BIGINT NOT NULL)
            """,
            "CREATE INDEX biometric_captures_person ON biometric_captures (v_number, kind, date)",
        ]
    )
}

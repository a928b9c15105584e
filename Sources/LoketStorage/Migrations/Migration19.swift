extension Migrations {
    static let v19: Migration = (
        19,
        [
            // The case system's invitations: who may book a product that requires one. Looked
            // up by the V-numbers a booking names; personal data is erased at the purge.
            """
            CREATE TABLE invitations (
                id TEXT PRIMARY KEY, case_system_id TEXT NOT NULL, product TEXT NOT NULL, v_number TEXT,
                date_of_birth TEXT, email TEXT, language TEXT NOT NULL, valid_until TEXT NOT NULL,
                created_at BIGINT NOT NULL, withdrawn_at BIGINT, purged_at BIGINT)
            """,
            "CREATE INDEX invitations_person ON invitations (v_number, product)",
            "CREATE INDEX invitations_until ON invitations (valid_until)",
            // Wrong dates of birth per subject (a V-number, or `document:` and a document id)
            // and day, so many addresses together cannot search one (InvitationCheck).
            """
            CREATE TABLE birth_date_misses (
                subject TEXT NOT NULL, day TEXT NOT NULL, misses BIGINT NOT NULL, PRIMARY KEY (subject, day))
            """,
            // An Idempotency-Key belongs to the client that sent it first.
            "ALTER TABLE idempotency_keys ADD COLUMN client TEXT",
            // A third party's booking of an invited product, waiting for its person: who it
            // names (JSON, no date of birth) until the person confirms or the hold lapses.
            """
            CREATE TABLE awaiting_people (
                hold_id TEXT PRIMARY KEY, invitation_id TEXT NOT NULL, customer TEXT NOT NULL,
                created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX awaiting_people_created ON awaiting_people (created_at)",
            "CREATE INDEX awaiting_people_invitation ON awaiting_people (invitation_id)",
            // Refused checks at the desk are counted per document or appointment.
            "CREATE INDEX audit_log_target ON audit_log (target, action, at)",
        ]
    )
}

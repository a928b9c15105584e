extension Migrations {
    static let v04: Migration = (
        4,
        [
            // The waitlist: freed capacity is offered in a fair order instead of to the fastest poller.
            """
            CREATE TABLE waitlist (
                id TEXT PRIMARY KEY, token_hash TEXT NOT NULL, product TEXT NOT NULL, persons BIGINT NOT NULL,
                desks TEXT NOT NULL, from_date TEXT NOT NULL, to_date TEXT NOT NULL, urgent BIGINT NOT NULL,
                expires_on TEXT, appointment_id TEXT, customer_name TEXT NOT NULL, customer_email TEXT NOT NULL,
                customer_phone TEXT, customer_v_number TEXT, customer_bsn TEXT, language TEXT NOT NULL,
                state TEXT NOT NULL, offer_hold_id TEXT, offer_expires_at BIGINT, booked_appointment_id TEXT,
                created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX waitlist_state ON waitlist (state, product)",
            // Slots a person declined or let lapse are not offered to them again.
            "CREATE TABLE waitlist_passed (entry_id TEXT NOT NULL, hold_slot TEXT NOT NULL, PRIMARY KEY (entry_id, hold_slot))",
            // An offer's own token, for the accept and decline links in its email.
            "ALTER TABLE waitlist ADD COLUMN offer_token_hash TEXT",
            // A secret the message must carry (an offer link's token), erased once sent.
            "ALTER TABLE outbox ADD COLUMN secret TEXT",
        ]
    )
}

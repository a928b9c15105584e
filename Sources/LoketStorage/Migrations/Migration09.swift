extension Migrations {
    static let v09: Migration = (
        9,
        [
            // A hold confirms only with the secret its maker got (digest here); holds of
            // waitlist offers have none and are taken only through their offer.
            "ALTER TABLE holds ADD COLUMN token_hash TEXT",
            // One live booking per person and product: the key refuses a second (LiveBookings).
            """
            CREATE TABLE live_bookings (
                product TEXT NOT NULL, v_number TEXT NOT NULL, appointment_id TEXT NOT NULL, date TEXT NOT NULL,
                PRIMARY KEY (product, v_number))
            """,
            "CREATE INDEX live_bookings_appointment ON live_bookings (appointment_id)",
            // The other persons of a group booking (JSON: name and V-number each).
            "ALTER TABLE appointments ADD COLUMN companions TEXT",
            // The V-numbers a waitlist entry books for when its offer is accepted.
            "ALTER TABLE waitlist ADD COLUMN people TEXT",
        ]
    )
}

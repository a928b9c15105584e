extension Migrations {
    static let v22: Migration = (
        22,
        [
            // Product queues (wachtrijen): the last number given out per queue letter, desk and day,
            // taken with one upsert as `ticket_counters` is. The desk-wide `visits.ticket` stays
            // (unique per desk and day, and what the previous release writes); the queue's letter
            // and number are what the customer and the clerk see.
            """
            CREATE TABLE queue_counters (desk TEXT NOT NULL, date TEXT NOT NULL, queue TEXT NOT NULL, last BIGINT NOT NULL,
                PRIMARY KEY (desk, date, queue))
            """,
            "ALTER TABLE visits ADD COLUMN queue TEXT",
            "ALTER TABLE visits ADD COLUMN queue_number BIGINT",
            // "Your turn soon" by email, for a customer who asked at check-in (1), and when it went.
            "ALTER TABLE visits ADD COLUMN notify_soon BIGINT",
            "ALTER TABLE visits ADD COLUMN soon_sent_at BIGINT",
        ]
    )
}

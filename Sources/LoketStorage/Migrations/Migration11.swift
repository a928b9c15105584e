extension Migrations {
    static let v11: Migration = (
        11,
        [
            // A waitlist nobody can jump. Urgency and expiry were claimed by anyone; they now count
            // only when a partner enters the entry (who, and why), so old claims are dropped.
            "ALTER TABLE waitlist ADD COLUMN partner_id TEXT",
            "ALTER TABLE waitlist ADD COLUMN urgent_reason TEXT",
            "ALTER TABLE waitlist ADD COLUMN urgent_note TEXT",
            "UPDATE waitlist SET urgent = 0, expires_on = NULL",
            // The fair order as columns an index can walk (WaitlistEntry.fairRank).
            "ALTER TABLE waitlist ADD COLUMN priority BIGINT NOT NULL DEFAULT 1",
            "ALTER TABLE waitlist ADD COLUMN expires_rank TEXT NOT NULL DEFAULT '9999-12-31'",
            "CREATE INDEX waitlist_line ON waitlist (product, state, priority, expires_rank, created_at, id)",
            "CREATE INDEX waitlist_window ON waitlist (state, to_date)",
            // The line at each desk, in fair order, of entries still waiting or offered: the
            // matcher reads the first eligible row for a freed slot by this key.
            """
            CREATE TABLE waitlist_desks (
                product TEXT NOT NULL, desk TEXT NOT NULL, priority BIGINT NOT NULL, expires_rank TEXT NOT NULL,
                created_at BIGINT NOT NULL, entry_id TEXT NOT NULL, from_date TEXT NOT NULL, to_date TEXT NOT NULL,
                persons BIGINT NOT NULL,
                PRIMARY KEY (product, desk, priority, expires_rank, created_at, entry_id))
            """,
            "CREATE INDEX waitlist_desks_entry ON waitlist_desks (entry_id)",
            WaitlistLine.backfillDesks,
            // One waiting entry per person and product: the key refuses a second (WaitlistLine).
            """
            CREATE TABLE waiting_people (
                product TEXT NOT NULL, v_number TEXT NOT NULL, entry_id TEXT NOT NULL, PRIMARY KEY (product, v_number))
            """,
            "CREATE INDEX waiting_people_entry ON waiting_people (entry_id)",
            WaitlistLine.backfillPeople,
            // Freed capacity the matcher owes the waitlist: a parked hold (no token) keeps the
            // units off the open list until the first eligible entry is offered them.
            "CREATE TABLE freed_slots (hold_id TEXT PRIMARY KEY, created_at BIGINT NOT NULL)",
            "CREATE INDEX freed_slots_created ON freed_slots (created_at)",
        ]
    )
}

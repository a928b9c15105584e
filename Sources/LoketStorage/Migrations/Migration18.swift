extension Migrations {
    static let v18: Migration = (
        18,
        [
            // A desk's day: the clerk's agenda and its counts ask for one desk's confirmed
            // appointments on one day. To SQLite's planner (desk, date) and (date, state) looked
            // alike, and it took (date, state): every desk's confirmed appointments that day, each
            // looked up for its desk (10 and 15 ms on a national network's day). This key has all
            // three, then the start time the agenda is ordered by; it replaces (desk, date).
            "DROP INDEX IF EXISTS appointments_desk_date",
            "CREATE INDEX appointments_desk_day ON appointments (desk, date, state, start_minute)",
        ]
    )
}

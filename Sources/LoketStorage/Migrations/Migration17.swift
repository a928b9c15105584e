extension Migrations {
    static let v17: Migration = (
        17,
        [
            // Years of data cost nothing on the hot paths (issue #13). Both keys bound only the
            // desk for these reads, so each walked all of the desk's past: the slot list reads
            // the units of a desk's coming days by desk and date (key: desk, pool, date, minute),
            // the dashboard a desk's and product's weeks by date (key: desk, product, measure, date).
            "CREATE INDEX slot_units_day ON slot_units (desk, date)",
            "CREATE INDEX measurements_desk_day ON measurements (desk, product, date)",
            // The daily purge (at start too) looks for appointments not yet purged; without
            // this it walked every appointment ever made, holding SQLite's one connection for
            // seconds on three years of them.
            "CREATE INDEX appointments_unpurged ON appointments (date) WHERE purged_at IS NULL",
        ]
    )
}

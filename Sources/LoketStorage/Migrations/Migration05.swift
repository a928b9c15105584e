extension Migrations {
    static let v05: Migration = (
        5,
        [
            // Why an appointment used the urgent reserve (spoedafspraak), as the partner stated it.
            "ALTER TABLE appointments ADD COLUMN urgent_reason TEXT",
            "ALTER TABLE appointments ADD COLUMN urgent_note TEXT",
        ]
    )
}

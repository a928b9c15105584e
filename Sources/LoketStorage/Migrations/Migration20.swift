extension Migrations {
    static let v20: Migration = (
        20,
        [
            // The client that joined the waitlist: the matcher's offers count among its
            // active holds. Erased with the entry's other personal data.
            "ALTER TABLE waitlist ADD COLUMN client TEXT"
        ]
    )
}

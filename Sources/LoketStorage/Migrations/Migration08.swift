extension Migrations {
    static let v08: Migration = (
        8,
        [
            // Server-wide secrets, made on first use and shared by every server process: the key
            // that signs the manage links in customer email.
            "CREATE TABLE secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL)"
        ]
    )
}

extension Migrations {
    static let v21: Migration = (
        21,
        [
            // The request that wrote a message, so that its send names it in the log.
            "ALTER TABLE outbox ADD COLUMN request_id TEXT"
        ]
    )
}

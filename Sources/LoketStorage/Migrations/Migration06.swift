extension Migrations {
    static let v06: Migration = (
        6,
        [
            // Partner webhooks: where events about their bookings go, and the shared secret that
            // signs them (HMAC-SHA256; kept in the clear because signing needs it).
            "ALTER TABLE partners ADD COLUMN webhook_url TEXT",
            "ALTER TABLE partners ADD COLUMN webhook_secret TEXT",
            "ALTER TABLE outbox ADD COLUMN partner_id TEXT",
            "ALTER TABLE outbox ADD COLUMN payload TEXT",
        ]
    )
}

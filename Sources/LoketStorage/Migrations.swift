import Foundation
import SQLKit

/// Versioned schema changes, applied in order, each in the transaction that records it.
/// Written in the SQL both engines share (BIGINT, TEXT, ON CONFLICT, RETURNING).
enum Migrations {
    static let all: [(version: Int, statements: [String])] = [
        (
            1,
            [
                """
                CREATE TABLE slot_units (
                    desk TEXT NOT NULL, pool TEXT NOT NULL, date TEXT NOT NULL, minute BIGINT NOT NULL,
                    taken BIGINT NOT NULL DEFAULT 0,
                    PRIMARY KEY (desk, pool, date, minute))
                """,
                """
                CREATE TABLE holds (
                    id TEXT PRIMARY KEY, desk TEXT NOT NULL, product TEXT NOT NULL, persons BIGINT NOT NULL,
                    pool TEXT NOT NULL, date TEXT NOT NULL, start_minute BIGINT NOT NULL, end_minute BIGINT NOT NULL,
                    parts BIGINT NOT NULL, state TEXT NOT NULL, expires_at BIGINT NOT NULL, created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX holds_state_expiry ON holds (state, expires_at)",
                """
                CREATE TABLE appointments (
                    id TEXT PRIMARY KEY, hold_id TEXT NOT NULL UNIQUE, desk TEXT NOT NULL, product TEXT NOT NULL,
                    persons BIGINT NOT NULL, pool TEXT NOT NULL, date TEXT NOT NULL, start_minute BIGINT NOT NULL,
                    end_minute BIGINT NOT NULL, parts BIGINT NOT NULL, state TEXT NOT NULL, token_hash TEXT NOT NULL,
                    customer_name TEXT NOT NULL, customer_email TEXT NOT NULL, customer_phone TEXT,
                    customer_v_number TEXT, customer_bsn TEXT, language TEXT NOT NULL,
                    created_at BIGINT NOT NULL, cancelled_at BIGINT)
                """,
                "CREATE INDEX appointments_desk_date ON appointments (desk, date)",
                """
                CREATE TABLE idempotency_keys (
                    scope TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, response TEXT,
                    created_at BIGINT NOT NULL, PRIMARY KEY (scope, key))
                """,
            ]
        ),
        (
            2,
            [
                // How often an appointment was moved: the SEQUENCE of its calendar invites.
                "ALTER TABLE appointments ADD COLUMN revision BIGINT NOT NULL DEFAULT 0",
                // The transactional outbox: a row per message, written in the transaction that caused
                // it, sent afterwards, so that a crash between commit and send loses nothing.
                """
                CREATE TABLE outbox (
                    id TEXT PRIMARY KEY, appointment_id TEXT NOT NULL, kind TEXT NOT NULL, revision BIGINT NOT NULL,
                    send_after BIGINT NOT NULL, claimed_until BIGINT NOT NULL DEFAULT 0, attempts BIGINT NOT NULL DEFAULT 0,
                    sent_at BIGINT, skipped_at BIGINT, last_error TEXT, created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX outbox_due ON outbox (sent_at, skipped_at, send_after)",
            ]
        ),
        (
            3,
            [
                // Partner organisations (COA, municipalities, expat centres, universities) book for
                // the people they support, within a weekly quota per desk.
                "CREATE TABLE partners (id TEXT PRIMARY KEY, name TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL)",
                """
                CREATE TABLE partner_quotas (partner_id TEXT NOT NULL, desk TEXT NOT NULL, weekly BIGINT NOT NULL,
                    PRIMARY KEY (partner_id, desk))
                """,
                "ALTER TABLE appointments ADD COLUMN partner_id TEXT",
                "CREATE INDEX appointments_partner ON appointments (partner_id, desk, date)",
            ]
        ),
        (
            4,
            [
                // The waitlist: freed capacity is offered in a fair order instead of to the fastest poller.
                """
                CREATE TABLE waitlist (
                    id TEXT PRIMARY KEY, token_hash TEXT NOT NULL, product TEXT NOT NULL, persons BIGINT NOT NULL,
                    desks TEXT NOT NULL, from_date TEXT NOT NULL, to_date TEXT NOT NULL, urgent BIGINT NOT NULL,
                    expires_on TEXT, appointment_id TEXT, customer_name TEXT NOT NULL, customer_email TEXT NOT NULL,
                    customer_phone TEXT, customer_v_number TEXT, customer_bsn TEXT, language TEXT NOT NULL,
                    state TEXT NOT NULL, offer_hold_id TEXT, offer_expires_at BIGINT, booked_appointment_id TEXT,
                    created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX waitlist_state ON waitlist (state, product)",
                // Slots a person declined or let lapse are not offered to them again.
                "CREATE TABLE waitlist_passed (entry_id TEXT NOT NULL, hold_slot TEXT NOT NULL, PRIMARY KEY (entry_id, hold_slot))",
                // An offer's own token, for the accept and decline links in its email.
                "ALTER TABLE waitlist ADD COLUMN offer_token_hash TEXT",
                // A secret the message must carry (an offer link's token), erased once sent.
                "ALTER TABLE outbox ADD COLUMN secret TEXT",
            ]
        ),
        (
            5,
            [
                // Why an appointment used the urgent reserve (spoedafspraak), as the partner stated it.
                "ALTER TABLE appointments ADD COLUMN urgent_reason TEXT",
                "ALTER TABLE appointments ADD COLUMN urgent_note TEXT",
            ]
        ),
        (
            6,
            [
                // Partner webhooks: where events about their bookings go, and the shared secret that
                // signs them (HMAC-SHA256; kept in the clear because signing needs it).
                "ALTER TABLE partners ADD COLUMN webhook_url TEXT",
                "ALTER TABLE partners ADD COLUMN webhook_secret TEXT",
                "ALTER TABLE outbox ADD COLUMN partner_id TEXT",
                "ALTER TABLE outbox ADD COLUMN payload TEXT",
            ]
        ),
        (
            7,
            [
                // Maatwerk: extra time or assistance, asked for at the hold and shown to the desk.
                "ALTER TABLE holds ADD COLUMN assistance BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE appointments ADD COLUMN assistance BIGINT NOT NULL DEFAULT 0",
                // The short code a customer shows to check in (afspraakcode).
                "ALTER TABLE appointments ADD COLUMN code TEXT",
                "CREATE UNIQUE INDEX appointments_code ON appointments (desk, date, code)",
                // Staff who sign in to the desk pages; passwords as bcrypt digests.
                """
                CREATE TABLE staff (
                    id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL, role TEXT NOT NULL,
                    desk TEXT, active BIGINT NOT NULL DEFAULT 1, failed_sign_ins BIGINT NOT NULL DEFAULT 0, locked_until BIGINT,
                    created_at BIGINT NOT NULL)
                """,
                // Staff sign-in sessions (hummingbird-auth's session storage); keys stored as digests.
                "CREATE TABLE web_sessions (key_hash TEXT PRIMARY KEY, value TEXT NOT NULL, expires_at BIGINT)",
                // A customer's visit on the day: check-in, call to a counter, real start and end.
                """
                CREATE TABLE visits (
                    appointment_id TEXT PRIMARY KEY, desk TEXT NOT NULL, date TEXT NOT NULL, ticket BIGINT, state TEXT NOT NULL,
                    checked_in_at BIGINT, called_at BIGINT, counter TEXT, ended_at BIGINT, staff_id TEXT,
                    UNIQUE (desk, date, ticket))
                """,
                "CREATE INDEX visits_desk_date ON visits (desk, date, state)",
                // The last ticket number given out per desk and day, taken with one upsert so that
                // two clerks checking people in at once never hand out the same number.
                "CREATE TABLE ticket_counters (desk TEXT NOT NULL, date TEXT NOT NULL, last BIGINT NOT NULL, PRIMARY KEY (desk, date))",
                // Desk managers' changes to roster, opening hours and closures, on top of the network file.
                """
                CREATE TABLE desk_changes (
                    id TEXT PRIMARY KEY, desk TEXT NOT NULL, change TEXT NOT NULL, staff_id TEXT NOT NULL, created_at BIGINT NOT NULL)
                """,
            ]
        ),
        (
            8,
            [
                // Server-wide secrets, made on first use and shared by every server process: the key
                // that signs the manage links in customer email.
                "CREATE TABLE secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL)"
            ]
        ),
        (
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
        ),
        (
            10,
            [
                // Failed sign-ins per account and per client address, counted before the password
                // is checked; keys are digests ("account:<username>", "address:<ip>").
                """
                CREATE TABLE sign_in_attempts (
                    key_hash TEXT PRIMARY KEY, failures BIGINT NOT NULL, locked_until BIGINT, revision BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL)
                """,
                // A session knows its account (a password reset ends them all) and when it was last
                // used (it ends after a while idle). Sessions from before cannot say, so they end.
                "DELETE FROM web_sessions",
                "ALTER TABLE web_sessions ADD COLUMN staff_id TEXT",
                "ALTER TABLE web_sessions ADD COLUMN last_seen_at BIGINT",
                "CREATE INDEX web_sessions_staff ON web_sessions (staff_id)",
                // The manage-link key now lives outside the database (a key file or the environment),
                // so that a copy of the database cannot sign links.
                "DELETE FROM secrets WHERE name = 'manage-link'",
            ]
        ),
        (
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
        ),
        (
            12,
            [
                // Keep less personal data (issue #10): nothing needs a BSN, so none is kept.
                "UPDATE appointments SET customer_bsn = NULL WHERE customer_bsn IS NOT NULL",
                "UPDATE waitlist SET customer_bsn = NULL WHERE customer_bsn IS NOT NULL",
                // When the purge erased the row's personal data (PurgeStore); the row stays.
                "ALTER TABLE appointments ADD COLUMN purged_at BIGINT",
                "ALTER TABLE waitlist ADD COLUMN purged_at BIGINT",
                // What staff did, to what, when: no customer data, so the purge keeps it (AuditLog).
                """
                CREATE TABLE audit_log (
                    id TEXT PRIMARY KEY, at BIGINT NOT NULL, staff_id TEXT, action TEXT NOT NULL, target TEXT, desk TEXT,
                    detail TEXT)
                """,
                "CREATE INDEX audit_log_at ON audit_log (at)",
            ]
        ),
        (
            13,
            [
                // Draws at peak times (issue #10): which products are in draw mode and how far
                // their capacity is published (DrawMode), the draws, and their entries.
                """
                CREATE TABLE draw_modes (
                    desk TEXT NOT NULL, product TEXT NOT NULL, mode_on BIGINT NOT NULL, set_by TEXT NOT NULL,
                    since BIGINT NOT NULL, published_through TEXT, reserve_published_through TEXT,
                    PRIMARY KEY (desk, product))
                """,
                """
                CREATE TABLE draws (
                    id TEXT PRIMARY KEY, desk TEXT NOT NULL, product TEXT NOT NULL, days TEXT NOT NULL,
                    reserve_days TEXT NOT NULL, opens_at BIGINT NOT NULL, closes_at BIGINT NOT NULL,
                    places BIGINT NOT NULL, state TEXT NOT NULL, seed TEXT, entries BIGINT, drawn BIGINT, digest TEXT,
                    allocation_started_at BIGINT, allocated_at BIGINT)
                """,
                "CREATE INDEX draws_desk ON draws (desk, product, closes_at)",
                "CREATE INDEX draws_state ON draws (state, closes_at)",
                """
                CREATE TABLE draw_entries (
                    id TEXT PRIMARY KEY, draw_id TEXT NOT NULL, token_hash TEXT NOT NULL, persons BIGINT NOT NULL,
                    desks TEXT NOT NULL, days TEXT NOT NULL, customer_name TEXT, customer_email TEXT,
                    customer_phone TEXT, customer_v_number TEXT, language TEXT NOT NULL, companions TEXT,
                    people TEXT NOT NULL, status TEXT NOT NULL, appointment_id TEXT, waitlist_id TEXT,
                    created_at BIGINT NOT NULL, purged_at BIGINT)
                """,
                "CREATE INDEX draw_entries_draw ON draw_entries (draw_id, id)",
                // One entry per person and draw: the key refuses a second.
                """
                CREATE TABLE draw_people (
                    draw_id TEXT NOT NULL, v_number TEXT NOT NULL, entry_id TEXT NOT NULL,
                    PRIMARY KEY (draw_id, v_number))
                """,
            ]
        ),
        (
            14,
            [
                // Case systems and couriers: an API key each, kept as its SHA-256 digest.
                """
                CREATE TABLE service_clients (
                    id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE,
                    created_at BIGINT NOT NULL)
                """,
                // The biometrics record: a person by V-number with the date of birth that must
                // match to read it, and every capture with where it was taken and who recorded it.
                """
                CREATE TABLE biometric_people (
                    v_number TEXT PRIMARY KEY, date_of_birth TEXT NOT NULL, created_at BIGINT NOT NULL)
                """,
                """
                CREATE TABLE biometric_captures (
                    id TEXT PRIMARY KEY, v_number TEXT NOT NULL, kind TEXT NOT NULL, date TEXT NOT NULL,
                    quality TEXT NOT NULL, origin TEXT NOT NULL, place TEXT NOT NULL, recorded_by TEXT NOT NULL,
                    appointment_id TEXT, recorded_at BIGINT NOT NULL)
                """,
                "CREATE INDEX biometric_captures_person ON biometric_captures (v_number, kind, date)",
            ]
        ),
        (
            15,
            [
                // Documents from production to their holder (issue #11): the document, each
                // delivery attempt, the courier's capacity per day, and every step taken.
                """
                CREATE TABLE documents (
                    id TEXT PRIMARY KEY, kind TEXT NOT NULL, case_system_id TEXT, v_number TEXT, holder_name TEXT,
                    holder_email TEXT, language TEXT NOT NULL, date_of_birth TEXT, desk TEXT NOT NULL,
                    ready_on TEXT NOT NULL, status TEXT NOT NULL, pickup_appointment_id TEXT, delivery_id TEXT,
                    handed_over_at BIGINT, token_hash TEXT NOT NULL, created_at BIGINT NOT NULL,
                    revision BIGINT NOT NULL DEFAULT 0, purged_at BIGINT)
                """,
                "CREATE INDEX documents_status ON documents (status, ready_on)",
                "CREATE INDEX documents_pickup ON documents (pickup_appointment_id)",
                """
                CREATE TABLE deliveries (
                    id TEXT PRIMARY KEY, document_id TEXT NOT NULL, date TEXT NOT NULL, window_from BIGINT NOT NULL,
                    window_to BIGINT NOT NULL, street TEXT, house_number TEXT, postcode TEXT, city TEXT,
                    status TEXT NOT NULL, reason TEXT, created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX deliveries_day ON deliveries (date, status)",
                "CREATE TABLE courier_days (date TEXT PRIMARY KEY, scheduled BIGINT NOT NULL)",
                """
                CREATE TABLE document_events (
                    document_id TEXT NOT NULL, at BIGINT NOT NULL, event TEXT NOT NULL, by TEXT, seq BIGINT NOT NULL,
                    PRIMARY KEY (document_id, seq))
                """,
                // The collection wait reads the hand-overs and deliveries of recent weeks.
                "CREATE INDEX document_events_collected ON document_events (event, at)",
            ]
        ),
        (
            16,
            [
                // The measured history (issue #12): one value per day, desk, product and measure.
                """
                CREATE TABLE measurements (
                    desk TEXT NOT NULL, product TEXT NOT NULL, measure TEXT NOT NULL, date TEXT NOT NULL,
                    value DOUBLE PRECISION NOT NULL, measured_at BIGINT NOT NULL,
                    PRIMARY KEY (desk, product, measure, date))
                """,
                "CREATE INDEX measurements_date ON measurements (date)",
                // What the measuring counts per day, each by an index on its time.
                "ALTER TABLE appointments ADD COLUMN moved_at BIGINT",
                "CREATE INDEX appointments_created ON appointments (created_at)",
                "CREATE INDEX appointments_cancelled ON appointments (cancelled_at)",
                "CREATE INDEX appointments_moved ON appointments (moved_at)",
                // What is booked ahead, over all desks (the live forecast's backlog).
                "CREATE INDEX appointments_date ON appointments (date, state)",
                "CREATE INDEX waitlist_created ON waitlist (created_at)",
                "CREATE INDEX draw_entries_created ON draw_entries (created_at)",
                "CREATE INDEX draws_allocated ON draws (allocated_at)",
                // Every waitlist offer, kept without personal data so that offers made and
                // accepted can be counted after the entry has moved on.
                """
                CREATE TABLE waitlist_offers (
                    hold_id TEXT PRIMARY KEY, desk TEXT NOT NULL, product TEXT NOT NULL, offered_at BIGINT NOT NULL,
                    accepted_at BIGINT)
                """,
                "CREATE INDEX waitlist_offers_offered ON waitlist_offers (offered_at)",
                "CREATE INDEX waitlist_offers_accepted ON waitlist_offers (accepted_at)",
                // Forecasts started on the forecast page: the scenario they ran (YAML), their
                // progress while a server runs them in the background, and their result.
                """
                CREATE TABLE forecast_runs (
                    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, created_at BIGINT NOT NULL,
                    created_by TEXT NOT NULL, changes TEXT NOT NULL, scenario TEXT NOT NULL,
                    replications BIGINT NOT NULL, seed TEXT NOT NULL, target TEXT, state TEXT NOT NULL,
                    progress BIGINT NOT NULL DEFAULT 0, claimed_until BIGINT, finished_at BIGINT,
                    result TEXT, answer TEXT, error TEXT)
                """,
                "CREATE INDEX forecast_runs_state ON forecast_runs (state, created_at)",
                "CREATE INDEX forecast_runs_created ON forecast_runs (created_at)",
                "CREATE INDEX forecast_runs_staff ON forecast_runs (created_by, state)",
            ]
        ),
        (
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
        ),
        (
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
        ),
        (
            19,
            [
                // The case system's invitations: who may book a product that requires one. Looked
                // up by the V-numbers a booking names; personal data is erased at the purge.
                """
                CREATE TABLE invitations (
                    id TEXT PRIMARY KEY, case_system_id TEXT NOT NULL, product TEXT NOT NULL, v_number TEXT,
                    date_of_birth TEXT, email TEXT, language TEXT NOT NULL, valid_until TEXT NOT NULL,
                    created_at BIGINT NOT NULL, withdrawn_at BIGINT, purged_at BIGINT)
                """,
                "CREATE INDEX invitations_person ON invitations (v_number, product)",
                "CREATE INDEX invitations_until ON invitations (valid_until)",
                // Wrong dates of birth per subject (a V-number, or `document:` and a document id)
                // and day, so many addresses together cannot search one (InvitationCheck).
                """
                CREATE TABLE birth_date_misses (
                    subject TEXT NOT NULL, day TEXT NOT NULL, misses BIGINT NOT NULL, PRIMARY KEY (subject, day))
                """,
                // An Idempotency-Key belongs to the client that sent it first.
                "ALTER TABLE idempotency_keys ADD COLUMN client TEXT",
                // A third party's booking of an invited product, waiting for its person: who it
                // names (JSON, no date of birth) until the person confirms or the hold lapses.
                """
                CREATE TABLE awaiting_people (
                    hold_id TEXT PRIMARY KEY, invitation_id TEXT NOT NULL, customer TEXT NOT NULL,
                    created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX awaiting_people_created ON awaiting_people (created_at)",
                "CREATE INDEX awaiting_people_invitation ON awaiting_people (invitation_id)",
                // Refused checks at the desk are counted per document or appointment.
                "CREATE INDEX audit_log_target ON audit_log (target, action, at)",
            ]
        ),
        (
            20,
            [
                // The client that joined the waitlist: the matcher's offers count among its
                // active holds. Erased with the entry's other personal data.
                "ALTER TABLE waitlist ADD COLUMN client TEXT"
            ]
        ),
        (
            21,
            [
                // The request that wrote a message, so that its send names it in the log.
                "ALTER TABLE outbox ADD COLUMN request_id TEXT"
            ]
        ),
    ]

    static var latest: Int { all.last!.version }

    /// Applies what is missing. On PostgreSQL an advisory lock keeps two servers starting at
    /// once from migrating twice.
    static func run(on database: Database) async throws -> [Int] {
        // Up to date: nothing is written, so a server can start on a database that refuses
        // writes (and serve it read-only).
        let applied = try? await database.read { db in
            try await db.raw("SELECT version FROM schema_migrations").all().map {
                try $0.decode(column: "version", as: Int.self)
            }
        }
        if let applied, Set(applied).isSuperset(of: all.map(\.version)) { return [] }
        return try await database.transaction { db in
            if database.engine == .postgres {
                try await db.raw("SELECT pg_advisory_xact_lock(7324501)").run()
            }
            try await db.raw(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)"
            ).run()
            let applied = Set(
                try await db.raw("SELECT version FROM schema_migrations").all().map {
                    try $0.decode(column: "version", as: Int.self)
                })
            var done: [Int] = []
            for migration in all where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                let now = Int(Date().timeIntervalSince1970)
                try await db.raw(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (\(bind: migration.version), \(bind: now))"
                ).run()
                done.append(migration.version)
            }
            return done
        }
    }
}

extension Database {
    /// Brings the schema up to date; returns the versions applied now.
    @discardableResult
    public func migrate() async throws -> [Int] { try await Migrations.run(on: self) }

    /// Whether every migration of this release is applied (a newer release's may be too).
    public func isMigrated() async throws -> Bool {
        let latest = try await read { db in
            try await db.raw("SELECT MAX(version) AS latest FROM schema_migrations").first()?
                .decode(column: "latest", as: Int?.self)
        }
        return (latest ?? 0) >= Migrations.latest
    }
}

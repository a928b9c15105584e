import Crypto
import Foundation
import LoketDomain
import Logging
import SQLKit

/// Holds, appointments and the capacity they take, kept consistent in the database.
///
/// Capacity lives in `slot_units`: one row per slot unit that anyone ever took, with a `taken`
/// count. Taking a unit is one conditional update (`taken < capacity`) per unit, in ascending
/// order, inside the transaction that records the hold, so that neither engine can overbook
/// and PostgreSQL servers never deadlock on each other.
public struct BookingStore: Sendable {
    public let database: Database
    let logger: Logger
    /// Called after every commit that changed capacity at a desk (for cache invalidation).
    let capacityChanged: @Sendable (String) -> Void
    /// Whether and when to write customer messages to the outbox; nil writes none.
    let outbox: OutboxSettings?

    public init(database: Database, logger: Logger, outbox: OutboxSettings? = nil,
                capacityChanged: @escaping @Sendable (String) -> Void = { _ in }) {
        self.database = database
        self.logger = logger
        self.outbox = outbox
        self.capacityChanged = capacityChanged
    }

    // MARK: Reading capacity

    /// Units taken at `desk` on the days in `dates`.
    public func usage(desk: String, dates: ClosedRange<LocalDate>) async throws -> UnitUsage {
        let rows = try await database.session { db in
            try await db.raw("""
                SELECT pool, date, minute, taken FROM slot_units
                WHERE desk = \(bind: desk) AND date >= \(bind: dates.lowerBound.iso) AND date <= \(bind: dates.upperBound.iso) AND taken > 0
                """).all()
        }
        var usage: UnitUsage = [:]
        for row in rows {
            let date = LocalDate(iso: try row.decode(column: "date", as: String.self))!
            let key = UnitKey(pool: try row.decode(column: "pool", as: String.self), date: date,
                              minute: try row.decode(column: "minute", as: Int.self))
            usage[key] = try row.decode(column: "taken", as: Int.self)
        }
        return usage
    }

    // MARK: Holds

    /// Takes the units of `plan` for a new hold, or throws `conflict` when any is full.
    public func hold(_ plan: HoldPlan, now: Date, idempotency: IdempotencyKey? = nil) async throws -> Hold {
        let id = Self.newIdentifier()
        let hold = try await once(idempotency, now: now) { db in
            try await Self.take(plan.units, desk: plan.desk, capacity: plan.capacity, on: db)
            try await Self.insertHold(id: id, plan: plan, now: now, on: db)
            return Hold(id: id, desk: plan.desk, product: plan.product, persons: plan.persons, slot: plan.slot.description,
                        date: plan.slot.date, startTime: plan.slot.start, endTime: plan.end, expiresAt: plan.expiresAt, state: .active)
        }
        changed(plan.desk)
        return hold
    }

    public func hold(id: String) async throws -> Hold? {
        try await database.session { db in
            try await db.raw("SELECT * FROM holds WHERE id = \(bind: id)").first().map(Self.decodeHold)
        }
    }

    /// Gives back the capacity of every hold that expired by `now`; returns the desks affected.
    @discardableResult
    public func releaseExpiredHolds(now: Date) async throws -> Set<String> {
        let expired = try await database.session { db in
            try await db.raw("SELECT id FROM holds WHERE state = 'active' AND expires_at <= \(bind: now.millis)").all()
                .map { try $0.decode(column: "id", as: String.self) }
        }
        var desks = Set<String>()
        for id in expired {
            // One transaction per hold, claimed by a conditional update, so that two servers
            // sweeping at once release each hold exactly once.
            let desk: String? = try await database.transaction { db in
                guard let row = try await db.raw("""
                    UPDATE holds SET state = 'expired' WHERE id = \(bind: id) AND state = 'active' AND expires_at <= \(bind: now.millis)
                    RETURNING desk, pool, date, start_minute, end_minute, parts
                    """).first() else { return nil }
                try await Self.release(row: row, on: db)
                let desk = try row.decode(column: "desk", as: String.self)
                return desk
            }
            if let desk { desks.insert(desk); changed(desk) }
        }
        if !desks.isEmpty { logger.info("released expired holds", metadata: ["count": "\(expired.count)"]) }
        return desks
    }

    /// Forgets idempotency answers older than a day: clients retry within minutes, and the
    /// answers of confirmations carry manage tokens that should not linger.
    public func forgetIdempotencyKeys(before: Date) async throws {
        try await database.transaction { db in
            try await db.raw("DELETE FROM idempotency_keys WHERE created_at < \(bind: before.millis)").run()
        }
    }

    // MARK: Appointments

    /// Turns an active hold into an appointment for `customer`.
    public func confirm(hold holdID: String, customer: Customer, now: Date, idempotency: IdempotencyKey? = nil) async throws -> ConfirmedBooking {
        let id = Self.newIdentifier()
        let token = Self.newToken()
        let tokenHash = Self.hash(token)
        let outbox = self.outbox
        let booking = try await once(idempotency, now: now) { db in
            let placement = try await Self.consume(hold: holdID, now: now, on: db)
            let appointment = try await Self.insertAppointment(id: id, holdID: holdID, at: placement, customer: customer, tokenHash: tokenHash,
                                                               now: now, outbox: outbox, on: db)
            return ConfirmedBooking(appointment: appointment, manageToken: token)
        }
        logger.info("appointment confirmed", metadata: ["appointment": "\(booking.appointment.id)", "desk": "\(booking.appointment.desk)"])
        return booking
    }

    /// The appointment `id`, if `token` is its manage token.
    public func appointment(id: String, token: String?) async throws -> Appointment {
        try await database.session { db in
            try await Self.authorised(id: id, token: token, on: db)
        }
    }

    /// Cancels the appointment and gives its capacity back at once.
    public func cancel(id: String, token: String?, now: Date) async throws -> Appointment {
        try await cancelIfConfirmed(id: id, token: token, now: now).appointment
    }

    /// Cancels the appointment if it is still confirmed; `cancelled` says whether this call did
    /// (false when it was cancelled already), so callers need not read it first.
    public func cancelIfConfirmed(id: String, token: String?, now: Date) async throws -> (appointment: Appointment, cancelled: Bool) {
        let outbox = self.outbox
        let result = try await database.transaction { db -> (appointment: Appointment, cancelled: Bool) in
            let current = try await Self.authorised(id: id, token: token, on: db)
            guard current.state == .confirmed else { return (current, false) }
            guard let row = try await db.raw("""
                UPDATE appointments SET state = 'cancelled', cancelled_at = \(bind: now.millis), revision = revision + 1
                WHERE id = \(bind: id) AND state = 'confirmed'
                RETURNING *
                """).first() else { return (current, false) }
            try await Self.release(row: row, on: db)
            let cancelled = try Self.decodeAppointment(row)
            try await Self.enqueue(.cancellation, appointment: id, revision: try row.decode(column: "revision", as: Int.self), start: nil,
                                   now: now, settings: outbox, on: db)
            if let partner = try row.decode(column: "partner_id", as: String?.self) {
                try await Self.enqueueWebhook(partner: partner, event: "booking.cancelled", appointment: cancelled, now: now, on: db)
            }
            return (cancelled, true)
        }
        if result.cancelled {
            changed(result.appointment.desk)
            logger.info("appointment cancelled", metadata: ["appointment": "\(id)"])
        }
        return result
    }

    /// Moves the appointment to the slot of another active hold; its old capacity goes back.
    public func reschedule(id: String, token: String?, toHold holdID: String, now: Date,
                           idempotency: IdempotencyKey? = nil) async throws -> Appointment {
        let outbox = self.outbox
        let result = try await once(idempotency, now: now) { db in
            let current = try await Self.authorised(id: id, token: token, on: db)
            guard current.state == .confirmed else {
                throw BookingError(.conflict, field: "id", code: "cancelled", "A cancelled appointment cannot be moved.")
            }
            let placement = try await Self.consume(hold: holdID, now: now, on: db)
            guard placement.product == current.product, placement.persons == current.persons else {
                throw BookingError.invalid("hold", "mismatch", "The new hold must be for the same product and number of persons.")
            }
            let moved = try await Self.moveAppointment(id: id, toHold: holdID, at: placement, now: now, outbox: outbox, on: db)
            return RescheduleResult(appointment: moved, fromDesk: current.desk)
        }
        changed(result.fromDesk)
        changed(result.appointment.desk)
        logger.info("appointment rescheduled", metadata: ["appointment": "\(id)"])
        return result.appointment
    }

    struct RescheduleResult: Codable, Sendable {
        let appointment: Appointment
        let fromDesk: String
    }

    /// After a commit that changed capacity at `desk`: this server's caches, then the others'.
    func changed(_ desk: String) {
        capacityChanged(desk)
        database.announceCapacityChange(desk)
    }

    // MARK: Helpers inside a transaction

    /// Takes one unit of each of `units` (ascending), or throws `conflict` if any is full.
    /// One statement per unit: a unit nobody took yet is inserted with one taken; an existing one
    /// is counted up only while below the capacity (the conditional update row-locks it).
    static func take(_ units: [UnitKey], desk: String, capacity: Int, on db: any SQLDatabase) async throws {
        for unit in units {
            let taken = try await db.raw("""
                INSERT INTO slot_units (desk, pool, date, minute, taken)
                VALUES (\(bind: desk), \(bind: unit.pool), \(bind: unit.date.iso), \(bind: unit.minute), 1)
                ON CONFLICT (desk, pool, date, minute) DO UPDATE SET taken = slot_units.taken + 1
                WHERE slot_units.taken < \(bind: capacity)
                RETURNING taken
                """).first()
            guard taken != nil else {
                throw BookingError(.conflict, field: "slot", code: "slot_full", "This slot was just taken; choose another.")
            }
        }
    }

    /// Gives back the units described by a row with desk, pool, date, start_minute, end_minute and parts.
    static func release(row: any SQLRow, on db: any SQLDatabase) async throws {
        let desk = try row.decode(column: "desk", as: String.self)
        let pool = try row.decode(column: "pool", as: String.self)
        let date = try row.decode(column: "date", as: String.self)
        let start = try row.decode(column: "start_minute", as: Int.self)
        let parts = try row.decode(column: "parts", as: Int.self)
        // Units are consecutive, so the span divided by the parts is the slot length.
        let step = parts > 0 ? (try row.decode(column: "end_minute", as: Int.self) - start) / parts : 0
        for part in 0..<parts {
            try await db.raw("""
                UPDATE slot_units SET taken = taken - 1
                WHERE desk = \(bind: desk) AND pool = \(bind: pool) AND date = \(bind: date)
                  AND minute = \(bind: start + part * step) AND taken > 0
                """).run()
        }
    }

    /// Where an appointment sits: the units a hold took, now handed to the appointment.
    struct Placement {
        let desk: String, product: String, persons: Int, pool: String, date: String, start: Int, end: Int, parts: Int, assistance: Bool

        init(desk: String, product: String, persons: Int, pool: String, date: String, start: Int, end: Int, parts: Int, assistance: Bool) {
            self.desk = desk
            self.product = product
            self.persons = persons
            self.pool = pool
            self.date = date
            self.start = start
            self.end = end
            self.parts = parts
            self.assistance = assistance
        }

        /// The units of a plan taken directly, without a hold (partner bookings).
        init(_ plan: HoldPlan) {
            self.init(desk: plan.desk, product: plan.product, persons: plan.persons, pool: plan.slot.pool, date: plan.slot.date.iso,
                      start: plan.slot.start.minutes, end: plan.end.minutes, parts: plan.units.count,
                      assistance: plan.assistance)
        }
    }

    /// Records a hold for `plan`, whose units the caller has taken.
    static func insertHold(id: String, plan: HoldPlan, now: Date, on db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO holds (id, desk, product, persons, pool, date, start_minute, end_minute, parts, state, expires_at, created_at, assistance)
            VALUES (\(bind: id), \(bind: plan.desk), \(bind: plan.product), \(bind: plan.persons), \(bind: plan.slot.pool),
                    \(bind: plan.slot.date.iso), \(bind: plan.slot.start.minutes), \(bind: plan.end.minutes), \(bind: plan.units.count),
                    'active', \(bind: plan.expiresAt.millis), \(bind: now.millis), \(bind: plan.assistance ? 1 : 0))
            """).run()
    }

    /// Records a confirmed appointment at `placement` and writes its confirmation message.
    static func insertAppointment(id: String, holdID: String, at p: Placement, customer: Customer, tokenHash: String, now: Date,
                                  outbox: OutboxSettings?, partner: String? = nil, urgent: (reason: UrgentReserve.Reason, note: String?)? = nil,
                                  on db: any SQLDatabase) async throws -> Appointment {
        guard let row = try await db.raw("""
            INSERT INTO appointments (id, hold_id, desk, product, persons, pool, date, start_minute, end_minute, parts, state,
                token_hash, customer_name, customer_email, customer_phone, customer_v_number, customer_bsn, language, created_at,
                partner_id, urgent_reason, urgent_note, assistance, code)
            VALUES (\(bind: id), \(bind: holdID), \(bind: p.desk), \(bind: p.product), \(bind: p.persons), \(bind: p.pool),
                \(bind: p.date), \(bind: p.start), \(bind: p.end), \(bind: p.parts), 'confirmed', \(bind: tokenHash),
                \(bind: customer.name), \(bind: customer.email), \(bind: customer.phone), \(bind: customer.vNumber),
                \(bind: customer.bsn), \(bind: customer.language.rawValue), \(bind: now.millis),
                \(bind: partner), \(bind: urgent?.reason.rawValue), \(bind: urgent?.note), \(bind: p.assistance ? 1 : 0),
                \(bind: newAppointmentCode()))
            RETURNING *
            """).first() else {
            throw BookingError(.conflict, field: "hold", code: "not_stored", "The appointment could not be stored.")
        }
        let appointment = try decodeAppointment(row)
        try await enqueue(.confirmation, appointment: id, revision: 0, start: appointment.startInstant, now: now, settings: outbox, on: db)
        return appointment
    }

    /// Moves a confirmed appointment to `placement` (a consumed hold): its old units go back, its
    /// revision rises, and the customer (and a partner who booked it) hear of the move.
    static func moveAppointment(id: String, toHold holdID: String, at p: Placement, now: Date, outbox: OutboxSettings?,
                                on db: any SQLDatabase) async throws -> Appointment {
        guard let old = try await db.raw("""
            SELECT desk, pool, date, start_minute, end_minute, parts FROM appointments WHERE id = \(bind: id) AND state = 'confirmed'
            """).first() else { throw BookingError(.conflict, field: "id", code: "cancelled", "A cancelled appointment cannot be moved.") }
        try await release(row: old, on: db)
        let row = try await db.raw("""
            UPDATE appointments SET hold_id = \(bind: holdID), desk = \(bind: p.desk), pool = \(bind: p.pool), date = \(bind: p.date),
                start_minute = \(bind: p.start), end_minute = \(bind: p.end), parts = \(bind: p.parts), revision = revision + 1
            WHERE id = \(bind: id)
            RETURNING *
            """).first()!
        let moved = try decodeAppointment(row)
        try await enqueue(.reschedule, appointment: id, revision: try row.decode(column: "revision", as: Int.self),
                          start: moved.startInstant, now: now, settings: outbox, on: db)
        if let partner = try row.decode(column: "partner_id", as: String?.self) {
            try await enqueueWebhook(partner: partner, event: "booking.rescheduled", appointment: moved, now: now, on: db)
        }
        return moved
    }

    /// Marks an active, unexpired hold confirmed and returns where it sits; the capacity it took
    /// now belongs to whoever consumed it.
    static func consume(hold id: String, now: Date, on db: any SQLDatabase) async throws -> Placement {
        if let row = try await db.raw("""
            UPDATE holds SET state = 'confirmed'
            WHERE id = \(bind: id) AND state = 'active' AND expires_at > \(bind: now.millis)
            RETURNING desk, product, persons, pool, date, start_minute, end_minute, parts, assistance
            """).first() {
            return Placement(desk: try row.decode(column: "desk", as: String.self),
                                product: try row.decode(column: "product", as: String.self),
                                persons: try row.decode(column: "persons", as: Int.self),
                                pool: try row.decode(column: "pool", as: String.self),
                                date: try row.decode(column: "date", as: String.self),
                                start: try row.decode(column: "start_minute", as: Int.self),
                                end: try row.decode(column: "end_minute", as: Int.self),
                                parts: try row.decode(column: "parts", as: Int.self),
                                assistance: try row.decode(column: "assistance", as: Int.self) != 0)
        }
        guard let row = try await db.raw("SELECT state, expires_at FROM holds WHERE id = \(bind: id)").first() else {
            throw BookingError(.notFound, field: "hold", code: "unknown_hold", "There is no hold \(id).")
        }
        let state = try row.decode(column: "state", as: String.self)
        if state == "confirmed" {
            throw BookingError(.conflict, field: "hold", code: "hold_used", "This hold has already been used for an appointment.")
        }
        throw BookingError(.gone, field: "hold", code: "hold_expired", "This hold has expired; choose a slot again.")
    }

    static func authorised(id: String, token: String?, on db: any SQLDatabase) async throws -> Appointment {
        guard let token, !token.isEmpty else {
            throw BookingError(.unauthorized, field: "Authorization", code: "missing_token", "Send the manage token as Authorization: Bearer <token>.")
        }
        guard let row = try await db.raw("SELECT * FROM appointments WHERE id = \(bind: id)").first() else {
            throw BookingError(.notFound, field: "id", code: "unknown_appointment", "There is no such appointment.")
        }
        let stored = try row.decode(column: "token_hash", as: String.self)
        // Compare digests, not tokens, so the comparison time says nothing about the token. A link
        // from an email carries the signed link token instead (see ManageLinks).
        let fromEmail = token.hasPrefix("m") ? try await Self.hash(Self.manageLinkToken(id: id, on: db)) : nil
        guard Self.hash(token) == stored || Self.hash(token) == fromEmail else {
            throw BookingError(.unauthorized, field: "Authorization", code: "wrong_token", "This manage token does not open this appointment.")
        }
        return try decodeAppointment(row)
    }

    // MARK: Rows

    static func decodeHold(_ row: any SQLRow) throws -> Hold {
        let date = LocalDate(iso: try row.decode(column: "date", as: String.self))!
        let start = LocalTime(minutes: try row.decode(column: "start_minute", as: Int.self))
        return Hold(id: try row.decode(column: "id", as: String.self), desk: try row.decode(column: "desk", as: String.self),
                    product: try row.decode(column: "product", as: String.self), persons: try row.decode(column: "persons", as: Int.self),
                    slot: SlotKey(date: date, start: start, pool: try row.decode(column: "pool", as: String.self)).description,
                    date: date, startTime: start, endTime: LocalTime(minutes: try row.decode(column: "end_minute", as: Int.self)),
                    expiresAt: Date(millis: try row.decode(column: "expires_at", as: Int.self)),
                    state: Hold.State(rawValue: try row.decode(column: "state", as: String.self)) ?? .expired)
    }

    static func decodeAppointment(_ row: any SQLRow) throws -> Appointment {
        let date = LocalDate(iso: try row.decode(column: "date", as: String.self))!
        let start = LocalTime(minutes: try row.decode(column: "start_minute", as: Int.self))
        return Appointment(
            id: try row.decode(column: "id", as: String.self), desk: try row.decode(column: "desk", as: String.self),
            product: try row.decode(column: "product", as: String.self), persons: try row.decode(column: "persons", as: Int.self),
            slot: SlotKey(date: date, start: start, pool: try row.decode(column: "pool", as: String.self)).description,
            date: date, startTime: start, endTime: LocalTime(minutes: try row.decode(column: "end_minute", as: Int.self)),
            state: Appointment.State(rawValue: try row.decode(column: "state", as: String.self)) ?? .cancelled,
            language: Customer.Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .en,
            createdAt: Date(millis: try row.decode(column: "created_at", as: Int.self)),
            code: try row.decode(column: "code", as: String?.self),
            assistance: try row.decode(column: "assistance", as: Int.self) != 0,
            revision: try row.decode(column: "revision", as: Int.self))
    }

    // MARK: Identifiers

    /// 128 random bits, URL-safe: identifiers that cannot be guessed or enumerated.
    static func newIdentifier() -> String { randomBase64URL(bytes: 16) }

    /// The short code shown at the desk. Codes only need to differ within one desk's day; the
    /// unique index refuses a clash there (odds about one in a million per desk-day) rather
    /// than let two customers share a code.
    static func newAppointmentCode() -> String {
        var generator = SystemRandomNumberGenerator()
        return AppointmentCode.make(using: &generator)
    }

    /// 256 random bits: the manage token, shown once and stored only as its SHA-256 digest.
    static func newToken() -> String { randomBase64URL(bytes: 32) }

    static func randomBase64URL(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ token: String) -> String { SHA256.hash(data: Data(token.utf8)).hexString }
}

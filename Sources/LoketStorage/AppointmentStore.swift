import Foundation
import Logging
import LoketDomain
import SQLKit

/// Reading holds and appointments, and sweeping expired holds. Holding, confirming, cancelling
/// and moving are the booking area's use cases (`Booking` in LoketApp), written on the tables
/// (`Holds`, `Appointments`, `FreedSlots`) in one transaction each.
public struct AppointmentStore: Sendable {
    let database: Database
    let logger: Logger
    let capacityChanges: CapacityChanges
    /// The keys that sign and open the manage links in customer email.
    let links: ManageLinkKeys

    public init(
        database: Database, logger: Logger, capacityChanges: CapacityChanges,
        links: ManageLinkKeys = try! ManageLinkKeys([ManageLinkKeys.randomSecret()])
    ) {
        self.database = database
        self.logger = logger
        self.capacityChanges = capacityChanges
        self.links = links
    }

    // MARK: Holds

    public func hold(id: String) async throws -> Hold? {
        try await database.read { db in
            try await db.raw("SELECT * FROM holds WHERE id = \(bind: id)").first()
                .map { try HoldRow(decoding: $0).hold }
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
                guard let (row, stored) = try await Holds.read(id: id, on: db) else { return nil }
                var hold = stored.hold
                // The lifecycle decides; a hold confirmed or swept by another server meanwhile is
                // left alone, and the write is conditional on the state it was read in.
                guard (try? hold.expire(now: now)) != nil,
                    try await Holds.write(hold, readIn: stored.hold.state, on: db)
                else { return nil }
                // A client's lapsed hold goes to the waitlist first, so letting holds lapse and
                // re-taking them gains nothing; parked and offer holds just give their units back.
                guard stored.tokenHash != nil else { return try await CapacityStore.release(row: row, on: db) }
                return try await FreedSlots.free(row: row, now: now, on: db) ?? stored.desk
            }
            if let desk {
                desks.insert(desk)
                capacityChanges.announce(desk)
            }
        }
        if !desks.isEmpty { logger.info("released expired holds", metadata: ["count": "\(expired.count)"]) }
        return desks
    }

    // MARK: Appointments

    /// The appointment `id`, if `token` opens it on `today`.
    public func appointment(id: String, token: String?, today: LocalDate) async throws -> Appointment {
        let links = self.links
        return try await database.session { db in
            try await Appointments.authorised(id: id, token: token, today: today, links: links, on: db).appointment
        }
    }

    /// The appointment `id` without its token, for a caller that holds another key to it: the
    /// waitlist entry that improves on it, the draw entry or the document that booked it.
    public func appointmentAuthorisedElsewhere(id: String) async throws -> Appointment? {
        try await database.session { db in
            try await db.raw("SELECT * FROM appointments WHERE id = \(bind: id)").first().map {
                try AppointmentRow(decoding: $0).appointment
            }
        }
    }
}

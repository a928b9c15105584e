import Foundation
import LoketDomain
import SQLKit

/// Reading holds and appointments. Holding, confirming, cancelling, moving and sweeping expired
/// holds are the booking area's use cases (`Booking` in LoketApp), written on the tables
/// (`Holds`, `Appointments`, `FreedSlots`) in one transaction each.
public struct AppointmentStore: Sendable {
    let database: Database
    /// The keys that sign and open the manage links in customer email.
    let links: ManageLinkKeys

    public init(database: Database, links: ManageLinkKeys = try! ManageLinkKeys([ManageLinkKeys.randomSecret()])) {
        self.database = database
        self.links = links
    }

    // MARK: Holds

    public func hold(id: String) async throws -> Hold? {
        try await database.read { db in
            try await db.raw("SELECT * FROM holds WHERE id = \(bind: id)").first()
                .map { try HoldRow(decoding: $0).hold }
        }
    }

    /// The holds still active that expired by `now`, for the sweep.
    public func expiredHolds(now: Date) async throws -> [String] {
        try await database.session { db in
            try await db.raw("SELECT id FROM holds WHERE state = 'active' AND expires_at <= \(bind: now.millis)").all()
                .map { try $0.decode(column: "id", as: String.self) }
        }
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

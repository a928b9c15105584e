import Foundation
import LoketDomain
import SQLKit

/// The biometrics record: what was captured of whom, where and recorded by whom. A person is
/// their V-number with the date of birth first recorded for it; the captures are read only
/// with that pair, so a V-number alone reveals nothing.
public struct BiometricRecordStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Where captures were taken or who reported them.
    public enum Origin: Sendable {
        /// At `desk`, by the clerk `staff`, at `appointment`.
        case desk(String, staff: String, appointment: String)
        /// Taken elsewhere and reported by a case system.
        case caseSystem(ServiceClient)

        /// The appointment the captures were taken at, if at a desk.
        public var appointment: String? {
            if case .desk(_, _, let appointment) = self { appointment } else { nil }
        }
    }

    /// Records `person`'s captures, in the use case's transaction. False, having written no
    /// capture, when the V-number was recorded before with another date of birth.
    public static func record(
        _ person: PersonCaptures, origin: Origin, now: Date, in tx: Transaction
    ) async throws
        -> Bool
    {
        let (kind, place, recordedBy, appointment): (String, String, String, String?) =
            switch origin {
            case .desk(let desk, let staff, let appointment): ("desk", desk, staff, appointment)
            case .caseSystem(let client): ("case-system", client.name, client.id, nil)
            }
        let db = tx.db
        try await db.raw(
            """
            INSERT INTO biometric_people (v_number, date_of_birth, created_at)
            VALUES (\(bind: person.vNumber), \(bind: person.dateOfBirth.iso), \(bind: now.millis))
            ON CONFLICT (v_number) DO NOTHING
            """
        ).run()
        let recorded = try await db.raw(
            "SELECT date_of_birth FROM biometric_people WHERE v_number = \(bind: person.vNumber)"
        ).first()?.decode(column: "date_of_birth", as: String.self)
        guard recorded == person.dateOfBirth.iso else { return false }
        for capture in person.captures {
            try await db.raw(
                """
                INSERT INTO biometric_captures
                    (id, v_number, kind, date, quality, origin, place, recorded_by, appointment_id, recorded_at)
                VALUES (\(bind: Identifiers.make()), \(bind: person.vNumber), \(bind: capture.kind.rawValue),
                    \(bind: capture.date.iso), \(bind: capture.quality.rawValue), \(bind: kind), \(bind: place),
                    \(bind: recordedBy), \(bind: appointment), \(bind: now.millis))
                """
            ).run()
        }
        return true
    }

    /// The captures recorded for `vNumber`, if `dateOfBirth` is the one recorded with it;
    /// otherwise none, exactly as for a V-number never recorded.
    public func captures(vNumber: String, dateOfBirth: LocalDate) async throws -> [BiometricCapture] {
        try await database.session { db in
            try await db.raw(
                """
                SELECT c.kind, c.date, c.quality FROM biometric_captures c
                JOIN biometric_people p ON p.v_number = c.v_number
                WHERE c.v_number = \(bind: vNumber) AND p.date_of_birth = \(bind: dateOfBirth.iso)
                ORDER BY c.date, c.kind
                """
            ).all().compactMap { row in
                let stored = try row.decode(model: CaptureRow.self)
                guard let kind = BiometricKind(rawValue: stored.kind), let date = LocalDate(iso: stored.date),
                    let quality = BiometricCapture.Quality(rawValue: stored.quality)
                else { return nil }
                return BiometricCapture(kind: kind, date: date, quality: quality)
            }
        }
    }

    /// A confirmed appointment at `desk` with the people it is for; nil when there is none.
    public func captureAppointment(id: String, desk: String) async throws -> CaptureAppointment? {
        try await database.session { db in
            guard
                let row = try await db.raw(
                    "SELECT * FROM appointments WHERE id = \(bind: id) AND desk = \(bind: desk) AND state = 'confirmed'"
                ).first()
            else { return nil }
            let stored = try AppointmentRow(decoding: row)
            let people = try row.decode(model: PeopleRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            return CaptureAppointment(
                appointment: stored.appointment, customerName: stored.customerName, vNumber: people.customerVNumber,
                companions: people.companions.flatMap {
                    try? JSONDecoder().decode([Companion].self, from: Data($0.utf8))
                }
                    ?? [])
        }
    }

    /// A `biometric_captures` row as the assessment reads it.
    struct CaptureRow: Decodable {
        let kind: String, date: String, quality: String
    }

    /// The columns of an `appointments` row that name its people.
    struct PeopleRow: Decodable {
        let customerVNumber: String?, companions: String?
    }
}

import Foundation
import LoketDomain
import LoketStorage

/// The biometrics record: captures taken at a desk or reported by a case system, and the reuse
/// assessment decided from it. V-numbers and dates of birth are never logged.
extension Biometrics {
    /// The product whose appointments are desk visits for biometrics.
    public static let biometricsProduct = "BIO"

    /// A case system records captures taken elsewhere; returns them as recorded.
    public func recordCaptures(_ person: PersonCaptures, by client: ServiceClient) async throws -> [BiometricCapture] {
        try await record([(person, "")], origin: .caseSystem(client))
        return person.captures
    }

    /// Today's BIO appointment `id` at `desk`, with the people the clerk records captures for.
    public func captureAppointment(id: String, desk: String) async throws -> CaptureAppointment {
        guard let found = try await biometricRecordStore.captureAppointment(id: id, desk: desk),
            found.appointment.product == Self.biometricsProduct
        else {
            throw Refusal(
                .notFound, field: "appointment", code: "not_found", "There is no such BIO appointment here.")
        }
        guard found.appointment.date == today else {
            throw Refusal(
                .conflict, field: "appointment", code: "not_today", "Captures are recorded on the appointment's day.")
        }
        return found
    }

    /// `staff` records what was captured today at BIO appointment `id` at `desk`, per person
    /// (each with its field prefix for errors), all or nothing, in the audit log without
    /// personal data.
    /// With `override`, a desk manager (`staffRole`) records captures for a V-number the booking
    /// did not name (the booking was wrong, the ID checked), audited as an override.
    public func recordDeskCaptures(
        appointment id: String, desk: String, people: [(person: PersonCaptures, prefix: String)], staff: String,
        staffRole: StaffRole = .clerk, override: Bool = false
    ) async throws {
        let booked = try await captureAppointment(id: id, desk: desk)
        guard !people.isEmpty else {
            throw Refusal.invalid("captures", "required", "Record at least one capture.")
        }
        var seen: Set<String> = []
        for (person, prefix) in people {
            guard seen.insert(person.vNumber).inserted else {
                throw Refusal.invalid(prefix + "vNumber", "duplicate", "This V-number is given twice.")
            }
        }
        // The desk checks who comes: each V-number is one the booking named (a person the booking
        // counted but did not name may be anyone the clerk checked), so a bought appointment code
        // records nothing for someone else.
        if override {
            try requireDeskManager(staffRole)
        } else {
            try await refuseAfterFailedChecks(.biometricsCaptureRefused, target: id, field: "appointment")
        }
        let named = Set(booked.people.compactMap(\.vNumber))
        var unnamed = booked.people.filter { $0.vNumber == nil }.count
        // Audited with the captures, in their transaction: a record refused after them (a date of
        // birth that does not match) leaves no override in the log.
        var overrides: [AuditNote] = []
        for (person, prefix) in people where !named.contains(person.vNumber) {
            guard unnamed == 0 else {
                unnamed -= 1
                continue
            }
            if override {
                overrides.append((.biometricsCaptureOverride, by: staff, desk: desk, detail: prefix + "vNumber"))
                continue
            }
            // Audited although nothing is recorded: the refusals are what the log is for here.
            try await audit(.biometricsCaptureRefused, by: staff, target: id, desk: desk, detail: prefix + "vNumber")
            throw Refusal.invalid(
                prefix + "vNumber", "not_on_booking", "This V-number is not one of this appointment's people.")
        }
        let count = people.map(\.person.captures.count).reduce(0, +)
        try await record(
            people, origin: .desk(desk, staff: staff, appointment: id),
            audit: overrides + [
                (.biometricsCapture, by: staff, desk: desk, detail: "\(people.count) persons, \(count) captures")
            ])
    }

    /// An audit entry to write with a record: what was done, by whom, at which desk, and a detail
    /// without personal data.
    private typealias AuditNote = (action: AuditAction, by: String, desk: String, detail: String)

    /// Records every person's captures or none, with the entries of `audit` (at the same
    /// instant) in the same transaction. A V-number recorded before with another date of birth
    /// is refused (409) naming `<prefix>dateOfBirth`.
    private func record(
        _ people: [(person: PersonCaptures, prefix: String)], origin: BiometricRecordStore.Origin,
        audit: [AuditNote] = []
    ) async throws {
        let now = now()
        let entries = audit.map {
            AuditEntry(
                at: now, staff: $0.by, action: $0.action, target: origin.appointment, desk: $0.desk, detail: $0.detail)
        }
        try await database.write { tx in
            for (person, prefix) in people {
                guard try await BiometricRecordStore.record(person, origin: origin, now: now, in: tx) else {
                    throw Refusal.dateOfBirthMismatch(prefix: prefix)
                }
            }
            for entry in entries { try await AuditLog.append(entry, in: tx) }
        }
    }

    /// Whether an application needs a desk visit, decided from the recorded captures of
    /// `vNumber`. A date of birth that does not match the record gets the answer for someone
    /// with nothing recorded, so the answer reveals nothing about a stranger's V-number; the
    /// `recordLookups` limit per `client` keeps anyone from trying every date of birth.
    public func assessBiometrics(
        vNumber: String, dateOfBirth birth: LocalDate, applicationDate: LocalDate?, client: String?
    ) async throws -> BiometricsAssessment {
        try context.admit(.recordLookups, client: client)
        guard Customer.isValidVNumber(vNumber) else {
            throw Refusal.invalid("vNumber", "invalid", "A V-number has exactly 10 digits.")
        }
        let application = applicationDate ?? today
        // Checked before the record is read, with the same errors as typed-in dates.
        _ = try assessBiometrics(dateOfBirth: birth, applicationDate: application, captures: [])
        let recorded = try await biometricRecordStore.captures(vNumber: vNumber, dateOfBirth: birth)
        return BiometricsAssessment(
            policy: biometricsPolicy, dateOfBirth: birth, applicationDate: application, captures: recorded)
    }
}

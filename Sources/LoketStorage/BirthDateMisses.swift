import Foundation
import LoketDomain
import SQLKit

/// Wrong dates of birth counted per subject and day (table `birth_date_misses`): a V-number on
/// a booking (`InvitationCheck`), or `document:` and a document's id for its delivery address.
/// Kept in the database, so that every server and every address counts together.
public struct BirthDateMisses: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Counts a wrong date of birth for each of `subjects` on `today`.
    public func count(_ subjects: [String], today: LocalDate) async throws {
        guard !subjects.isEmpty else { return }
        try await database.transaction { db in
            for subject in Set(subjects).sorted() {
                try await db.raw(
                    """
                    INSERT INTO birth_date_misses (subject, day, misses) VALUES (\(bind: subject), \(bind: today.iso), 1)
                    ON CONFLICT (subject, day) DO UPDATE SET misses = birth_date_misses.misses + 1
                    """
                ).run()
            }
        }
    }

    /// The wrong dates of birth counted on `today`, for those of `subjects` that have any.
    public func misses(_ subjects: [String], today: LocalDate) async throws -> [String: Int] {
        guard !subjects.isEmpty else { return [:] }
        let rows = try await database.read { db in
            try await db.raw(
                """
                SELECT subject, misses FROM birth_date_misses
                WHERE subject IN (\(SQLList(subjects.map { SQLBind($0) }))) AND day = \(bind: today.iso)
                """
            ).all()
        }
        var counted: [String: Int] = [:]
        for row in rows {
            counted[try row.decode(column: "subject", as: String.self)] = try row.decode(column: "misses", as: Int.self)
        }
        return counted
    }
}

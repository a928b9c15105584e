import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import SQLKit
import Testing

/// The biometrics record (`BiometricRecordStore`), on a real SQLite file and a real PostgreSQL
/// server: captures are written in the use case's transaction and read back only with the date
/// of birth first recorded for the V-number; a V-number recorded with another date of birth
/// writes nothing. The use cases on top are tested through the API and the pages.
@Suite(.timeLimit(.minutes(3))) struct BiometricRecordStoreTests {
    static let caseSystem = BiometricRecordStore.Origin.caseSystem(
        ServiceClient(id: "cs-1", kind: .caseSystem, name: "IND"))

    static func person(_ vNumber: String, born: String, _ captures: [(BiometricKind, String)]) -> PersonCaptures {
        PersonCaptures(
            vNumber: vNumber, dateOfBirth: LocalDate(iso: born)!,
            captures: captures.map { BiometricCapture(kind: $0.0, date: LocalDate(iso: $0.1)!, quality: .sufficient) })
    }

    func count(_ table: String, _ store: Stores) async throws -> Int {
        try await store.database.session { db in
            try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()!.decode(column: "n", as: Int.self)
        }
    }

    /// Captures come back in date order, and only with the date of birth recorded with them:
    /// another date of birth finds what a V-number never recorded finds, nothing.
    @Test(arguments: TestDatabase.engines)
    func capturesAreReadOnlyWithTheRecordedDateOfBirth(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let record = BiometricRecordStore(database: store.database)
            let now = ManualClock(date: "2022-06-01").now
            let ana = Self.person(
                "1234567890", born: "1990-04-01", [(.fingerprints, "2022-05-30"), (.face, "2021-03-02")])
            let written = try await store.database.write { tx in
                try await BiometricRecordStore.record(ana, origin: Self.caseSystem, now: now, in: tx)
            }
            #expect(written)
            let found = try await record.captures(vNumber: "1234567890", dateOfBirth: LocalDate(iso: "1990-04-01")!)
            #expect(found.map(\.kind) == [.face, .fingerprints])
            #expect(found.map(\.date.iso) == ["2021-03-02", "2022-05-30"])
            #expect(try await record.captures(vNumber: "1234567890", dateOfBirth: LocalDate(iso: "1990-04-02")!) == [])
            #expect(try await record.captures(vNumber: "9999999999", dateOfBirth: LocalDate(iso: "1990-04-01")!) == [])
        }
    }

    /// A V-number recorded before with another date of birth is reported and gets no capture;
    /// the use case's refusal then rolls back what its transaction wrote for the others.
    @Test(arguments: TestDatabase.engines)
    func anotherDateOfBirthWritesNothing(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let now = ManualClock(date: "2022-06-01").now
            let first = Self.person("1234567890", born: "1990-04-01", [(.face, "2022-05-30")])
            _ = try await store.database.write { tx in
                try await BiometricRecordStore.record(first, origin: Self.caseSystem, now: now, in: tx)
            }
            let other = Self.person("2222222222", born: "1985-01-01", [(.face, "2022-05-31")])
            let wrong = Self.person("1234567890", born: "1990-04-02", [(.signature, "2022-05-31")])
            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                try await store.database.write { tx in
                    #expect(try await BiometricRecordStore.record(other, origin: Self.caseSystem, now: now, in: tx))
                    let recorded = try await BiometricRecordStore.record(
                        wrong, origin: Self.caseSystem, now: now, in: tx)
                    #expect(!recorded)
                    if !recorded { throw Refused() }
                }
            }
            #expect(try await count("biometric_captures", store) == 1)
            #expect(try await count("biometric_people", store) == 1)
        }
    }
}

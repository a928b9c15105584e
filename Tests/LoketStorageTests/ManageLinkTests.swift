import Foundation
import LoketDomain
import LoketTestSupport
import Testing

@testable import LoketStorage

/// Manage links in email: signed with the first key, accepted under any, until the end of the
/// appointment's day; the keys come from a file outside the database.
@Suite(.timeLimit(.minutes(3))) struct ManageLinkTests {
    static let old = String(repeating: "o", count: 40)
    static let new = String(repeating: "n", count: 40)

    func book(_ database: Database, links: ManageLinkKeys) async throws -> (AppointmentStore, Appointment) {
        let store = AppointmentStore(
            database: database, links: links)
        let now = ManualClock(date: "2022-06-01").now
        let plan = try BookingRules(network: TestNetwork.network).planHold(
            desk: "TS", product: "BIO", persons: 1, slot: "20220602-0900-bio", now: now)
        let stores = Stores(database)
        let hold = try await stores.hold(plan, now: now)
        return (
            store,
            try await stores.confirm(
                hold: hold.hold.id, holdToken: hold.token, customer: TestPeople.customer, now: now
            ).appointment
        )
    }

    @Test(arguments: TestDatabase.engines)
    func aLinkOpensItsAppointmentUntilTheEndOfItsDay(engine: TestDatabase.Engine) async throws {
        let (database, _, drop) = try await TestDatabase.make(engine)
        do {
            try await linksLapseAndRotate(database)
        } catch {
            await drop()
            throw error
        }
        await drop()
    }

    func linksLapseAndRotate(_ database: Database) async throws {
        let (store, appointment) = try await book(database, links: try ManageLinkKeys([Self.old]))
        let token = store.manageLinkToken(appointment: appointment.id)
        for day in ["2022-06-01", "2022-06-02"] {
            #expect(
                try await store.appointment(id: appointment.id, token: token, today: LocalDate(iso: day)!).id
                    == appointment.id)
        }
        let lapsed = await #expect(throws: Refusal.self) {
            try await store.appointment(id: appointment.id, token: token, today: LocalDate(iso: "2022-06-03")!)
        }
        #expect(lapsed?.code == "link_expired" && lapsed?.kind == .gone)
        // Rotation: a new key signs, the old one still opens; a key not listed opens nothing.
        let rotated = AppointmentStore(
            database: database, links: try ManageLinkKeys([Self.new, Self.old]))
        let today = LocalDate(iso: "2022-06-01")!
        #expect(try await rotated.appointment(id: appointment.id, token: token, today: today).id == appointment.id)
        #expect(rotated.manageLinkToken(appointment: appointment.id) != token)
        let other = AppointmentStore(
            database: database, links: try ManageLinkKeys([Self.new]))
        await #expect(throws: Refusal.self) {
            try await other.appointment(id: appointment.id, token: token, today: today)
        }
    }

    @Test func aKeyFileIsMadeOnceAndReadAfterwards() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loket-keys-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = ManageLinkKeyFile.defaultLocation(database: folder.appendingPathComponent("loket.sqlite").path)
        #expect(url.lastPathComponent == "loket.sqlite.manage-link-key")
        let made = try ManageLinkKeyFile.readOrCreate(url)
        let again = try ManageLinkKeyFile.readOrCreate(url)
        #expect(made.created && !again.created)
        #expect(made.keys.token(appointment: "a") == again.keys.token(appointment: "a"))
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    static let keyTexts: [(text: String, keys: [String])] = [
        ("\(new)\n\(old)\n", [new, old]),
        ("# a comment\n\n\(new) # the new one\n", [new]),
        ("\(new),\(old)", [new, old]),
        (" \(new) , \(old) ", [new, old]),
    ]

    @Test(arguments: keyTexts) func keysAreReadOnePerLineOrCommaSeparated(_ example: (text: String, keys: [String])) {
        #expect(ManageLinkKeys.secrets(in: example.text) == example.keys)
    }

    @Test func shortOrMissingKeysAreRefused() {
        #expect(throws: Refusal.self) { try ManageLinkKeys([]) }
        #expect(throws: Refusal.self) { try ManageLinkKeys(["short"]) }
    }
}

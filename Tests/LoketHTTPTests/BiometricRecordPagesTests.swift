import Foundation
import HTTPTypes
import Hummingbird
import LoketApp
import LoketDomain
import LoketTestSupport
import Testing

/// The biometrics record on the pages: the clerk records what was captured at a BIO appointment
/// for each person, and the customer's question by V-number decides from that record.
@Suite(.timeLimit(.minutes(3))) struct BiometricRecordPagesTests: PageTests {
    static let ana = "1234567890"
    static let rui = "1234567891"

    /// Ana and Rui's BIO appointment today (Wednesday 1 June 2022) at 11:00 at TS.
    func bookToday(_ api: APIClient) async throws -> String {
        let hold = try await api.post(
            "/api/v1/holds", #"{"desk":"TS","product":"BIO","persons":2,"slot":"20220601-1100-bio"}"#)
        #expect(hold.status == 201, "\(hold.body)")
        let booked = try await api.post(
            "/api/v1/appointments",
            #"{"hold":"\#(hold.json["id"] as! String)","holdToken":"\#(hold.json["token"] as! String)","customer":{"name":"Ana Silva","email":"ana@example.nl","vNumber":"\#(Self.ana)","language":"en","companions":[{"name":"Rui Silva","vNumber":"\#(Self.rui)"}]}}"#
        )
        #expect(booked.status == 201, "\(booked.body)")
        return booked.json["id"] as! String
    }

    func recorded(_ server: TestServer) async throws -> Int {
        try await server.database.session { db in
            try await db.raw("SELECT COUNT(*) AS n FROM biometric_captures").first()!.decode(column: "n", as: Int.self)
        }
    }

    /// A desk manager who checked the ID records captures for a V-number the booking did not
    /// name (the booking was wrong), and the override is audited.
    @Test func aDeskManagerMayOverrideTheCheckAudited() async throws {
        try await TestServer.run(options: Self.quickHashes) { server, api in
            _ = try await server.loket.staff.createStaff(
                username: "chef", password: Self.password, role: .deskManager, desk: "TS", by: nil)
            let id = try await bookToday(api)
            let manager = try await signIn(api, "chef")
            let path = "/staff/desks/TS/appointments/\(id)/biometrics"
            #expect(try await get(api, path, cookies: [manager]).body.contains("name=\"override\""))
            let fields = [
                "person1.vNumber": Self.ana, "person1.dateOfBirth": "1990-05-05", "person1.face": "sufficient",
                "person2.vNumber": "5555555555", "person2.dateOfBirth": "1992-02-02", "person2.face": "sufficient",
            ]
            #expect(try await post(api, path, fields, cookies: [manager]).status == 422)
            var overridden = fields
            overridden["override"] = "1"
            #expect(try await post(api, path, overridden, cookies: [manager]).status == 303)
            #expect(try await recorded(server) == 2)
            let audit = try await server.loket.staff.auditEntries(since: .distantPast)
            let entry = try #require(audit.first { $0.entry.action == .biometricsCaptureOverride })
            #expect(entry.entry.target == id && entry.entry.detail == "person2.vNumber" && entry.username == "chef")
            // An override whose record is refused (a date of birth that does not match what was
            // recorded) records nothing, and leaves no override in the log.
            var mismatched = overridden
            mismatched["person2.dateOfBirth"] = "1999-09-09"
            let refused = try await post(api, path, mismatched, cookies: [manager])
            #expect(refused.status == 422 && refused.body.contains("href=\"#person2.dateOfBirth\""))
            #expect(try await recorded(server) == 2)
            let overrides = try await server.loket.staff.auditEntries(since: .distantPast).filter {
                $0.entry.action == .biometricsCaptureOverride
            }
            #expect(overrides.count == 1)
        }
    }

    @Test func theClerkRecordsCapturesAndTheCustomerQuestionDecidesFromThem() async throws {
        try await TestServer.run(options: Self.quickHashes) { server, api in
            _ = try await server.loket.staff.createStaff(
                username: "balie", password: Self.password, role: .clerk, desk: "TS", by: nil)
            _ = try await server.loket.staff.createStaff(
                username: "elders", password: Self.password, role: .clerk, desk: "OLD", by: nil)
            let id = try await bookToday(api)
            let signedIn = try await post(api, "/staff/sign-in", ["username": "balie", "password": Self.password])
            let clerk = try #require(signedIn.cookie("loket_staff"))

            // The day links the BIO appointment to its capture page, which names both people.
            let path = "/staff/desks/TS/appointments/\(id)/biometrics"
            #expect(try await get(api, "/staff/desks/TS", cookies: [clerk]).body.contains("href=\"\(path)\""))
            let page = try await get(api, path, cookies: [clerk])
            #expect(page.status == 200)
            #expect(page.body.contains("Person 1: Ana Silva") && page.body.contains("Person 2: Rui Silva"))
            #expect(page.body.contains("value=\"\(Self.ana)\"") && page.body.contains("value=\"\(Self.rui)\""))

            // Anonymous, without the form token, or a clerk of another desk: nothing recorded.
            let fields = [
                "person1.vNumber": Self.ana, "person1.dateOfBirth": "1990-05-05", "person1.face": "sufficient",
                "person1.fingerprints": "insufficient", "person1.signature": "sufficient",
                "person2.vNumber": Self.rui, "person2.dateOfBirth": "1992-02-02", "person2.face": "sufficient",
                "person2.fingerprints": "sufficient", "person2.signature": "sufficient",
            ]
            #expect(try await post(api, path, fields).headers[.location] == "/staff/sign-in")
            #expect(try await post(api, path, fields, cookies: [clerk], csrf: nil).status == 403)
            let other = try #require(
                try await post(api, "/staff/sign-in", ["username": "elders", "password": Self.password]).cookie(
                    "loket_staff"))
            #expect(try await post(api, path, fields, cookies: [other]).status == 403)

            // A V-number that is not one of the booking's people is refused at its field (a bought
            // appointment code records nothing for someone else), audited without the value.
            var someoneElse = fields
            someoneElse["person2.vNumber"] = "5555555555"
            let notBooked = try await post(api, path, someoneElse, cookies: [clerk])
            #expect(notBooked.status == 422)
            #expect(notBooked.body.contains("id=\"person2.vNumber-error\""))
            #expect(notBooked.body.contains("not one of this appointment"))
            #expect(try await recorded(server) == 0)
            let refusal = try #require(
                try await server.loket.staff.auditEntries(since: .distantPast).first {
                    $0.entry.action == .biometricsCaptureRefused
                })
            #expect(refusal.entry.target == id && refusal.entry.detail == "person2.vNumber")
            // A clerk cannot override the check; the page offers it to desk managers only.
            var overridden = someoneElse
            overridden["override"] = "1"
            #expect(try await post(api, path, overridden, cookies: [clerk]).status == 403)
            #expect(!(try await get(api, path, cookies: [clerk]).body.contains("name=\"override\"")))

            // A missing date of birth is named at its field, and nothing is recorded.
            var missing = fields
            missing["person2.dateOfBirth"] = ""
            let refused = try await post(api, path, missing, cookies: [clerk])
            #expect(refused.status == 422)
            #expect(refused.body.contains("id=\"person2.dateOfBirth-error\""))
            #expect(refused.body.contains("Enter the date of birth."))
            #expect(try await recorded(server) == 0)

            // A bad place in the day is refused, naming it, and records nothing.
            var lost = fields
            lost["from"] = "noon"
            let refusedPlace = try await post(api, path, lost, cookies: [clerk])
            #expect(refusedPlace.status == 422 && refusedPlace.body.contains("Give a time like 09:00"))
            #expect(try await get(api, path + "?from=25:00", cookies: [clerk]).status == 422)
            #expect(try await recorded(server) == 0)

            // Opened from the morning at counter 3, the page and its form keep that place, and
            // saving goes back to it.
            let morning = try await get(api, "/staff/desks/TS?counter=3&from=09:00", cookies: [clerk])
            #expect(morning.body.contains("href=\"\(path)?counter=3&amp;from=09:00\""))
            let placed = try await get(api, path + "?counter=3&from=09:00", cookies: [clerk])
            #expect(placed.body.contains("href=\"/staff/desks/TS?counter=3&amp;from=09:00\""))
            #expect(placed.body.contains("name=\"counter\" value=\"3\""))
            #expect(placed.body.contains("name=\"from\" value=\"09:00\""))
            var atPlace = fields
            atPlace["counter"] = "3"
            atPlace["from"] = "09:00"
            let saved = try await post(api, path, atPlace, cookies: [clerk])
            #expect(saved.status == 303)
            #expect(saved.headers[.location] == "/staff/desks/TS?notice=captured&counter=3&from=09:00")
            #expect(try await recorded(server) == 6)
            let audit = try await server.loket.staff.auditEntries(since: .distantPast)
            let entry = try #require(audit.first { $0.entry.action == .biometricsCapture })
            #expect(entry.entry.target == id && entry.entry.desk == "TS" && entry.username == "balie")
            #expect(!(entry.entry.detail ?? "").contains(Self.ana))

            // Rui needs nothing new; Ana's fingerprints were not good enough.
            func question(_ vNumber: String, _ born: String) async throws -> Page {
                try await post(
                    api, "/book/BIO/biometrics",
                    ["basis": "record", "vNumber": vNumber, "recordDateOfBirth": born])
            }
            let rui = try await question(Self.rui, "1992-02-02")
            #expect(rui.body.contains("You do not need to come in for biometrics"))
            #expect(!rui.body.contains("href=\"/book/BIO/desks\""))
            let ana = try await question(Self.ana, "1990-05-05")
            #expect(ana.body.contains("You need to come in"))
            #expect(ana.body.contains("The quality of your last fingerprints was not good enough."))
            #expect(ana.body.contains("href=\"/book/BIO/biometrics?basis=dates\""))
            // Another date of birth: as if nothing were recorded.
            let stranger = try await question(Self.rui, "1992-02-03")
            #expect(stranger.body.contains("We do not have your facial image yet."))
            // The typed-in dates still work beside it.
            let typed = try await post(
                api, "/book/BIO/biometrics",
                [
                    "basis": "dates", "dateOfBirth": "1990-05-05", "faceDate": "2022-05-01",
                    "fingerDate": "2021-01-01", "signatureDate": "2021-01-01",
                ])
            #expect(typed.body.contains("You do not need to come in for biometrics"))
        }
    }
}

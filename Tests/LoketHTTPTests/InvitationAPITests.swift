import Foundation
import LoketConfig
import LoketDomain
import LoketTestSupport
import Testing

/// Only people the case system invited book a product that requires it: each person named
/// matches an open invitation by V-number and date of birth, and the refusal tells nothing
/// about which of the two was wrong.
@Suite(.timeLimit(.minutes(3))) struct InvitationAPITests {
    static let yaml = TestNetwork.yaml.replacingOccurrences(
        of: "{key: BIO, nameNL: Biometrie, nameEN: Biometrics, minutesPerPerson: 10}",
        with: "{key: BIO, nameNL: Biometrie, nameEN: Biometrics, minutesPerPerson: 10, invitationRequired: true}")
    static let network = try! DeskNetworkFile.parse(yaml)

    static let ana = (vNumber: "1234567890", born: "1990-04-01")
    static let rui = (vNumber: "1234567891", born: "2015-09-30")

    static func customer(vNumber: String = ana.vNumber, born: String? = ana.born, companions: String = "") -> String {
        let birth = born.map { #","dateOfBirth":"\#($0)""# } ?? ""
        let with = companions.isEmpty ? "" : #","companions":[\#(companions)]"#
        return
            #"{"name":"Ana Silva","email":"ana@example.nl","vNumber":"\#(vNumber)"\#(birth),"language":"en"\#(with)}"#
    }

    static func caseSystem(_ server: TestServer) async throws -> [String: String] {
        let key = try await server.loket.staff.addServiceClient(name: "INDiGO", kind: .caseSystem).apiKey
        return ["Authorization": "Bearer \(key)"]
    }

    static func invite(
        _ api: APIClient, _ key: [String: String], _ person: (vNumber: String, born: String)
    ) async throws -> APIResponse {
        try await api.post(
            "/api/v1/invitations",
            #"{"product":"BIO","vNumber":"\#(person.vNumber)","dateOfBirth":"\#(person.born)","email":"ana@example.nl","language":"nl"}"#,
            headers: key)
    }

    static func holdAndConfirm(
        _ api: APIClient, persons: Int = 1, customer: String, slot: String = "20220602-0800-bio"
    )
        async throws -> (hold: String, confirmed: APIResponse)
    {
        let hold = try await api.post(
            "/api/v1/holds", #"{"desk":"TS","product":"BIO","persons":\#(persons),"slot":"\#(slot)"}"#)
        #expect(hold.status == 201, "\(hold.body)")
        let id = hold.json["id"] as! String
        let confirmed = try await api.post(
            "/api/v1/appointments",
            #"{"hold":"\#(id)","holdToken":"\#(hold.json["token"] as! String)","customer":\#(customer)}"#)
        return (id, confirmed)
    }

    @Test(arguments: TestDatabase.engines)
    func anInvitedPersonBooksAndNobodyElseDoes(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: Self.network) { server, api in
            let key = try await Self.caseSystem(server)
            let invited = try await Self.invite(api, key, Self.ana)
            #expect(invited.status == 201, "\(invited.body)")
            #expect(invited.json["validUntil"] as? String == "2022-07-31") // today + the 60-day horizon
            #expect(invited.json["vNumber"] == nil) // the answer repeats no personal data
            // The invitation's email waits in the outbox, even on a server that sends no mail.
            let mails = try await server.database.session { db in
                try await db.raw("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'invitation'").first()!
                    .decode(column: "n", as: Int.self)
            }
            #expect(mails == 1)

            // An invented V-number and the right V-number with a wrong date of birth get the same answer.
            let unknown = try await Self.holdAndConfirm(api, customer: Self.customer(vNumber: "9999999999"))
            let wrongBirth = try await Self.holdAndConfirm(
                api, customer: Self.customer(born: "1990-04-02"), slot: "20220602-0820-bio")
            #expect(unknown.confirmed.status == 422)
            #expect(unknown.confirmed.errorField == "customer.vNumber")
            #expect(unknown.confirmed.errorCode == "not_invited")
            #expect(wrongBirth.confirmed.body == unknown.confirmed.body)
            // Nothing changed: the holds are still active, not appointments.
            #expect(try await server.loket.booking.hold(id: unknown.hold).state == .active)
            #expect(try await server.loket.booking.hold(id: wrongBirth.hold).state == .active)
            // Without a date of birth it is asked for.
            let noBirth = try await Self.holdAndConfirm(
                api, customer: Self.customer(born: nil), slot: "20220602-0810-bio")
            #expect(noBirth.confirmed.status == 422)
            #expect(noBirth.confirmed.errorCode == "not_invited")

            // The invited person books; a withdrawn invitation books nothing.
            let ok = try await Self.holdAndConfirm(api, customer: Self.customer(), slot: "20220603-0800-bio")
            #expect(ok.confirmed.status == 201, "\(ok.confirmed.body)")

            let second = try await Self.invite(api, key, Self.rui)
            let withdrawn = try await api.call(
                .delete, "/api/v1/invitations/\(second.json["id"] as! String)", headers: key)
            #expect(withdrawn.status == 204)
            let again = try await api.call(.delete, "/api/v1/invitations/\(second.json["id"] as! String)", headers: key)
            #expect(again.status == 404)
            let rui = try await Self.holdAndConfirm(
                api, customer: Self.customer(vNumber: Self.rui.vNumber, born: Self.rui.born), slot: "20220603-0910-bio")
            #expect(rui.confirmed.errorCode == "not_invited")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func everyCompanionNeedsAnInvitationOfTheirOwn(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: Self.network) { server, api in
            let key = try await Self.caseSystem(server)
            _ = try await Self.invite(api, key, Self.ana)
            let family = Self.customer(
                companions: #"{"name":"Rui Silva","vNumber":"\#(Self.rui.vNumber)","dateOfBirth":"\#(Self.rui.born)"}"#)
            let refused = try await Self.holdAndConfirm(api, persons: 2, customer: family)
            #expect(refused.confirmed.status == 422)
            #expect(refused.confirmed.errorField == "customer.companions[0].vNumber")
            #expect(refused.confirmed.errorCode == "not_invited")
            _ = try await Self.invite(api, key, Self.rui)
            let booked = try await Self.holdAndConfirm(api, persons: 2, customer: family, slot: "20220603-0800-bio")
            #expect(booked.confirmed.status == 201, "\(booked.confirmed.body)")
        }
    }

    /// Many addresses together cannot search a date of birth: after five wrong ones in a day a
    /// V-number answers as unknown, even with the right one, until the next day.
    @Test(arguments: TestDatabase.engines)
    func wrongDatesOfBirthLockTheVNumberForTheDay(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: Self.network) { server, api in
            let key = try await Self.caseSystem(server)
            _ = try await Self.invite(api, key, Self.ana)
            for guess in 0..<InvitationCheck.wrongBirthDatesAllowed {
                let guess = try await Self.holdAndConfirm(
                    api, customer: Self.customer(born: "1990-04-0\(guess + 2)"), slot: "20220602-08\(guess)0-bio")
                #expect(guess.confirmed.errorCode == "not_invited")
            }
            let right = try await Self.holdAndConfirm(api, customer: Self.customer(), slot: "20220603-0800-bio")
            #expect(right.confirmed.errorCode == "not_invited")
            server.clock.advance(minutes: 24 * 60)
            let tomorrow = try await Self.holdAndConfirm(api, customer: Self.customer(), slot: "20220603-0900-bio")
            #expect(tomorrow.confirmed.status == 201, "\(tomorrow.confirmed.body)")
        }
    }

    /// One address that keeps naming people nobody invited is stopped before it learns more.
    @Test func oneClientNamingUninvitedPeopleIsStopped() async throws {
        let limited = try! DeskNetworkFile.parse(
            Self.yaml.replacingOccurrences(
                of: "fairAccess: {limits: {enabled: false}}",
                with:
                    "fairAccess: {limits: {invitationMisses: {burst: 2, perMinute: 1}, holds: {burst: 50, perMinute: 60}, maxActiveHolds: 10}}"
            ))
        try await TestServer.run(network: limited) { _, api in
            var codes: [String?] = []
            for minute in ["00", "10", "20"] {
                let tried = try await Self.holdAndConfirm(
                    api, customer: Self.customer(vNumber: "99999999\(minute)"), slot: "20220602-08\(minute)-bio")
                codes.append(tried.confirmed.errorCode)
            }
            #expect(codes == ["not_invited", "not_invited", "invitationMisses"])
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aBatchIsAllOrNothingAndNamesTheWrongField(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: Self.network) { server, api in
            let key = try await Self.caseSystem(server)
            let person = #"{"product":"BIO","vNumber":"1234567890","dateOfBirth":"1990-04-01","email":"a@example.nl"}"#
            let wrong = #"{"product":"BIO","vNumber":"12345","dateOfBirth":"1990-04-01","email":"a@example.nl"}"#
            let refused = try await api.post(
                "/api/v1/invitations/batch", #"{"invitations":[\#(person),\#(wrong)]}"#, headers: key)
            #expect(refused.status == 422)
            #expect(refused.errorField == "invitations[1].vNumber")
            let made = try await api.post(
                "/api/v1/invitations/batch", #"{"invitations":[\#(person),\#(person)]}"#, headers: key)
            #expect(made.status == 201)
            #expect((made.json["invitations"] as? [[String: Any]])?.count == 2)
            let count = try await server.database.session { db in
                try await db.raw("SELECT COUNT(*) AS n FROM invitations").first()!.decode(column: "n", as: Int.self)
            }
            #expect(count == 2)
            // Without the case system's key, nothing.
            #expect(try await api.post("/api/v1/invitations", person).status == 401)
            let future = try await api.post(
                "/api/v1/invitations",
                #"{"product":"BIO","vNumber":"1234567890","dateOfBirth":"2030-01-01","email":"a@example.nl"}"#,
                headers: key)
            #expect(future.errorField == "dateOfBirth")
            let unknown = try await api.post(
                "/api/v1/invitations",
                #"{"product":"XXX","vNumber":"1234567890","dateOfBirth":"1990-01-01","email":"a@example.nl"}"#,
                headers: key)
            #expect(unknown.errorField == "product")
        }
    }

    /// The waitlist and draws are no side door: joining names invited people too.
    @Test(arguments: TestDatabase.engines)
    func theWaitlistAsksForAnInvitationToo(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: Self.network) { server, api in
            func join(_ customer: String) async throws -> APIResponse {
                try await api.post(
                    "/api/v1/waitlist",
                    #"{"desks":["TS"],"product":"BIO","persons":1,"from":"2022-06-02","to":"2022-06-10","customer":\#(customer)}"#
                )
            }
            let refused = try await join(Self.customer())
            #expect(refused.status == 422)
            #expect(refused.errorCode == "not_invited")
            let key = try await Self.caseSystem(server)
            let invited = try await Self.invite(api, key, Self.ana)
            let joined = try await join(Self.customer())
            #expect(joined.status == 201)
            // Withdrawn, the invitation takes its person off the waitlist too.
            let withdrawn = try await api.call(
                .delete, "/api/v1/invitations/\(invited.json["id"] as! String)", headers: key)
            #expect(withdrawn.status == 204)
            let entry = try await api.get(
                "/api/v1/waitlist/\(joined.json["id"] as! String)",
                headers: ["Authorization": "Bearer \(joined.json["token"] as! String)"])
            #expect(entry.json["state"] as? String == "left", "\(entry.body)")

            // A lapsed invitation ends the waiting too, at the hourly sweep; a partner's entry
            // (the partner vouches for its people) stays.
            let lapsing = try await api.post(
                "/api/v1/invitations",
                #"{"product":"BIO","vNumber":"\#(Self.rui.vNumber)","dateOfBirth":"\#(Self.rui.born)","email":"rui@example.nl","validUntil":"2022-06-02"}"#,
                headers: key)
            #expect(lapsing.status == 201, "\(lapsing.body)")
            let rui = try await join(Self.customer(vNumber: Self.rui.vNumber, born: Self.rui.born))
            #expect(rui.status == 201, "\(rui.body)")
            let partner = try await WaitlistAPITests.partnerKey(server)
            let vouched = try await api.post(
                "/api/v1/partner/waitlist",
                #"{"desks":["TS"],"product":"BIO","persons":1,"from":"2022-06-02","to":"2022-06-10","customer":\#(Self.customer(vNumber: "1234567892", born: nil))}"#,
                headers: ["Authorization": "Bearer \(partner)"])
            #expect(vouched.status == 201, "\(vouched.body)")
            #expect(try await server.loket.invitations.endUninvitedWaiting() == 0)
            server.clock.advance(minutes: 2 * 24 * 60)
            #expect(try await server.loket.invitations.endUninvitedWaiting() == 1)
            func state(_ joined: APIResponse) async throws -> String? {
                try await api.get(
                    "/api/v1/waitlist/\(joined.json["id"] as! String)",
                    headers: ["Authorization": "Bearer \(joined.json["token"] as! String)"]
                ).json["state"] as? String
            }
            #expect(try await state(rui) == "left")
            #expect(try await state(vouched) != "left")
        }
    }

    /// The email's link opens booking with the person filled in; its secret leaves the address bar.
    @Test func theEmailsLinkOpensBookingWithThePersonFilledIn() async throws {
        try await TestServer.run(network: Self.network) { server, api in
            let invited = try await Self.invite(api, try await Self.caseSystem(server), Self.ana)
            let id = invited.json["id"] as! String
            let token = server.loket.invitations.invitationLinkToken(id: id)
            let opened = try await api.get("/book/invitation/\(id)?token=\(token)")
            #expect(opened.status == 303)
            #expect(opened.headers[.location] == "/book/BIO/desks")
            let cookie = try #require(opened.headers[.setCookie])
            #expect(cookie.hasPrefix("loket_invitation=\(id).\(token)") && cookie.contains("HttpOnly"))
            #expect(cookie.contains("Path=/book/") && cookie.contains("SameSite=Lax"))
            for wrong in [
                "/book/invitation/\(id)?token=m0000", "/book/invitation/\(id)", "/book/invitation/nope?token=\(token)",
            ] {
                #expect(try await api.get(wrong).status == 404, "\(wrong)")
            }
            let hold = try await api.post(
                "/api/v1/holds", #"{"desk":"TS","product":"BIO","persons":1,"slot":"20220602-0800-bio"}"#)
            let details = try await api.get(
                "/book/hold/\(hold.json["id"] as! String)",
                headers: ["Cookie": "loket_invitation=\(id).\(token)", "Accept-Language": "en"])
            #expect(details.body.contains(#"id="vNumber" name="vNumber" inputmode="numeric" value="1234567890""#))
            // Not the date of birth: the person types it (a forwarded mail must not carry both).
            // Asked as day, month and year, each box empty.
            #expect(details.body.contains(#"name="dateOfBirth-day" inputmode="numeric" maxlength="2" value="""#))
            #expect(!details.body.contains("1990-04-01"))
            #expect(details.body.contains(#"value="ana@example.nl""#))
            // Without the invitation's cookie the form is empty.
            let plain = try await api.get("/book/hold/\(hold.json["id"] as! String)")
            #expect(!plain.body.contains("1234567890"))
        }
    }

    /// A draw entry names invited people only: the entrant's refusal stands at the entry's own
    /// `vNumber`, a companion's at theirs, and nothing is entered.
    @Test(arguments: TestDatabase.engines)
    func aDrawEntryNamesInvitedPeopleOnly(engine: TestDatabase.Engine) async throws {
        let network = TestNetwork.single(counters: 1, horizonDays: 5, invitationRequired: true)
        try await TestServer.run(engine: engine, network: network) { server, api in
            let id = try await DrawAPITests.openDraw(server)
            let key = try await Self.caseSystem(server)
            func entry(_ vNumber: String, born: String, companion: String? = nil) -> String {
                let companions =
                    companion.map {
                        #","companions":[{"name":"Rui Silva","vNumber":"\#($0)","dateOfBirth":"\#(Self.rui.born)"}]"#
                    } ?? ""
                return
                    #"{"vNumber":"\#(vNumber)","persons":\#(companion == nil ? 1 : 2),"customer":{"name":"Ana Silva","email":"ana@example.nl","dateOfBirth":"\#(born)","language":"en"\#(companions)}}"#
            }
            let stranger = try await DrawAPITests.enter(api, id, entry("9999999999", born: "1990-04-01"))
            #expect(stranger.status == 422)
            #expect(stranger.errorField == "vNumber" && stranger.errorCode == "not_invited")
            let anaInvited = try await Self.invite(api, key, Self.ana)
            let withStranger = try await DrawAPITests.enter(
                api, id, entry(Self.ana.vNumber, born: Self.ana.born, companion: Self.rui.vNumber))
            #expect(withStranger.errorField == "customer.companions[0].vNumber")
            #expect(withStranger.errorCode == "not_invited")
            let entered = try await DrawAPITests.enter(api, id, entry(Self.ana.vNumber, born: Self.ana.born))
            #expect(entered.status == 201, "\(entered.body)")
            let count = try await server.database.session { db in
                try await db.raw("SELECT COUNT(*) AS n FROM draw_entries").first()!.decode(column: "n", as: Int.self)
            }
            #expect(count == 1)

            // Rui enters too; Ana's invitation is then withdrawn: at the allocation her entry is
            // drawn for nothing and waits nowhere, while Rui's is drawn.
            _ = try await Self.invite(api, key, Self.rui)
            let ruiEntry = try await DrawAPITests.enter(api, id, entry(Self.rui.vNumber, born: Self.rui.born))
            #expect(ruiEntry.status == 201, "\(ruiEntry.body)")
            let anaInvitation = anaInvited.json["id"] as! String
            #expect(
                try await api.call(.delete, "/api/v1/invitations/\(anaInvitation)", headers: key).status == 204)
            server.clock.advance(minutes: 24 * 60)
            #expect(try await server.loket.draws.run().allocated == 1)
            func status(_ entered: APIResponse) async throws -> APIResponse {
                try await api.get(
                    "/api/v1/draws/\(id)/entries/\(entered.json["id"] as! String)",
                    headers: ["Authorization": "Bearer \(entered.json["token"] as! String)"])
            }
            let ana = try await status(entered)
            #expect(ana.json["status"] as? String == "not_drawn", "\(ana.body)")
            #expect(ana.json["waitlist"] == nil || ana.json["waitlist"] is NSNull, "\(ana.body)")
            #expect(try await status(ruiEntry).json["status"] as? String == "drawn")
        }
    }
}

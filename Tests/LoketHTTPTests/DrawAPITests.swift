import Crypto
import Foundation
import LoketDomain
import LoketNotifications
import LoketTestSupport
import Testing

@testable import LoketApp

/// Draws at peak times: in draw mode, capacity that comes up is withheld from first-come booking,
/// entered once per person during a window, allocated in an order anyone can replay from the
/// published seed, and those not drawn wait on the waitlist in draw order.
@Suite(.timeLimit(.minutes(3))) struct DrawAPITests {
    /// The network's one desk, weekdays 09:00–09:30 in three slots; five days ahead bookable (from
    /// Wednesday 1 June 2022 that is Whit Monday, a holiday: the next day a draw opens for is Tuesday 7 June).
    static func network(
        counters: Int = 1, horizonDays: Int = 5, urgentShare: Double? = nil, draws: String = "{}"
    ) -> DeskNetwork {
        TestNetwork.single(counters: counters, horizonDays: horizonDays, urgentShare: urgentShare, draws: draws)
    }

    static func entry(
        _ name: String, vNumber: String? = nil, persons: Int = 1, days: String? = nil, desks: String? = nil,
        companions: String = ""
    ) -> String {
        let v = vNumber ?? TestPeople.vNumber(name)
        let customer =
            #"{"name":"\#(name)","email":"\#(name.lowercased().filter(\.isLetter))@example.nl","language":"en"\#(companions)}"#
        return #"{"vNumber":"\#(v)","persons":\#(persons)"#
            + (days.map { #","days":\#($0)"# } ?? "") + (desks.map { #","desks":\#($0)"# } ?? "")
            + #","customer":\#(customer)}"#
    }

    /// Puts BIO at RACE in draw mode on 2022-06-01 (published through the horizon), moves to the next
    /// day and runs the draws: a draw for 2022-06-07, the day that came into the horizon.
    static func openDraw(_ server: TestServer) async throws -> String {
        try await server.loket.draws.setMode(desk: "RACE", product: "BIO", on: true, staff: "manager")
        server.clock.advance(minutes: 24 * 60)
        let run = try await server.loket.draws.run()
        #expect(run.opened == 1)
        let draws = try await server.loket.draws.listed(desk: "RACE", product: "BIO")
        return try #require(draws.first).id
    }

    static func enter(_ api: APIClient, _ draw: String, _ body: String) async throws -> APIResponse {
        try await api.post("/api/v1/draws/\(draw)/entries", body)
    }

    @Test(arguments: TestDatabase.engines)
    func capacityReleasedInDrawModeIsDrawnNotBookedFirstCome(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: Self.network()) { server, api in
            let id = try await Self.openDraw(server)
            // Switching it on again changes nothing: no day waiting for a draw slips out.
            let modes = try await server.loket.draws.modes()
            try await server.loket.draws.setMode(desk: "RACE", product: "BIO", on: true, staff: "manager")
            #expect(try await server.loket.draws.modes() == modes)
            let listed = try await api.get("/api/v1/draws?desk=RACE&product=BIO")
            let draws = try #require(listed.json["draws"] as? [[String: Any]])
            #expect(draws.count == 1 && draws[0]["id"] as? String == id)
            #expect(draws[0]["days"] as? [String] == ["2022-06-07"])
            #expect(draws[0]["places"] as? Int == 3)
            #expect(draws[0]["state"] as? String == "open")
            #expect((draws[0]["window"] as? [String: Any])?["closesAt"] as? String == "2022-06-03T08:00:00Z")
            // The drawn day is in no slot list and cannot be held, however fast the client.
            let slots = try await api.get("/api/v1/desks/RACE/slots?product=BIO&from=2022-06-07&to=2022-06-07")
            #expect((slots.json["slots"] as? [Any])?.isEmpty == true, "\(slots.body)")
            let hold = try await api.post(
                "/api/v1/holds", #"{"desk":"RACE","product":"BIO","slot":"20220607-0900-one"}"#)
            #expect(hold.status == 409)
            #expect(hold.errorField == "slot" && hold.errorCode == "in_draw")
            // Days published before the mode came on stay bookable first-come.
            let published = try await api.post(
                "/api/v1/holds", #"{"desk":"RACE","product":"BIO","slot":"20220603-0900-one"}"#)
            #expect(published.status == 201)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func placesAreAllocatedAtRandomAndTheRestWaitInDrawOrder(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: Self.network()) { server, api in
            let id = try await Self.openDraw(server)
            var entries: [String: (id: String, token: String)] = [:]
            for name in ["Ada", "Bram", "Cor", "Dirk"] {
                let entered = try await Self.enter(api, id, Self.entry(name))
                #expect(entered.status == 201, "\(entered.body)")
                #expect(entered.json["status"] as? String == "entered")
                entries[name] = (entered.json["id"] as! String, entered.json["token"] as! String)
                server.clock.advance(minutes: 1)
            }
            // Nothing is given out before the window closes, and entries keep their details until then.
            #expect(try await server.loket.draws.run().allocated == 0)
            #expect(try await server.loket.operations.purge(dryRun: true).drawEntries == 0)
            let early = try await api.get("/api/v1/draws/\(id)/result")
            #expect(early.status == 409 && early.errorCode == "not_allocated")
            server.clock.advance(minutes: 24 * 60)
            #expect(try await server.loket.draws.run().allocated == 1)
            // Entering after the window is refused.
            let late = try await Self.enter(api, id, Self.entry("Late"))
            #expect(late.status == 409 && late.errorCode == "draw_closed", "\(late.body)")

            var drawn: [String] = []
            var waiting: [(name: String, waitlist: String)] = []
            for (name, entry) in entries {
                let status = try await api.get(
                    "/api/v1/draws/\(id)/entries/\(entry.id)", headers: ["Authorization": "Bearer \(entry.token)"])
                #expect(status.status == 200, "\(status.body)")
                switch status.json["status"] as? String {
                case "drawn":
                    let appointment = try #require(status.json["appointment"] as? [String: Any])
                    #expect(appointment["date"] as? String == "2022-06-07")
                    #expect(appointment["state"] as? String == "confirmed")
                    #expect(appointment["manageToken"] == nil)
                    drawn.append(name)
                case "not_drawn":
                    waiting.append((name, try #require(status.json["waitlistEntry"] as? String)))
                default: Issue.record("unexpected \(status.body)")
                }
            }
            #expect(drawn.count == 3 && waiting.count == 1)
            // The one not drawn waits, opened by the token of their entry.
            let line = try await api.get(
                "/api/v1/waitlist/\(waiting[0].waitlist)",
                headers: ["Authorization": "Bearer \(entries[waiting[0].name]!.token)"])
            #expect(line.status == 200 && line.json["position"] as? Int == 1, "\(line.body)")

            // The result names no one, and anyone can replay it from the seed and check the digest.
            let result = try await api.get("/api/v1/draws/\(id)/result")
            #expect(result.status == 200, "\(result.body)")
            #expect(result.json["entries"] as? Int == 4 && result.json["drawn"] as? Int == 3)
            for name in ["Ada", "Bram", "Cor", "Dirk"] { #expect(!result.body.contains(name)) }
            let seed = try #require(UInt64(result.json["seed"] as! String, radix: 16))
            let allocation = try #require(result.json["allocation"] as? [[String: Any]])
            let order = allocation.map { $0["entry"] as! String }
            #expect(order == DrawOrder.order(entries.values.map(\.id), seed: seed))
            let text = allocation.map {
                "\($0["position"] as! Int)\t\($0["entry"] as! String)\t\(($0["slot"] as? String) ?? "-")\n"
            }.joined()
            let digest = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(result.json["digest"] as? String == digest)
            // The first three in draw order got the three places, earliest first.
            #expect(
                allocation.map { $0["slot"] as? String } == [
                    "20220607-0900-one", "20220607-0910-one", "20220607-0920-one", nil,
                ])
            // Decided entries keep no personal data (the appointments and the waitlist have their
            // own copies); their status and the result stay.
            let purged = try await server.loket.operations.purge()
            #expect(purged.drawEntries == 4 && purged.drawPeople == 4)
            let names = try await server.database.session { db in
                try await db.raw(
                    "SELECT COUNT(*) AS n FROM draw_entries WHERE customer_name IS NOT NULL OR customer_v_number IS NOT NULL"
                )
                .first()!.decode(column: "n", as: Int.self)
            }
            #expect(names == 0)
            #expect(try await api.get("/api/v1/draws/\(id)/result").json["digest"] as? String == digest)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func eachPersonEntersOnceAndNotWhileTheyHaveAnAppointment(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: Self.network()) { server, api in
            let id = try await Self.openDraw(server)
            #expect(try await Self.enter(api, id, Self.entry("Eva")).status == 201)
            let twice = try await Self.enter(api, id, Self.entry("Eva Again", vNumber: TestPeople.vNumber("Eva")))
            #expect(twice.status == 409 && twice.errorField == "vNumber" && twice.errorCode == "already_entered")
            // Nor as someone else's companion.
            let companion = try await Self.enter(
                api, id,
                Self.entry(
                    "Fenna", persons: 2,
                    companions: #","companions":[{"name":"Eva","vNumber":"\#(TestPeople.vNumber("Eva"))"}]"#))
            #expect(companion.status == 409 && companion.errorCode == "already_entered", "\(companion.body)")
            // Someone with a live appointment moves it instead.
            _ = try await WaitlistAPITests.book(api, slot: "20220603-0900-one", name: "Gert")
            let booked = try await Self.enter(api, id, Self.entry("Gert"))
            #expect(booked.status == 409 && booked.errorCode == "already_booked", "\(booked.body)")
        }
    }

    @Test func eightEntriesAtOnceForOnePersonMakeOne() async throws {
        try await TestServer.run(engine: .postgres, network: Self.network()) { server, api in
            let id = try await Self.openDraw(server)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<8 {
                    group.addTask {
                        try await Self.enter(api, id, Self.entry("Same \(i)", vNumber: TestPeople.vNumber("Same")))
                            .status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 1)
            #expect(statuses.filter { $0 == 409 }.count == 7)
        }
    }

    @Test(arguments: [
        (#"{"persons":1,"customer":{"name":"A","email":"a@example.nl"}}"#, 422, "vNumber"),
        (#"{"vNumber":"12345","customer":{"name":"A","email":"a@example.nl"}}"#, 422, "vNumber"),
        (#"{"vNumber":"1234567890","persons":9,"customer":{"name":"A","email":"a@example.nl"}}"#, 422, "persons"),
        (
            #"{"vNumber":"1234567890","days":["2022-06-08"],"customer":{"name":"A","email":"a@example.nl"}}"#, 422,
            "days[0]"
        ),
        (#"{"vNumber":"1234567890","days":["7 June"],"customer":{"name":"A","email":"a@example.nl"}}"#, 422, "days[0]"),
        (#"{"vNumber":"1234567890","desks":["NOPE"],"customer":{"name":"A","email":"a@example.nl"}}"#, 404, "desks[0]"),
        (
            #"{"vNumber":"1234567890","persons":2,"customer":{"name":"A","email":"a@example.nl"}}"#, 422,
            "customer.companions"
        ),
        (#"{"vNumber":"1234567890","customer":{"name":"A","email":"not an address"}}"#, 422, "customer.email"),
        (#"{"vNumber":"1234567890"}"#, 422, "customer"),
    ])
    func aWrongEntryNamesItsFieldAndChangesNothing(body: String, status: Int, field: String) async throws {
        try await TestServer.run(network: Self.network()) { server, api in
            let id = try await Self.openDraw(server)
            let refused = try await Self.enter(api, id, body)
            #expect(refused.status == status, "\(refused.body)")
            #expect(refused.errorField == field, "\(refused.body)")
            server.clock.advance(minutes: 24 * 60)
            try await server.loket.draws.run()
            let result = try await api.get("/api/v1/draws/\(id)/result")
            #expect(result.json["entries"] as? Int == 0)
        }
    }

    @Test func anEntryIsOpenedOnlyByItsToken() async throws {
        try await TestServer.run(network: Self.network()) { server, api in
            let id = try await Self.openDraw(server)
            let entered = try await Self.enter(api, id, Self.entry("Hans"))
            let uri = "/api/v1/draws/\(id)/entries/\(entered.json["id"] as! String)"
            #expect(try await api.get(uri).status == 401)
            #expect(try await api.get(uri, headers: ["Authorization": "Bearer wrong"]).status == 403)
            #expect(
                try await api.get("/api/v1/draws/\(id)/entries/nope", headers: ["Authorization": "Bearer x"]).status
                    == 404)
            #expect(try await api.get("/api/v1/draws/nope").status == 404)
        }
    }

    @Test func entriesAreLimitedPerClient() async throws {
        let network = TestNetwork.single(
            counters: 1, horizonDays: 5, limits: "{drawEntries: {burst: 2, perMinute: 0.1}}")
        try await TestServer.run(network: network) { server, api in
            let id = try await Self.openDraw(server)
            #expect(try await Self.enter(api, id, Self.entry("One")).status == 201)
            #expect(try await Self.enter(api, id, Self.entry("Two")).status == 201)
            let third = try await Self.enter(api, id, Self.entry("Three"))
            #expect(third.status == 429 && third.errorField == "limit" && third.errorCode == "drawEntries")
            #expect(third.headers[.retryAfter] != nil)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func whatNobodyAskedForIsBookableFirstComeAfterTheDraw(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: Self.network()) { server, api in
            let id = try await Self.openDraw(server)
            // One entry, for two persons: the earliest place where both fit.
            let pair = try await Self.enter(
                api, id,
                Self.entry(
                    "Ina", persons: 2,
                    companions: #","companions":[{"name":"Jan","vNumber":"\#(TestPeople.vNumber("Jan"))"}]"#))
            #expect(pair.status == 201, "\(pair.body)")
            server.clock.advance(minutes: 24 * 60)
            // Asked once more while the draw still holds the day (this server keeps that answer
            // until a draw changes), and again the moment it is allocated: only this draw, so
            // that no other draw opening moves what this server kept.
            let early = try await api.post(
                "/api/v1/holds", #"{"desk":"RACE","product":"BIO","slot":"20220607-0920-one"}"#)
            #expect(early.status == 409 && early.errorCode == "in_draw")
            let due = try await server.loket.draws.listed(desk: "RACE", product: "BIO").first { $0.id == id }
            #expect(try await server.loket.draws.allocate(try #require(due)))
            let slots = try await api.get("/api/v1/desks/RACE/slots?product=BIO&from=2022-06-07&to=2022-06-07")
            #expect((slots.json["slots"] as? [[String: Any]])?.map { $0["key"] as? String } == ["20220607-0920-one"])
            let hold = try await api.post(
                "/api/v1/holds", #"{"desk":"RACE","product":"BIO","slot":"20220607-0920-one"}"#)
            #expect(hold.status == 201, "\(hold.body)")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func twoServersAllocatingAtOnceGiveEachPlaceOnce(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: Self.network()) { server, api in
            let id = try await Self.openDraw(server)
            for name in ["Kees", "Lies", "Mien", "Nel", "Olaf"] {
                #expect(try await Self.enter(api, id, Self.entry(name)).status == 201)
            }
            server.clock.advance(minutes: 24 * 60)
            async let first = server.loket.draws.run()
            async let second = server.loket.draws.run()
            let runs = try await [first.allocated, second.allocated]
            #expect(runs.reduce(0, +) == 1)
            let result = try await api.get("/api/v1/draws/\(id)/result")
            #expect(result.json["drawn"] as? Int == 3)
            let booked = try await server.database.session { db in
                try await db.raw("SELECT COUNT(*) AS n FROM appointments WHERE date = '2022-06-07'").first()!
                    .decode(column: "n", as: Int.self)
            }
            #expect(booked == 3)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func releasedUrgentReserveIsDrawnToo(engine: TestDatabase.Engine) async throws {
        // Two counters, one kept for urgent cases until two working days ahead.
        try await TestServer.run(engine: engine, network: Self.network(counters: 2, horizonDays: 10, urgentShare: 0.5))
        { server, api in
            let id = try await Self.openDraw(server)
            let draw = try await server.loket.draws.draw(id: id)
            // Thursday 2 June: Tuesday 7 June's reserve comes up for release (Monday is Whit Monday);
            // it is drawn instead. The horizon's new day is a Sunday: nothing else to draw.
            #expect(draw.reserveDays == [LocalDate(iso: "2022-06-07")!])
            #expect(draw.days.isEmpty)
            #expect(draw.places == 3)
            let tuesday = try await api.get("/api/v1/desks/RACE/slots?product=BIO&from=2022-06-07&to=2022-06-07")
            #expect((tuesday.json["slots"] as? [[String: Any]])?.map { $0["available"] as? Int } == [1, 1, 1])
            #expect(try await Self.enter(api, id, Self.entry("Piet")).status == 201)
            server.clock.advance(minutes: 24 * 60)
            try await server.loket.draws.run()
            let result = try await api.get("/api/v1/draws/\(id)/result")
            #expect((result.json["allocation"] as? [[String: Any]])?.first?["slot"] as? String == "20220607-0900-one")
            // Once drawn, what is left of the reserve is released as usual.
            let after = try await api.get("/api/v1/desks/RACE/slots?product=BIO&from=2022-06-07&to=2022-06-07")
            #expect((after.json["slots"] as? [[String: Any]])?.map { $0["available"] as? Int } == [1, 2, 2])
        }
    }

    @Test func theRuleSwitchesDrawModeAndAManagersWordStands() async throws {
        try await TestServer.run(network: Self.network(draws: "{whenWaitAbove: 2}")) { server, api in
            // Free slots from tomorrow: the wait is one working day, under the norm.
            try await server.loket.draws.run()
            #expect(try await server.loket.draws.modes().isEmpty)
            // Thursday and Friday fully booked: the third free slot is on Monday, three working days away.
            for day in ["20220602", "20220603"] {
                for (i, time) in ["0900", "0910", "0920"].enumerated() {
                    _ = try await WaitlistAPITests.book(api, slot: "\(day)-\(time)-one", name: "Busy\(day)x\(i)")
                }
            }
            try await server.loket.draws.run()
            let modes = try await server.loket.draws.modes()
            #expect(modes.map(\.on) == [true] && modes.first?.setBy == .rule)
            // A manager takes it out of draw mode; the rule leaves that alone.
            try await server.loket.draws.setMode(desk: "RACE", product: "BIO", on: false, staff: "manager")
            try await server.loket.draws.run()
            let after = try await server.loket.draws.modes()
            #expect(after.map(\.on) == [false] && after.first?.setBy == .manager)
            let audit = try await server.loket.staff.auditEntries(since: .distantPast)
            #expect(audit.contains { $0.entry.action == .drawModeSet && $0.entry.detail == "off" })
        }
    }

    @Test func everyEntrantHearsTheOutcomeByEmail() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("draw-mail-\(UUID())")
        let mail = MailOptions(transport: MailFolder(folder: folder), from: "loket@example.nl", reminderLead: nil)
        func withMail(_ options: inout ServerOptions) { options.mail = mail }
        try await TestServer.run(network: Self.network(), options: withMail) { server, api in
            let id = try await Self.openDraw(server)
            for name in ["Quinten", "Roos", "Sem", "Tess"] {
                #expect(try await Self.enter(api, id, Self.entry(name)).status == 201)
            }
            server.clock.advance(minutes: 24 * 60)
            try await server.loket.draws.run()
            // The drawn: the confirmation of each appointment, with its signed manage link, waits in the outbox.
            let confirmations = try await server.database.session { db in
                try await db.raw(
                    """
                    SELECT COUNT(*) AS n FROM outbox o JOIN appointments a ON a.id = o.appointment_id
                    WHERE o.kind = 'confirmation' AND a.date = '2022-06-07'
                    """
                ).first()!.decode(column: "n", as: Int.self)
            }
            #expect(confirmations == 3)
            // The one not drawn hears that they now wait, in draw order.
            let notDrawn = try await server.database.session { db in
                try await db.raw(
                    """
                    SELECT COUNT(*) AS n FROM outbox o JOIN waitlist w ON w.id = o.appointment_id
                    WHERE o.kind = 'notDrawn' AND w.state = 'waiting'
                    """
                ).first()!.decode(column: "n", as: Int.self)
            }
            #expect(notDrawn == 1)
        }
    }
}

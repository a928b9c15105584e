import Foundation
import LoketConfig
import LoketDomain
import LoketTestSupport
import Testing

/// The waitlist over real HTTP: a freed slot goes to the first in the fair order as a held
/// offer, not to whoever polls fastest.
@Suite(.timeLimit(.minutes(3))) struct WaitlistAPITests {
    static func customer(_ name: String) -> String {
        #"{"name":"\#(name)","email":"\#(name.lowercased())@example.nl","vNumber":"\#(TestPeople.vNumber(name))","language":"en"}"#
    }

    /// One counter, one weekday slot a day at 09:00–09:10 (TestNetwork.single uses three; the
    /// window below is a single day and the other two slots are booked first).
    static func book(_ api: APIClient, slot: String, name: String) async throws -> (id: String, token: String) {
        let hold = try await api.post("/api/v1/holds", #"{"desk":"RACE","product":"BIO","slot":"\#(slot)"}"#)
        #expect(hold.status == 201, "\(hold.body)")
        let booked = try await api.post(
            "/api/v1/appointments",
            #"{"hold":"\#(hold.json["id"] as! String)","holdToken":"\#(hold.json["token"] as! String)","customer":\#(customer(name))}"#
        )
        return (booked.json["id"] as! String, booked.json["manageToken"] as! String)
    }

    static func fillDay(_ api: APIClient) async throws -> [(id: String, token: String)] {
        var booked: [(String, String)] = []
        for (i, slot) in ["20220602-0900-one", "20220602-0910-one", "20220602-0920-one"].enumerated() {
            booked.append(try await book(api, slot: slot, name: "Booked\(i)"))
        }
        return booked
    }

    /// Joins anonymously, or, with `partnerKey`, as a partner who vouches for urgency and expiry.
    static func join(
        _ api: APIClient, _ name: String, urgent: Bool = false, expires: String? = nil, partnerKey: String? = nil
    ) async throws -> APIResponse {
        let urgency = partnerKey == nil ? #","urgent":true"# : #","urgent":{"reason":"documentExpiring"}"#
        let extra = (urgent ? urgency : "") + (expires.map { #","documentExpiresOn":"\#($0)""# } ?? "")
        return try await api.post(
            partnerKey == nil ? "/api/v1/waitlist" : "/api/v1/partner/waitlist",
            #"{"desks":["RACE"],"product":"BIO","persons":1,"from":"2022-06-02","to":"2022-06-02","customer":\#(customer(name))\#(extra)}"#,
            headers: partnerKey.map { ["Authorization": "Bearer \($0)"] } ?? [:])
    }

    static func partnerKey(_ server: TestServer) async throws -> String {
        try await server.loket.partners.add(name: "COA", quotas: [:], webhookURL: nil).apiKey
    }

    @Test(arguments: TestDatabase.engines)
    func aCancelledSlotIsOfferedToTheFirstInFairOrderAndAccepted(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: TestNetwork.single(counters: 1)) { server, api in
            let booked = try await Self.fillDay(api)
            let early = try await Self.join(api, "Early")
            server.clock.advance(minutes: 1)
            #expect(early.status == 201, "\(early.body)")
            #expect(early.json["position"] as? Int == 1)
            #expect(early.json["offer"] is NSNull)
            // Urgency and expiry count only as a partner vouches for them.
            let partner = try await Self.partnerKey(server)
            let expiring = try await Self.join(api, "Expiring", expires: "2022-06-20", partnerKey: partner)
            server.clock.advance(minutes: 1)
            let urgent = try await Self.join(api, "Urgent", urgent: true, partnerKey: partner)
            #expect(urgent.status == 201, "\(urgent.body)")
            func position(_ r: APIResponse) async throws -> Int? {
                try await api.get(
                    "/api/v1/waitlist/\(r.json["id"] as! String)",
                    headers: ["Authorization": "Bearer \(r.json["token"] as! String)"]
                ).json["position"] as? Int
            }
            #expect(try await position(urgent) == 1)
            #expect(try await position(expiring) == 2)
            #expect(try await position(early) == 3)

            // A cancellation: the slot goes straight to the urgent case, held for them.
            let cancelled = try await api.call(
                .delete, "/api/v1/appointments/\(booked[1].id)", headers: ["Authorization": "Bearer \(booked[1].token)"]
            )
            #expect(cancelled.status == 200)
            // Nobody polling can take it while the matcher runs (outside the request).
            let meanwhile = try await api.get("/api/v1/desks/RACE/slots?product=BIO&from=2022-06-02&to=2022-06-02")
            #expect((meanwhile.json["slots"] as! [[String: Any]]).isEmpty)
            #expect(try await server.loket.waitlist.matchFreedSlots() == 1)
            let urgentView = try await api.get(
                "/api/v1/waitlist/\(urgent.json["id"] as! String)",
                headers: ["Authorization": "Bearer \(urgent.json["token"] as! String)"])
            #expect(urgentView.json["state"] as? String == "offered")
            let offer = urgentView.json["offer"] as! [String: Any]
            #expect(offer["slot"] as? String == "20220602-0910-one")
            // two hours from 10:02 Amsterdam (08:02 UTC)
            #expect(offer["expiresAt"] as? String == "2022-06-01T10:02:00Z")
            // Nobody polling can take it.
            let list = try await api.get("/api/v1/desks/RACE/slots?product=BIO&from=2022-06-02&to=2022-06-02")
            #expect((list.json["slots"] as! [[String: Any]]).isEmpty)

            let accepted = try await api.post(
                "/api/v1/waitlist/\(urgent.json["id"] as! String)/offer/accept", "",
                headers: ["Authorization": "Bearer \(urgent.json["token"] as! String)"])
            #expect(accepted.status == 200, "\(accepted.body)")
            let appointment = accepted.json["appointment"] as! [String: Any]
            #expect(appointment["slot"] as? String == "20220602-0910-one")
            #expect((appointment["manageToken"] as? String)?.isEmpty == false)
            #expect(try await position(urgent) == nil)
            #expect(try await position(expiring) == 1)
            _ = server
        }
    }

    @Test func aDeclinedOrLapsedOfferMovesToTheNextPerson() async throws {
        try await TestServer.run(network: TestNetwork.single(counters: 1)) { server, api in
            let booked = try await Self.fillDay(api)
            // A minute apart: time on the list decides between equals.
            let first = try await Self.join(api, "First")
            server.clock.advance(minutes: 1)
            let second = try await Self.join(api, "Second")
            server.clock.advance(minutes: 1)
            let third = try await Self.join(api, "Third")
            func view(_ r: APIResponse) async throws -> APIResponse {
                try await api.get(
                    "/api/v1/waitlist/\(r.json["id"] as! String)",
                    headers: ["Authorization": "Bearer \(r.json["token"] as! String)"])
            }
            _ = try await api.call(
                .delete, "/api/v1/appointments/\(booked[0].id)", headers: ["Authorization": "Bearer \(booked[0].token)"]
            )
            try await server.loket.waitlist.matchFreedSlots()
            #expect(try await view(first).json["state"] as? String == "offered")

            let declined = try await api.post(
                "/api/v1/waitlist/\(first.json["id"] as! String)/offer/decline", "",
                headers: ["Authorization": "Bearer \(first.json["token"] as! String)"])
            #expect(declined.json["state"] as? String == "waiting")
            try await server.loket.waitlist.matchFreedSlots()
            #expect(try await view(first).json["offer"] is NSNull) // not offered the slot they declined
            #expect(try await view(second).json["state"] as? String == "offered")

            // Second lets the offer lapse: two hours later it goes to Third (First passed on this slot).
            server.clock.advance(minutes: 121)
            try await server.loket.operations.sweep()
            try await server.loket.waitlist.matchFreedSlots()
            #expect(try await view(second).json["state"] as? String == "waiting")
            #expect(try await view(third).json["state"] as? String == "offered")
            // A lapsed offer's token no longer accepts anything.
            let late = try await api.post(
                "/api/v1/waitlist/\(second.json["id"] as! String)/offer/accept", "",
                headers: ["Authorization": "Bearer \(second.json["token"] as! String)"])
            #expect(late.status == 409)
        }
    }

    @Test func acceptingAnEarlierSlotMovesTheAppointmentAndFreesTheOldOne() async throws {
        try await TestServer.run(network: TestNetwork.single(counters: 1)) { server, api in
            let booked = try await Self.fillDay(api)
            let later = try await Self.book(api, slot: "20220603-0900-one", name: "Later")
            let improve = try await api.post(
                "/api/v1/waitlist",
                #"{"desks":["RACE"],"product":"BIO","from":"2022-06-02","to":"2022-06-03","appointment":"\#(later.id)","customer":\#(Self.customer("Later"))}"#,
                headers: ["Authorization": "Bearer \(later.token)"])
            #expect(improve.status == 201, "\(improve.body)")
            #expect(improve.json["offer"] is NSNull) // nothing earlier than 3 June 09:00 is free
            _ = try await api.call(
                .delete, "/api/v1/appointments/\(booked[2].id)", headers: ["Authorization": "Bearer \(booked[2].token)"]
            )
            try await server.loket.waitlist.matchFreedSlots()
            let accepted = try await api.post(
                "/api/v1/waitlist/\(improve.json["id"] as! String)/offer/accept", "",
                headers: ["Authorization": "Bearer \(improve.json["token"] as! String)"])
            let moved = accepted.json["appointment"] as! [String: Any]
            #expect(moved["id"] as? String == later.id) // the same appointment, moved
            #expect(moved["slot"] as? String == "20220602-0920-one")
            #expect(moved["manageToken"] == nil) // its own token still works
            let view = try await api.get(
                "/api/v1/appointments/\(later.id)", headers: ["Authorization": "Bearer \(later.token)"])
            #expect(view.json["date"] as? String == "2022-06-02")
            // The old slot on 3 June is free again.
            let list = try await api.get("/api/v1/desks/RACE/slots?product=BIO&from=2022-06-03&to=2022-06-03")
            #expect((list.json["slots"] as! [[String: Any]]).contains { $0["key"] as? String == "20220603-0900-one" })
            _ = server
        }
    }

    /// The waitlist is no side door: an anonymous join is offered nothing at once (free capacity
    /// is for booking, within the client's holds), an appointment waits in one improvement entry
    /// at a time, and an accepted improvement is one of its moves.
    @Test func theWaitlistIsNoSideDoor() async throws {
        let network = try! DeskNetworkFile.parse(
            TestNetwork.yaml.replacingOccurrences(
                of: "fairAccess: {limits: {enabled: false}}",
                with: "fairAccess: {maxMoves: 1, limits: {enabled: false}}"))
        try await TestServer.run(network: network) { server, api in
            func join(_ name: String, appointment: (id: String, token: String)? = nil) async throws -> APIResponse {
                let improves = appointment.map { #","appointment":"\#($0.id)""# } ?? ""
                return try await api.post(
                    "/api/v1/waitlist",
                    #"{"desks":["TS"],"product":"BIO","from":"2022-06-02","to":"2022-06-03"\#(improves),"customer":\#(Self.customer(name))}"#,
                    headers: appointment.map { ["Authorization": "Bearer \($0.token)"] } ?? [:])
            }
            func book(_ slot: String, _ name: String) async throws -> (id: String, token: String) {
                let hold = try await api.post("/api/v1/holds", #"{"desk":"TS","product":"BIO","slot":"\#(slot)"}"#)
                let booked = try await api.post(
                    "/api/v1/appointments",
                    #"{"hold":"\#(hold.json["id"] as! String)","holdToken":"\#(hold.json["token"] as! String)","customer":\#(Self.customer(name))}"#
                )
                return (booked.json["id"] as! String, booked.json["manageToken"] as! String)
            }
            func accept(_ entry: APIResponse) async throws -> APIResponse {
                try await api.post(
                    "/api/v1/waitlist/\(entry.json["id"] as! String)/offer/accept", "",
                    headers: ["Authorization": "Bearer \(entry.json["token"] as! String)"])
            }
            let early = try await book("20220602-0800-bio", "Early")
            let appointment = try await book("20220603-1900-bio", "Mover")
            let improve = try await join("Mover", appointment: appointment)
            #expect(improve.status == 201, "\(improve.body)")
            let again = try await join("Mover", appointment: appointment)
            #expect(again.status == 409)
            #expect(again.errorField == "appointment" && again.errorCode == "already_waiting")

            // Early cancels; the freed slot is offered to the improvement, and taking it is a move:
            // with one allowed, the appointment can wait for nothing earlier after it.
            _ = try await server.loket.booking.cancel(id: early.id, token: early.token)
            try await server.loket.waitlist.matchFreedSlots()
            #expect(try await accept(improve).status == 200)
            let more = try await join("Mover", appointment: appointment)
            #expect(more.status == 409 && more.errorCode == "move_limit", "\(more.body)")

            // An improvement whose appointment was cancelled books nobody: it would book whoever
            // the entry named, unchecked.
            let other = try await book("20220603-1800-bio", "Other")
            let early2 = try await book("20220602-0810-bio", "Early2")
            let orphan = try await join("Other", appointment: other)
            #expect(orphan.status == 201, "\(orphan.body)")
            _ = try await server.loket.booking.cancel(id: other.id, token: other.token)
            _ = try await server.loket.booking.cancel(id: early2.id, token: early2.token)
            try await server.loket.waitlist.matchFreedSlots()
            let gone = try await accept(orphan)
            #expect(gone.status == 410 || gone.status == 404 || gone.status == 409, "\(gone.body)")
            #expect(!gone.body.contains("manageToken"))

            // Plenty is free on 2 June, yet an anonymous join holds nothing.
            func activeHolds() async throws -> Int {
                try await server.database.session { db in
                    try await db.raw("SELECT COUNT(*) AS n FROM holds WHERE state = 'active'").first()!
                        .decode(column: "n", as: Int.self)
                }
            }
            let before = try await activeHolds()
            let anonymous = try await join("Anon")
            #expect(anonymous.status == 201)
            #expect(anonymous.json["offer"] is NSNull)
            #expect(try await activeHolds() == before)
        }
    }

    @Test(arguments: [
        (#"{"product":"BIO","from":"2022-06-02","to":"2022-06-02","customer":{"name":"A","email":"a@b.nl"}}"#, "desks"),
        (
            #"{"desks":["XX"],"product":"BIO","from":"2022-06-02","to":"2022-06-02","customer":{"name":"A","email":"a@b.nl"}}"#,
            "desks[0]"
        ),
        (
            #"{"desks":["RACE"],"product":"BIO","from":"2022-05-02","to":"2022-06-02","customer":{"name":"A","email":"a@b.nl"}}"#,
            "from"
        ),
        (
            #"{"desks":["RACE"],"product":"BIO","from":"2022-06-03","to":"2022-06-02","customer":{"name":"A","email":"a@b.nl"}}"#,
            "to"
        ),
        (
            #"{"desks":["RACE"],"product":"BIO","from":"2022-06-02","to":"2022-06-02","customer":{"name":"A","email":"x"}}"#,
            "customer.email"
        ),
        (
            #"{"desks":["RACE"],"product":"BIO","from":"2022-06-02","to":"2022-06-02","documentExpiresOn":"soon","customer":{"name":"A","email":"a@b.nl"}}"#,
            "documentExpiresOn"
        ),
        (
            #"{"desks":["RACE"],"product":"BIO","from":"2022-06-02","to":"2022-06-02","appointment":"nope","customer":{"name":"A","email":"a@b.nl"}}"#,
            "Authorization"
        ),
    ])
    func badRequestsNameTheField(body: String, field: String) async throws {
        try await TestServer.run(network: TestNetwork.single(counters: 1)) { _, api in
            let response = try await api.post("/api/v1/waitlist", body)
            #expect((400..<500).contains(response.status))
            #expect(response.errorField == field, "\(response.body)")
        }
    }

    @Test func theOfferPageAcceptsWithoutAProgram() async throws {
        try await TestServer.run(network: TestNetwork.single(counters: 1)) { server, api in
            let booked = try await Self.fillDay(api)
            let waiting = try await Self.join(api, "Page")
            _ = try await api.call(
                .delete, "/api/v1/appointments/\(booked[0].id)", headers: ["Authorization": "Bearer \(booked[0].token)"]
            )
            try await server.loket.waitlist.matchFreedSlots()
            let id = waiting.json["id"] as! String
            let token = waiting.json["token"] as! String
            let page = try await api.get("/waitlist/\(id)/offer?token=\(token)")
            #expect(page.status == 200)
            #expect(page.body.contains(#"<html lang="en" dir="ltr">"#))
            #expect(page.body.contains("Accept the offer"))
            #expect(page.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(try await api.get("/waitlist/\(id)/offer?token=wrong").status == 401)
            // The form token: the page sets it as a cookie and repeats it in each form.
            let csrf = page.headers[.setCookie]!.split(separator: ";")[0].split(separator: "=")[1]
            let form: [String: String] = [
                "Content-Type": "application/x-www-form-urlencoded", "Cookie": "loket_csrf=\(csrf)",
            ]
            // no form token
            #expect(try await api.call(.post, "/waitlist/\(id)/offer/accept", headers: form).status == 403)
            let withoutOfferToken = try await api.client.execute(
                uri: "/waitlist/\(id)/offer/accept", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "loket_csrf=\(csrf)"],
                body: .init(string: "csrf=\(csrf)")
            ) { $0.status.code }
            #expect(withoutOfferToken == 401)
            // Accepted: the new appointment's own page, with its code and manage link.
            let done = try await api.client.execute(
                uri: "/waitlist/\(id)/offer/accept", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "loket_csrf=\(csrf)"],
                body: .init(string: "token=\(token)&csrf=\(csrf)")
            ) { ($0.status.code, $0.headers[.location] ?? "") }
            #expect(done.0 == 303 && done.1.hasPrefix("/manage/") && done.1.hasSuffix("&booked=1"))
            _ = server
        }
    }
}

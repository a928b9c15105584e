import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import Testing

@Suite(.timeLimit(.minutes(3))) struct BookingAPITests {
    static let customer = #"{"name":"Ana Silva","email":"ana@example.nl","vNumber":"1234567890","language":"en"}"#
    /// Ana with her son: a booking for two names both (one live booking per person).
    static let family =
        #"{"name":"Ana Silva","email":"ana@example.nl","vNumber":"1234567890","language":"en","companions":[{"name":"Rui Silva","vNumber":"1234567891"}]}"#

    @Test(arguments: TestDatabase.engines)
    func aCustomerBooksViewsReschedulesAndCancels(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine) { _, api in
            let slots = try await api.get("/api/v1/desks/TS/slots?product=BIO&persons=2&from=2022-06-02&to=2022-06-02")
            #expect(slots.status == 200)
            let list = slots.json["slots"] as! [[String: Any]]
            #expect(list.count == 71)
            #expect(list[0]["key"] as? String == "20220602-0800-bio")
            #expect(list[0]["parts"] as? Int == 2)
            #expect(list[0]["capacity"] as? Int == 2)
            #expect(list[0]["available"] as? Int == 2)

            let hold = try await api.post(
                "/api/v1/holds", #"{"desk":"TS","product":"BIO","persons":2,"slot":"20220602-0800-bio"}"#)
            #expect(hold.status == 201)
            let holdID = hold.json["id"] as! String
            #expect(hold.json["expiresAt"] as? String == "2022-06-01T08:15:00Z")

            // The cached list sees the hold at once.
            let after = try await api.get("/api/v1/desks/TS/slots?product=BIO&persons=2&from=2022-06-02&to=2022-06-02")
            #expect((after.json["slots"] as! [[String: Any]])[0]["available"] as? Int == 1)

            let booked = try await api.post(
                "/api/v1/appointments",
                #"{"hold":"\#(holdID)","holdToken":"\#(hold.json["token"] as! String)","customer":\#(Self.family)}"#)
            #expect(booked.status == 201)
            let id = booked.json["id"] as! String
            let token = booked.json["manageToken"] as! String
            #expect(booked.json["date"] as? String == "2022-06-02")
            #expect(booked.json["startTime"] as? String == "08:00")
            #expect(booked.json["endTime"] as? String == "08:20")
            #expect(booked.json["persons"] as? Int == 2)
            #expect(booked.headers[.location] == "/api/v1/appointments/\(id)")

            let view = try await api.get("/api/v1/appointments/\(id)", headers: ["Authorization": "Bearer \(token)"])
            #expect(view.status == 200)
            #expect(view.json["manageToken"] == nil)
            #expect(view.json["state"] as? String == "confirmed")
            #expect(try await api.get("/api/v1/appointments/\(id)").status == 401)
            let wrong = try await api.get("/api/v1/appointments/\(id)", headers: ["Authorization": "Bearer nope"])
            #expect(wrong.status == 401)
            #expect(wrong.errorField == "Authorization")

            let newHold = try await api.post(
                "/api/v1/holds", #"{"desk":"TS","product":"BIO","persons":2,"slot":"20220603-1400-bio"}"#)
            let moved = try await api.post(
                "/api/v1/appointments/\(id)/reschedule",
                #"{"hold":"\#(newHold.json["id"] as! String)","holdToken":"\#(newHold.json["token"] as! String)"}"#,
                headers: ["Authorization": "Bearer \(token)"])
            #expect(moved.status == 200)
            #expect(moved.json["date"] as? String == "2022-06-03")
            #expect(moved.json["startTime"] as? String == "14:00")
            let freed = try await api.get("/api/v1/desks/TS/slots?product=BIO&persons=2&from=2022-06-02&to=2022-06-02")
            #expect((freed.json["slots"] as! [[String: Any]])[0]["available"] as? Int == 2)

            let cancelled = try await api.call(
                .delete, "/api/v1/appointments/\(id)", headers: ["Authorization": "Bearer \(token)"])
            #expect(cancelled.status == 200)
            #expect(cancelled.json["state"] as? String == "cancelled")
            let reopened = try await api.get(
                "/api/v1/desks/TS/slots?product=BIO&persons=2&from=2022-06-03&to=2022-06-03")
            #expect(
                (reopened.json["slots"] as! [[String: Any]]).first { $0["key"] as? String == "20220603-1400-bio" }?[
                    "available"] as? Int == 2)
        }
    }

    @Test func anExpiredHoldCannotBeConfirmedAndItsCapacityReturns() async throws {
        try await TestServer.run(network: TestNetwork.single(counters: 1)) { server, api in
            let hold = try await api.post(
                "/api/v1/holds", #"{"desk":"RACE","product":"BIO","slot":"20220602-0900-one"}"#)
            #expect(hold.status == 201)
            #expect(
                try await api.post("/api/v1/holds", #"{"desk":"RACE","product":"BIO","slot":"20220602-0900-one"}"#)
                    .status == 409)
            server.clock.advance(minutes: 16)
            let late = try await api.post(
                "/api/v1/appointments",
                #"{"hold":"\#(hold.json["id"] as! String)","holdToken":"\#(hold.json["token"] as! String)","customer":\#(Self.customer)}"#
            )
            #expect(late.status == 410)
            #expect(late.errorField == "hold")
            try await server.loket.operations.sweep()
            let slots = try await api.get("/api/v1/desks/RACE/slots?product=BIO&from=2022-06-02&to=2022-06-02")
            #expect((slots.json["slots"] as! [[String: Any]]).first?["key"] as? String == "20220602-0900-one")
        }
    }

    @Test func aHoldIDAloneConfirmsNothing() async throws {
        try await TestServer.run(network: TestNetwork.single(counters: 1)) { _, api in
            let hold = try await api.post(
                "/api/v1/holds", #"{"desk":"RACE","product":"BIO","slot":"20220602-0900-one"}"#)
            let id = hold.json["id"] as! String
            let token = try #require(hold.json["token"] as? String)
            // Looking the hold up never shows its secret again.
            #expect(try await api.get("/api/v1/holds/\(id)").json["token"] == nil)
            let bare = try await api.post("/api/v1/appointments", #"{"hold":"\#(id)","customer":\#(Self.customer)}"#)
            #expect(bare.status == 422)
            #expect(bare.errorField == "holdToken")
            let guessed = try await api.post(
                "/api/v1/appointments", #"{"hold":"\#(id)","holdToken":"guess","customer":\#(Self.customer)}"#)
            #expect(guessed.status == 403)
            #expect(guessed.errorField == "holdToken")
            #expect(try await api.get("/api/v1/holds/\(id)").json["state"] as? String == "active")
            let booked = try await api.post(
                "/api/v1/appointments",
                #"{"hold":"\#(id)","holdToken":"\#(token)","customer":\#(Self.customer)}"#)
            #expect(booked.status == 201)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func onePersonHasOneLiveBookingPerProductAndMovesAreCapped(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: TestNetwork.single(counters: 5)) { _, api in
            func hold(_ slot: String, persons: Int = 1) async throws -> (id: String, token: String) {
                let hold = try await api.post(
                    "/api/v1/holds", #"{"desk":"RACE","product":"BIO","persons":\#(persons),"slot":"\#(slot)"}"#)
                return (hold.json["id"] as! String, hold.json["token"] as! String)
            }
            func confirm(_ held: (id: String, token: String), _ customer: String) async throws -> APIResponse {
                try await api.post(
                    "/api/v1/appointments",
                    #"{"hold":"\#(held.id)","holdToken":"\#(held.token)","customer":\#(customer)}"#)
            }
            let anonymous = #"{"name":"Bot","email":"bot@example.nl"}"#
            let refusedHold = try await hold("20220602-0900-one")
            let missing = try await confirm(refusedHold, anonymous)
            #expect(missing.status == 422)
            #expect(missing.errorField == "customer.vNumber")
            let alone = try await confirm(try await hold("20220602-0900-one", persons: 2), Self.customer)
            #expect(alone.status == 422)
            #expect(alone.errorField == "customer.companions")
            // A refused confirmation changed nothing: the hold still keeps its slot for its maker.
            #expect(try await api.get("/api/v1/holds/\(refusedHold.id)").json["state"] as? String == "active")
            let other = #"{"name":"Rui Silva","email":"rui@example.nl","vNumber":"1234567899"}"#
            #expect(try await confirm(refusedHold, other).status == 201)

            let first = try await confirm(try await hold("20220602-0900-one"), Self.customer)
            #expect(first.status == 201)
            let second = try await confirm(try await hold("20220603-0900-one"), Self.customer)
            #expect(second.status == 409)
            #expect(second.errorField == "customer.vNumber")
            #expect(second.errorCode == "already_booked")
            // A group booking that names her again is refused as well.
            let family = try await confirm(try await hold("20220603-0900-one", persons: 2), Self.family)
            #expect(family.status == 409)

            // Three moves, then no more: swap chains stop here.
            let id = first.json["id"] as! String
            let token = first.json["manageToken"] as! String
            let manage = ["Authorization": "Bearer \(token)"]
            // The manage page says how many are left, and offers the change while any are.
            let page = try await api.get("/manage/\(id)?token=\(token)", headers: ["Accept": "text/html"])
            #expect(page.body.contains("You can change this appointment 3 more times."))
            #expect(page.body.contains("/manage/\(id)/reschedule?token="))
            for (index, slot) in ["20220602-0910-one", "20220602-0920-one", "20220603-0910-one"].enumerated() {
                let held = try await hold(slot)
                let moved = try await api.post(
                    "/api/v1/appointments/\(id)/reschedule", #"{"hold":"\#(held.id)","holdToken":"\#(held.token)"}"#,
                    headers: manage)
                #expect(moved.status == 200, "move \(index + 1): \(moved.body)")
            }
            let held = try await hold("20220603-0920-one")
            let fourth = try await api.post(
                "/api/v1/appointments/\(id)/reschedule", #"{"hold":"\#(held.id)","holdToken":"\#(held.token)"}"#,
                headers: manage)
            #expect(fourth.status == 409)
            #expect(fourth.errorCode == "move_limit")
            // The page now says so, offers no change, and the calendar is not shown at all.
            let spent = try await api.get("/manage/\(id)?token=\(token)", headers: ["Accept": "text/html"])
            #expect(spent.body.contains("You have changed this appointment 3 times and cannot change it again."))
            #expect(!spent.body.contains("/reschedule?token="))
            let calendar = try await api.get(
                "/manage/\(id)/reschedule?token=\(token)", headers: ["Accept": "text/html", "Accept-Language": "en"])
            #expect(calendar.status == 409)
            #expect(calendar.body.contains("This appointment has been moved too often."))
        }
    }

    /// Cancelling on the web asks first, naming what is cancelled, and changes nothing until the
    /// question is answered; keeping it leads back.
    @Test func cancellingOnThePagesAsksFirst() async throws {
        try await TestServer.run(network: TestNetwork.single(counters: 1)) { _, api in
            let held = try await api.post(
                "/api/v1/holds", #"{"desk":"RACE","product":"BIO","slot":"20220602-0900-one"}"#)
            let booked = try await api.post(
                "/api/v1/appointments",
                #"{"hold":"\#(held.json["id"] as! String)","holdToken":"\#(held.json["token"] as! String)","customer":\#(Self.customer)}"#
            )
            let id = booked.json["id"] as! String
            let token = booked.json["manageToken"] as! String
            let manage = try await api.get("/manage/\(id)?token=\(token)", headers: ["Accept": "text/html"])
            #expect(
                manage.body.contains(#"<a href="/manage/\#(id)/cancel?token=\#(token)">Cancel the appointment</a>"#))
            #expect(!manage.body.contains(#"action="/manage/\#(id)/cancel""#))

            let question = try await api.get("/manage/\(id)/cancel?token=\(token)", headers: ["Accept": "text/html"])
            #expect(question.status == 200)
            #expect(question.body.contains("Do you want to cancel your appointment?"))
            #expect(question.body.contains("Thursday 2 June 2022"))
            #expect(question.body.contains(#"action="/manage/\#(id)/cancel""#))
            #expect(question.body.contains(#"href="/manage/\#(id)?token=\#(token)">No, keep my appointment</a>"#))
            // Asking cancelled nothing.
            let still = try await api.get("/api/v1/appointments/\(id)", headers: ["Authorization": "Bearer \(token)"])
            #expect(still.json["state"] as? String == "confirmed")
            // A wrong token gets no question.
            #expect(
                try await api.get("/manage/\(id)/cancel?token=wrong", headers: ["Accept": "text/html"]).status == 401)
            // Once cancelled, its old links (the question, a change) say so, not that it was moved too often.
            let cancelled = try await api.call(
                .delete, "/api/v1/appointments/\(id)", headers: ["Authorization": "Bearer \(token)"])
            #expect(cancelled.status == 200)
            for path in ["/manage/\(id)/cancel", "/manage/\(id)/reschedule"] {
                let old = try await api.get("\(path)?token=\(token)", headers: ["Accept": "text/html"])
                #expect(old.body.contains("Your appointment is cancelled"), "\(path)")
            }
        }
    }

    @Test func idempotentRetriesReturnTheFirstAnswer() async throws {
        try await TestServer.run(network: TestNetwork.single(counters: 5)) { _, api in
            let body = #"{"desk":"RACE","product":"BIO","slot":"20220602-0900-one"}"#
            let first = try await api.post("/api/v1/holds", body, headers: ["Idempotency-Key": "k1"])
            let retry = try await api.post("/api/v1/holds", body, headers: ["Idempotency-Key": "k1"])
            #expect(first.status == 201)
            #expect(retry.status == 201)
            // The same hold; its secret is not kept for retries, so the retry gets a fresh one.
            #expect(first.json["id"] as? String == retry.json["id"] as? String)
            #expect(first.json["token"] as? String != retry.json["token"] as? String)
            let slots = try await api.get("/api/v1/desks/RACE/slots?product=BIO&from=2022-06-02&to=2022-06-02")
            #expect((slots.json["slots"] as! [[String: Any]])[0]["available"] as? Int == 4)
            let reuse = try await api.post(
                "/api/v1/holds", #"{"desk":"RACE","product":"BIO","slot":"20220602-0910-one"}"#,
                headers: ["Idempotency-Key": "k1"])
            #expect(reuse.status == 422)
            #expect(reuse.errorField == "Idempotency-Key")

            let confirm =
                #"{"hold":"\#(retry.json["id"] as! String)","holdToken":"\#(retry.json["token"] as! String)","customer":\#(Self.customer)}"#
            let booked = try await api.post("/api/v1/appointments", confirm, headers: ["Idempotency-Key": "c1"])
            let again = try await api.post("/api/v1/appointments", confirm, headers: ["Idempotency-Key": "c1"])
            #expect(booked.status == 201)
            #expect(again.status == 201)
            #expect(again.json["id"] as? String == booked.json["id"] as? String)
            #expect(again.json["manageToken"] as? String != booked.json["manageToken"] as? String)
        }
    }

    /// With the README's own example key, another client gets 409 and no hold, id or token.
    @Test func anotherClientsIdempotencyKeyGetsNothing() async throws {
        try await TestServer.run(network: TestNetwork.single(counters: 5), trustedProxies: ["127.0.0.1"]) { _, api in
            let body = #"{"desk":"RACE","product":"BIO","slot":"20220602-0900-one"}"#
            let first = try await api.post(
                "/api/v1/holds", body, headers: ["Idempotency-Key": "7f1c", "X-Forwarded-For": "192.0.2.1"])
            #expect(first.status == 201)
            let other = try await api.post(
                "/api/v1/holds", body, headers: ["Idempotency-Key": "7f1c", "X-Forwarded-For": "192.0.2.2"])
            #expect(other.status == 409)
            #expect(other.errorField == "Idempotency-Key" && other.errorCode == "idempotency_key_in_use")
            #expect(!other.body.contains(first.json["id"] as! String))
            #expect(!other.body.contains(first.json["token"] as! String))
        }
    }

    /// Every invalid field gets a 4xx that names it, and nothing is written.
    @Test(arguments: [
        // method, path, body, status, field
        ("GET", "/api/v1/desks/XX/slots?product=BIO", "", 404, "desk"),
        ("GET", "/api/v1/desks/TS/slots", "", 422, "product"),
        ("GET", "/api/v1/desks/TS/slots?product=NOPE", "", 404, "product"),
        ("GET", "/api/v1/desks/TS/slots?product=BIO&persons=7", "", 422, "persons"),
        ("GET", "/api/v1/desks/TS/slots?product=BIO&persons=two", "", 422, "persons"),
        ("GET", "/api/v1/desks/TS/slots?product=BIO&from=2022-05-31", "", 422, "from"),
        ("GET", "/api/v1/desks/TS/slots?product=BIO&to=2022-09-01", "", 422, "to"),
        ("GET", "/api/v1/desks/TS/slots?product=BIO&from=2022-06-31", "", 422, "from"),
        ("POST", "/api/v1/holds", "", 422, "body"),
        ("POST", "/api/v1/holds", "{not json", 422, "body"),
        ("POST", "/api/v1/holds", #"{"product":"BIO","slot":"20220602-0900-bio"}"#, 422, "desk"),
        (
            "POST", "/api/v1/holds", #"{"desk":"TS","product":"BIO","persons":"2","slot":"20220602-0900-bio"}"#, 422,
            "persons"
        ),
        (
            "POST", "/api/v1/holds", #"{"desk":"TS","product":"BIO","persons":0,"slot":"20220602-0900-bio"}"#, 422,
            "persons"
        ),
        ("POST", "/api/v1/holds", #"{"desk":"TS","product":"BIO","slot":"20220602-0905-bio"}"#, 404, "slot"),
        ("POST", "/api/v1/holds", #"{"desk":"TS","product":"BIO","slot":"20220530-0900-bio"}"#, 422, "slot"),
        ("POST", "/api/v1/holds", #"{"desk":"TS","product":"BIO","slot":"20221001-0900-bio"}"#, 422, "slot"),
        ("POST", "/api/v1/appointments", #"{"customer":{"name":"A","email":"a@b.nl"}}"#, 422, "hold"),
        ("POST", "/api/v1/appointments", #"{"hold":"nope","customer":{"name":"A","email":"a@b.nl"}}"#, 404, "hold"),
        (
            "POST", "/api/v1/appointments", #"{"hold":"x","customer":{"name":"A","email":"not-an-email"}}"#, 422,
            "customer.email"
        ),
        (
            "POST", "/api/v1/appointments", #"{"hold":"x","customer":{"name":"A","email":"a@b.nl","bsn":"123456789"}}"#,
            422, "customer.bsn"
        ),
        (
            "POST", "/api/v1/appointments", #"{"hold":"x","customer":{"name":"A","email":"a@b.nl","vNumber":"12345"}}"#,
            422, "customer.vNumber"
        ),
        (
            "POST", "/api/v1/appointments", #"{"hold":"x","customer":{"name":"","email":"a@b.nl"}}"#, 422,
            "customer.name"
        ),
        (
            "POST", "/api/v1/appointments", #"{"hold":"x","customer":{"name":"A","email":"a@b.nl","language":"fr"}}"#,
            422, "customer.language"
        ),
        ("GET", "/api/v1/appointments/unknown", "", 401, "Authorization"),
        ("GET", "/api/v1/calendar/holidays?year=abc", "", 422, "year"),
        ("GET", "/api/v1/calendar/working-days?from=2022-01-01", "", 422, "to"),
    ])
    func badInputIsRefusedByName(method: String, path: String, body: String, status: Int, field: String) async throws {
        try await TestServer.run { server, api in
            // A POST declares JSON, so that an empty body reaches the check for one.
            let response = try await api.call(method == "GET" ? .get : .post, path, json: method == "GET" ? nil : body)
            #expect(response.status == status, "\(response.body)")
            #expect(response.errorField == field, "\(response.body)")
            let day = LocalDate(iso: "2022-06-02")!
            #expect(try await CapacityStore(database: server.database).usage(desk: "TS", dates: day...day).isEmpty)
        }
    }
}

import Foundation
import LoketDomain
import LoketTestSupport
import SQLKit
import Testing

/// Booking through the planner-compatible API: the reserve its clients really send (no product),
/// the booking of that reservation by the client that made it — and by no one else — or of a slot
/// afresh, under the same rules as every channel, answered in the planner's envelope.
@Suite(.timeLimit(.minutes(3))) struct PlannerBookingAPITests {
    static let network = TestNetwork.single(counters: 1, horizonDays: 1)
    static let slot =
        #"{"key":"20220602-0910-one","date":"2022-06-02","startTime":"09:10","endTime":"09:20","parts":1}"#

    static func booking(_ people: [String], slot: String = slot, echo: String = "") -> String {
        let customers = people.map {
            #"{"vNumber":"\#(TestPeople.vNumber($0))","bsn":"111222333","firstName":"\#($0)","lastName":"Silva"}"#
        }
        let bookable = slot.dropLast() + #","booked":false\#(echo)}"#
        return
            #"{"bookableSlot":\#(bookable),"appointment":{"productKey":"BIO","date":"2022-06-02","startTime":"09:10","endTime":"09:20","email":"ana@example.nl","phone":"0612345678","language":"en","customers":[\#(customers.joined(separator: ","))]}}"#
    }

    static func data(_ response: APIResponse) -> [String: Any] {
        #expect(response.body.hasPrefix(")]}',\n"))
        let parsed = (try? JSONSerialization.jsonObject(with: Data(response.body.dropFirst(6).utf8))) as? [String: Any]
        return parsed?["data"] as? [String: Any] ?? [:]
    }

    /// The cookie the reserve answer set, as a client that keeps cookies sends it back.
    static func cookie(_ response: APIResponse) -> String {
        String(response.headers[.setCookie]!.split(separator: ";")[0])
    }

    @Test func aReserveWithThePlannersBodyNeedsNoProduct() async throws {
        try await TestServer.run(network: Self.network) { _, api in
            let reserve = try await api.post("/oap/api/desks/RACE/slots/20220602-0910-one", Self.slot)
            #expect(reserve.status == 200, "\(reserve.body)")
            #expect(reserve.body.hasPrefix(")]}',\n" + #"{"status":"OK","data":{"key":"20220602-0910-one","#))
            let data = Self.data(reserve)
            #expect((data["holdToken"] as? String)?.isEmpty == false)
            let cookie = try #require(reserve.headers[.setCookie])
            #expect(cookie.hasPrefix("oap_reservation_20220602-0910-one="))
            #expect(cookie.contains("Path=/oap/api/desks/RACE/") && cookie.contains("HttpOnly"))
            let hold = try await api.get("/api/v1/holds/\(data["holdId"] as! String)")
            #expect(hold.json["product"] as? String == "BIO" && hold.json["persons"] as? Int == 1)
        }
    }

    @Test(arguments: ["cookie", "echo"])
    func theClientThatReservedBooksItsReservation(way: String) async throws {
        try await TestServer.run(network: Self.network) { server, api in
            let reserve = try await api.post("/oap/api/desks/RACE/slots/20220602-0910-one", Self.slot)
            let held = Self.data(reserve)
            let body =
                way == "echo"
                ? Self.booking(["Ana"], echo: #","holdId":"\#(held["holdId"]!)","holdToken":"\#(held["holdToken"]!)""#)
                : Self.booking(["Ana"])
            let booked = try await api.post(
                "/oap/api/desks/RACE/appointments/", body,
                headers: way == "cookie" ? ["Cookie": Self.cookie(reserve)] : [:])
            #expect(booked.status == 200, "\(booked.body)")
            #expect(
                booked.body.hasPrefix(
                    ")]}',\n"
                        + #"{"status":"OK","data":{"key":"20220602-0910-one","date":"2022-06-02","startTime":"09:10","endTime":"09:20","parts":1,"booked":true,"appointmentId":""#
                ))
            let data = Self.data(booked)
            let appointment = try await api.get(
                "/api/v1/appointments/\(data["appointmentId"] as! String)",
                headers: ["Authorization": "Bearer \(data["manageToken"] as! String)"])
            #expect(appointment.json["slot"] as? String == "20220602-0910-one")
            // The reserved hold became the appointment: no second unit was taken.
            #expect(
                try await api.get("/api/v1/holds/\(held["holdId"] as! String)").json["state"] as? String == "confirmed")
            // The BSN was accepted and dropped.
            let bsn = try await server.database.session { db in
                try await db.raw("SELECT customer_bsn FROM appointments").first()!.decode(
                    column: "customer_bsn", as: String?.self)
            }
            #expect(bsn == nil)
        }
    }

    @Test func aSlotNotReservedIsBookedThenAndThere() async throws {
        try await TestServer.run(network: Self.network) { _, api in
            let booked = try await api.post("/oap/api/desks/RACE/appointments/", Self.booking(["Ana", "Bo"]))
            #expect(booked.status == 200, "\(booked.body)")
            #expect(Self.data(booked)["parts"] as? Int == 2)
            let list = try await api.get("/oap/api/desks/RACE/slots/?productKey=BIO&persons=1")
            #expect(!list.body.contains("20220602-0910-one") && !list.body.contains("20220602-0920-one"))
        }
    }

    @Test func anotherClientCannotBookSomeoneElsesReservation() async throws {
        try await TestServer.run(network: Self.network) { _, api in
            let reserve = try await api.post("/oap/api/desks/RACE/slots/20220602-0910-one", Self.slot)
            let held = Self.data(reserve)
            // Without the reservation's token: the slot is booked afresh, and it is full.
            let stranger = try await api.post("/oap/api/desks/RACE/appointments/", Self.booking(["Eve"]))
            #expect(stranger.status == 409)
            #expect(stranger.body.hasPrefix(")]}',\n" + #"{"status":"ERROR","data":{"#))
            #expect(Self.data(stranger)["code"] as? String == "slot_full")
            // With the hold's id (seen somewhere) and a guessed token: refused.
            let guessing = try await api.post(
                "/oap/api/desks/RACE/appointments/",
                Self.booking(["Eve"], echo: #","holdId":"\#(held["holdId"]!)","holdToken":"guess""#))
            #expect(guessing.status == 403)
            #expect(Self.data(guessing)["field"] as? String == "bookableSlot.holdToken")
            // The maker still books it.
            let maker = try await api.post(
                "/oap/api/desks/RACE/appointments/", Self.booking(["Ana"]), headers: ["Cookie": Self.cookie(reserve)])
            #expect(maker.status == 200, "\(maker.body)")
        }
    }

    @Test func aPersonWithALiveBookingIsRefusedInThePlannersFormat() async throws {
        try await TestServer.run(network: Self.network) { _, api in
            let first = try await api.post("/oap/api/desks/RACE/appointments/", Self.booking(["Ana"]))
            #expect(first.status == 200)
            let other =
                #"{"key":"20220602-0920-one","date":"2022-06-02","startTime":"09:20","endTime":"09:30","parts":1}"#
            let again = try await api.post("/oap/api/desks/RACE/appointments/", Self.booking(["Ana"], slot: other))
            #expect(again.status == 409, "\(again.body)")
            #expect(again.body.hasPrefix(")]}',\n" + #"{"status":"ERROR","data":{"#))
            #expect(Self.data(again)["code"] as? String == "already_booked")
            #expect(Self.data(again)["field"] as? String == "appointment.customers")
            // Nothing changed: the slot is still free.
            let list = try await api.get("/oap/api/desks/RACE/slots/?productKey=BIO&persons=1")
            #expect(list.body.contains("20220602-0920-one"))
        }
    }

    @Test(arguments: [
        (#"{"appointment":{"customers":[]}}"#, 422, "bookableSlot.key"),
        (#"{"bookableSlot":{"key":"20220602-0910-one"},"appointment":{"customers":[]}}"#, 422, "appointment.customers"),
        (
            #"{"bookableSlot":{"key":"20220602-0910-one"},"appointment":{"email":"x","language":"en","customers":[{"vNumber":"1234567890","firstName":"A","lastName":"B"}]}}"#,
            422, "appointment.email"
        ),
        (
            #"{"bookableSlot":{"key":"20220602-0910-one"},"appointment":{"email":"a@b.nl","language":"en","customers":[{"firstName":"A","lastName":"B"}]}}"#,
            422, "appointment.customers[0].vNumber"
        ),
    ])
    func refusalsNameThePlannersField(body: String, status: Int, field: String) async throws {
        try await TestServer.run(network: Self.network) { _, api in
            let response = try await api.post("/oap/api/desks/RACE/appointments/", body)
            #expect(response.status == status, "\(response.body)")
            #expect(Self.data(response)["field"] as? String == field)
        }
    }
}

import Foundation
import LoketDomain
import LoketTestSupport
import Testing

/// A third party books an invited product through the planner API, whose body has no date of
/// birth: the slot is held, the invited person gets the link at their invitation's own address,
/// and only they make it an appointment, with their date of birth.
@Suite(.timeLimit(.minutes(3))) struct AwaitingPersonTests: PageTests {
    static let slot =
        #"{"key":"20220602-0800-bio","date":"2022-06-02","startTime":"08:00","endTime":"08:10","parts":1}"#

    static func booking(_ vNumbers: [String], email: String = "app@thirdparty.example") -> String {
        let customers = vNumbers.map { #"{"vNumber":"\#($0)","firstName":"Ana","lastName":"Silva"}"# }
        let bookable = slot.dropLast() + #","booked":false}"#
        return
            #"{"bookableSlot":\#(bookable),"appointment":{"productKey":"BIO","date":"2022-06-02","startTime":"08:00","endTime":"08:10","email":"\#(email)","language":"en","customers":[\#(customers.joined(separator: ","))]}}"#
    }

    static func data(_ response: APIResponse) -> [String: Any] {
        let parsed = (try? JSONSerialization.jsonObject(with: Data(response.body.dropFirst(6).utf8))) as? [String: Any]
        return parsed?["data"] as? [String: Any] ?? [:]
    }

    @Test(arguments: TestDatabase.engines)
    func theInvitedPersonConfirmsWhatAThirdPartyBooked(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: InvitationAPITests.network) { server, api in
            let list = "/api/v1/desks/TS/slots?product=BIO&from=2022-06-02&to=2022-06-02"
            let before = try await api.get(list).body
            // Nobody invited: refused at the planner's own field, and nothing is held.
            let stranger = try await api.post("/oap/api/desks/TS/appointments/", Self.booking(["9999999999"]))
            #expect(stranger.status == 422)
            #expect(stranger.body.contains(#""field":"appointment.customers[0].vNumber""#))
            #expect(stranger.body.contains(#""code":"not_invited""#))
            #expect(try await api.get(list).body == before)

            let key = try await InvitationAPITests.caseSystem(server)
            _ = try await InvitationAPITests.invite(api, key, InvitationAPITests.ana)
            let booked = try await api.post(
                "/oap/api/desks/TS/appointments/", Self.booking([InvitationAPITests.ana.vNumber]))
            #expect(booked.status == 200, "\(booked.body)")
            #expect(booked.body.hasPrefix(")]}',\n{\"status\":\"OK\""))
            let data = Self.data(booked)
            #expect(data["booked"] as? Bool == false && data["awaitingPerson"] as? Bool == true)
            #expect(data["holdToken"] == nil && data["manageToken"] == nil)
            let hold = try #require(data["holdId"] as? String)
            #expect(try await server.loket.booking.hold(id: hold).state == .active)
            // One booking waits for a person at a time: a second fills nobody's mailbox.
            let again = try await api.post(
                "/oap/api/desks/TS/appointments/",
                Self.booking([InvitationAPITests.ana.vNumber]).replacingOccurrences(of: "0800", with: "0810"))
            #expect(again.status == 422 && again.body.contains(#""code":"not_invited""#))

            // The link goes to the invitation's own address, not the third party's.
            let (token, to) = try await server.database.session { db in
                let row = try await db.raw(
                    """
                    SELECT o.secret, i.email FROM outbox o JOIN awaiting_people a ON a.hold_id = o.appointment_id
                    JOIN invitations i ON i.id = a.invitation_id WHERE o.kind = 'awaitingPerson'
                    """
                ).first()!
                return (
                    try row.decode(column: "secret", as: String.self), try row.decode(column: "email", as: String.self)
                )
            }
            #expect(to == "ana@example.nl")
            let page = try await get(api, "/book/awaiting/\(hold)?token=\(token)")
            #expect(page.status == 200)
            #expect(page.body.contains(#"name="dateOfBirth-day""#) && page.body.contains("Ana Silva"))
            #expect(try await get(api, "/book/awaiting/\(hold)?token=m-wrong").status == 410)

            // A wrong date of birth is said at its field; the right one makes the appointment.
            // Typed as the page asks it, in three boxes; a refusal keeps what was typed.
            let wrong = try await post(
                api, "/book/awaiting/\(hold)",
                ["token": token, "dateOfBirth-day": "2", "dateOfBirth-month": "4", "dateOfBirth-year": "1990"])
            #expect(wrong.status == 422)
            #expect(wrong.body.contains(#"id="dateOfBirth-error""#))
            #expect(wrong.body.contains(#"name="dateOfBirth-day" inputmode="numeric" maxlength="2" value="2""#))
            let confirmed = try await post(
                api, "/book/awaiting/\(hold)",
                ["token": token, "dateOfBirth-day": "1", "dateOfBirth-month": "04", "dateOfBirth-year": "1990"])
            #expect(confirmed.status == 303, "\(confirmed.body)")
            #expect(try await server.loket.booking.hold(id: hold).state == .confirmed)
            let email = try await server.database.session { db in
                try await db.raw("SELECT customer_email FROM appointments").first()!
                    .decode(column: "customer_email", as: String.self)
            }
            #expect(email == "ana@example.nl")
            // Done: the link opens nothing any more, and who it named is not kept.
            #expect(try await get(api, "/book/awaiting/\(hold)?token=\(token)").status == 410)
            let kept = try await server.database.session { db in
                try await db.raw("SELECT COUNT(*) AS n FROM awaiting_people").first()!.decode(column: "n", as: Int.self)
            }
            #expect(kept == 0)
        }
    }
}

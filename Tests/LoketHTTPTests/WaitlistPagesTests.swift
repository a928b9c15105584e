import Foundation
import LoketDomain
import LoketTestSupport
import Testing

/// The waitlist on the web: linked wherever no time suits, joined with a form that names each
/// wrong field and changes nothing, followed on the entry's page (place in line, the offer,
/// leaving), and an accepted offer ends on the new appointment's page.
@Suite(.timeLimit(.minutes(3))) struct WaitlistPagesTests: PageTests {
    static let network = TestNetwork.single(counters: 1)

    func entries(_ server: TestServer) async throws -> Int {
        try await server.database.session { db in
            try await db.raw("SELECT COUNT(*) AS n FROM waitlist").first()!.decode(column: "n", as: Int.self)
        }
    }

    static func form(_ name: String, desk: String? = "RACE") -> [String: String] {
        var form = [
            "persons": "1", "from": "2022-06-02", "to": "2022-06-03", "name": name,
            "email": "\(name.lowercased())@example.nl", "vNumber": TestPeople.vNumber(name),
        ]
        if let desk { form["desk-\(desk)"] = "1" }
        return form
    }

    @Test func aCustomerJoinsFollowsTheOfferAndBooksIt() async throws {
        try await TestServer.run(network: Self.network, options: Self.quickHashes) { server, api in
            let booked = try await WaitlistAPITests.fillDay(api)
            // The calendar offers the waitlist for this desk and party.
            let calendar = try await get(api, "/book/BIO/desks/RACE?date=2022-06-02")
            #expect(calendar.body.contains(#"<a href="/book/BIO/waitlist?desk=RACE&amp;persons=1">"#))
            let form = try await get(api, "/book/BIO/waitlist?desk=RACE")
            #expect(form.status == 200 && form.body.contains(#"id="desk-RACE" name="desk-RACE" value="1" checked"#))

            // Sent empty: every wrong field named, and nobody joined.
            let empty = try await post(api, "/book/BIO/waitlist", ["persons": "1", "from": "", "to": ""])
            #expect(empty.status == 422)
            for field in ["desks", "name", "email"] {
                #expect(empty.body.contains("<a href=\"#\(field)\">"), "\(field)")
            }
            let backwards = try await post(
                api, "/book/BIO/waitlist",
                Self.form("Wrong").merging(["from": "2022-06-03", "to": "2022-06-02"]) { $1 })
            #expect(backwards.status == 422 && backwards.body.contains("The last day is before the first day."))
            // A party size the form does not offer is refused at its field, not clamped to one it does.
            for persons in ["9", "0", "two"] {
                let tampered = try await post(
                    api, "/book/BIO/waitlist", Self.form("Tamper").merging(["persons": persons]) { $1 })
                #expect(tampered.status == 422 && tampered.body.contains(#"id="persons-error""#), "\(persons)")
            }
            #expect(try await entries(server) == 0)

            let joined = try await post(api, "/book/BIO/waitlist", Self.form("Olena"))
            #expect(joined.status == 303)
            let location = try #require(joined.headers[.location])
            #expect(location.hasPrefix("/waitlist/") && location.hasSuffix("&joined=1"))
            #expect(!location.contains("olena") && !location.contains(TestPeople.vNumber("Olena")))
            let entry = try await get(api, location)
            #expect(entry.body.contains("You are on the waitlist"))
            #expect(entry.body.contains(#"<dd id="position">1</dd>"#))
            #expect(entry.body.contains("Thursday 2 June 2022 – Friday 3 June 2022"))
            #expect(try await get(api, location.replacingOccurrences(of: "token=", with: "token=x")).status == 401)

            // A cancellation frees the slot; the matcher offers it; the entry's page links the offer.
            _ = try await api.call(
                .delete, "/api/v1/appointments/\(booked[0].id)", headers: ["Authorization": "Bearer \(booked[0].token)"]
            )
            try await server.loket.waitlist.matchFreedSlots()
            let offered = try await get(api, location)
            let token = String(location.split(separator: "=")[1].split(separator: "&")[0])
            let id = String(location.split(separator: "/")[1].split(separator: "?")[0])
            #expect(offered.body.contains("/waitlist/\(id)/offer?token=\(token)"))
            let accepted = try await post(api, "/waitlist/\(id)/offer/accept", ["token": token])
            #expect(accepted.status == 303)
            let manage = try #require(accepted.headers[.location])
            #expect(manage.hasPrefix("/manage/") && manage.hasSuffix("&booked=1"))
            let page = try await get(api, manage)
            #expect(page.body.contains("id=\"appointment-code\"") && page.body.contains("Thursday 2 June 2022"))
            // With directions to the desk.
            #expect(page.body.contains(#"<a href="https://www.google.com/maps/dir/?api=1&amp;destination="#))
            #expect(try await get(api, location).body.contains("You accepted an offer from the waitlist."))
        }
    }

    @Test func aCustomerLeavesTheWaitlist() async throws {
        try await TestServer.run(network: Self.network) { server, api in
            let joined = try await post(api, "/book/BIO/waitlist", Self.form("Ahmad"), language: "ar")
            let location = try #require(joined.headers[.location])
            // The entry's page is in the customer's language (Arabic, right to left).
            let entry = try await get(api, location, language: "ar")
            #expect(entry.body.contains(#"<html lang="ar" dir="rtl">"#) && entry.body.contains("أنت في قائمة الانتظار"))
            let token = String(location.split(separator: "=")[1].split(separator: "&")[0])
            let id = String(location.split(separator: "/")[1].split(separator: "?")[0])
            #expect(try await post(api, "/waitlist/\(id)/leave", ["token": "wrong"]).status == 401)
            // Asked first, with a way back: nothing is given up yet.
            let asked = try await post(api, "/waitlist/\(id)/leave", ["token": token], language: "en")
            #expect(asked.status == 200 && asked.body.contains("Leave the waitlist?"))
            #expect(asked.body.contains(#"<input type="hidden" name="confirm" value="1">"#))
            #expect(asked.body.contains("href=\"/waitlist/\(id)?token=\(token)\">No, keep my place</a>"))
            #expect(try await server.loket.waitlist.entry(id: id, token: token).state == .waiting)
            let left = try await post(api, "/waitlist/\(id)/leave", ["token": token, "confirm": "1"])
            #expect(left.status == 200 && left.body.contains("You have left the waitlist"))
            #expect(try await get(api, location).body.contains("No longer on the waitlist"))
            #expect(try await server.loket.waitlist.entry(id: id, token: token).state == .left)
        }
    }

    @Test func theDesksPageOffersTheWaitlistWhereNothingIsFree() async throws {
        // Booking reaches to tomorrow; today's times have passed, tomorrow's three are booked.
        try await TestServer.run(network: TestNetwork.single(counters: 1, horizonDays: 1)) { _, api in
            _ = try await WaitlistAPITests.fillDay(api)
            let desks = try await get(api, "/book/BIO/desks")
            #expect(desks.body.contains("No free time in the coming period."))
            #expect(desks.body.contains(#"<a href="/book/BIO/waitlist?desk=RACE">Join the waitlist for this desk</a>"#))
        }
    }

    /// Choosing 2 persons and a time without pressing "Show free times" never holds the time
    /// for 1: the calendar comes back for 2.
    @Test func aChangedPartyShowsTheCalendarAgainInsteadOfHolding() async throws {
        try await TestServer.run(network: Self.network) { server, api in
            let path = "/book/BIO/desks/RACE"
            let changed = try await post(
                api, path,
                [
                    "persons": "2", "listedPersons": "1", "month": "2022-06", "date": "2022-06-02",
                    "slot": "20220602-0900-one",
                ])
            #expect(changed.status == 303)
            #expect(changed.headers[.location] == "\(path)?persons=2&month=2022-06&date=2022-06-02#slot")
            let shown = try await post(
                api, path,
                ["persons": "1", "listedPersons": "1", "assistance": "1", "show": "1", "month": "2022-06"])
            #expect(shown.headers[.location] == "\(path)?persons=1&assistance=1&month=2022-06")
            // A party size the form does not offer is refused, not read as one person nor clamped
            // to six and the calendar shown for that.
            for (persons, listed) in [("two", "2"), ("9", "1"), ("9", "6")] {
                let tampered = try await post(
                    api, path,
                    [
                        "persons": persons, "listedPersons": listed, "month": "2022-06", "date": "2022-06-02",
                        "slot": "20220602-0900-one",
                    ])
                #expect(tampered.status == 422, "\(persons) listed as \(listed)")
            }
            let holds = try await server.database.session { db in
                try await db.raw("SELECT COUNT(*) AS n FROM holds").first()!.decode(column: "n", as: Int.self)
            }
            #expect(holds == 0)
            // The party as listed, a time chosen, and Enter (the form's first button, "Show free
            // times"): the time is held.
            let held = try await post(
                api, path,
                ["persons": "1", "listedPersons": "1", "month": "2022-06", "slot": "20220602-0900-one", "show": "1"])
            #expect(held.status == 303 && held.headers[.location]?.hasPrefix("/book/hold/") == true)
        }
    }
}

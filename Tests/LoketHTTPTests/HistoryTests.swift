import Foundation
import LoketDomain
import LoketTestSupport
import Testing

/// The measured history (issue #12): what a day at the desks looked like, stored once per day,
/// desk, product and measure; published as open data and shown on the managers' dashboard.
@Suite(.timeLimit(.minutes(3))) struct HistoryTests: PageTests {
    /// Two counters at RACE, three slots a weekday: six places a day from Thursday 2 June 2022.
    static let network = TestNetwork.single(counters: 2)

    static func hold(_ api: APIClient, _ slot: String) async throws -> (id: String, token: String) {
        let hold = try await api.post("/api/v1/holds", #"{"desk":"RACE","product":"BIO","slot":"\#(slot)"}"#)
        #expect(hold.status == 201, "\(hold.body)")
        return (hold.json["id"] as! String, hold.json["token"] as! String)
    }

    static func rows(_ server: TestServer) async throws -> Int {
        try await server.database.session { db in
            try await db.raw("SELECT COUNT(*) AS n FROM measurements").first()!.decode(column: "n", as: Int.self)
        }
    }

    /// Three booked, one cancelled, one moved, one on the waitlist: measured, then measured again.
    static func bookADay(_ server: TestServer, _ api: APIClient) async throws {
        var booked: [(id: String, token: String)] = []
        for (i, slot) in ["20220602-0900-one", "20220602-0910-one", "20220603-0900-one"].enumerated() {
            booked.append(try await WaitlistAPITests.book(api, slot: slot, name: "Person\(i)"))
        }
        _ = try await server.loket.booking.cancel(id: booked[0].id, token: booked[0].token)
        let held = try await hold(api, "20220603-0910-one")
        let moved = try await api.post(
            "/api/v1/appointments/\(booked[1].id)/reschedule", #"{"hold":"\#(held.id)","holdToken":"\#(held.token)"}"#,
            headers: ["Authorization": "Bearer \(booked[1].token)"])
        #expect(moved.status == 200, "\(moved.body)")
        // A partner's entry is offered what is free at once (an anonymous one waits for freed capacity).
        let partner = try await WaitlistAPITests.partnerKey(server)
        #expect(try await WaitlistAPITests.join(api, "Waiting", partnerKey: partner).status == 201)
    }

    @Test(arguments: TestDatabase.engines)
    func aDayIsMeasuredOnceAndMeasuringAgainReplaces(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: Self.network) { server, api in
            try await Self.bookADay(server, api)
            let measured = try await server.loket.forecasts.measure()
            let today = LocalDate(iso: "2022-06-01")!
            func value(_ measure: Measure, product: String = "BIO", on day: LocalDate = today) -> Double? {
                measured.first {
                    $0.date == day && $0.desk == "RACE" && $0.product == product && $0.measure == measure
                }?
                .value
            }
            #expect(value(.made) == 3)
            #expect(value(.cancelled) == 1)
            #expect(value(.moved) == 1)
            #expect(value(.waitlistJoined) == 1)
            // Thursday has room, so the partner's entry is offered a place at once.
            #expect(value(.offersMade) == 1)
            #expect(value(.waitlistSize) == 1)
            // Thursday has places left: one working day to the first and the third free place.
            #expect(value(.waitFirstSlot) == 1)
            #expect(value(.waitThirdSlot) == 1)
            // 4 weeks ahead (20 working days, Thursday 2 June to Thursday 30 June, Whit Monday off):
            // 20 days × 6 places, less the 2 booked and the one held for the offer.
            let free = try #require(value(.freeNext4Weeks))
            #expect(free == 117, "\(free)")
            #expect(value(.served) == nil && value(.offersAccepted) == nil)

            let rows = try await Self.rows(server)
            #expect(rows == measured.count)
            try await server.loket.forecasts.measure()
            #expect(try await Self.rows(server) == rows)

            // The next day the day before is completed, and a new day begins.
            server.clock.advance(minutes: 24 * 60)
            try await server.loket.forecasts.measure()
            let stored = try await server.loket.forecasts.history(dates: today...today.adding(days: 1), desk: "RACE")
            #expect(stored.filter { $0.date == today && $0.measure == .made }.map(\.value) == [3])
            #expect(stored.contains { $0.date == today.adding(days: 1) && $0.measure == .waitFirstSlot })
            #expect(Set(stored).count == stored.count)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func theOpenDataHasTheWaitsAndNothingElse(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: Self.network) { server, api in
            try await Self.bookADay(server, api)
            try await server.loket.forecasts.measure()
            let json = try await api.get("/api/v1/open-data/wait-times?from=2022-05-01&to=2022-06-01&desk=RACE")
            #expect(json.status == 200)
            #expect(json.headers[.cacheControl] == "public, max-age=300")
            let values = try #require(json.json["values"] as? [[String: Any]])
            let measures = Set(values.compactMap { $0["measure"] as? String })
            #expect(
                measures
                    == Set(Measure.allCases.filter(\.isOpenData).map(\.rawValue)).subtracting(
                        [Measure.collectionWaitP50.rawValue, Measure.collectionWaitP90.rawValue]))
            #expect(json.json["norm"] as? Double == 10)
            #expect(!json.body.contains("Person") && !json.body.contains("example.nl"))

            let csv = try await api.get("/api/v1/open-data/wait-times?format=csv")
            #expect(csv.status == 200 && csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = csv.body.split(separator: "\n")
            #expect(lines.first == "date,desk,product,measure,value")
            #expect(lines.contains("2022-06-01,RACE,BIO,wait_first_slot_working_days,1"))
            #expect(lines.count == values.count + 1)

            for (query, field, status) in [
                ("from=2022-13-01", "from", 422), ("to=tomorrow", "to", 422),
                ("from=2022-06-02&to=2022-06-01", "from", 422),
                ("from=2018-01-01&to=2022-06-01", "from", 422), ("desk=NOPE", "desk", 404),
                ("product=NOPE", "product", 404), ("format=xml", "format", 422),
            ] {
                let refused = try await api.get("/api/v1/open-data/wait-times?\(query)")
                #expect(refused.status == status, "\(query): \(refused.body)")
                #expect(refused.errorField == field, "\(query)")
            }
        }
    }

    @Test func theWaitingTimesPageIsInTheLanguageOfItsAddress() async throws {
        try await TestServer.run(network: Self.network) { server, api in
            try await server.loket.forecasts.measure()
            let dutch = try await get(api, "/wachttijden", language: "en")
            #expect(dutch.status == 200)
            #expect(
                dutch.body.contains("<html lang=\"nl\" dir=\"ltr\">") && dutch.body.contains("Wachttijden per loket"))
            #expect(dutch.body.contains("<svg") && dutch.body.contains("Norm: 10 werkdagen"))
            #expect(dutch.body.contains("<th scope=\"row\">Raceloket</th><td>1</td>"))
            #expect(dutch.body.contains("href=\"/language?to=en&amp;back=/en/waiting-times\""))
            let english = try await get(api, "/en/waiting-times", language: "nl")
            #expect(
                english.body.contains("<html lang=\"en\" dir=\"ltr\">")
                    && english.body.contains("Waiting times per desk"))
            #expect(english.body.contains("/api/v1/open-data/wait-times?format=csv"))
            // The downloads come before the charts, with what each column means.
            let downloads = try #require(english.body.range(of: "id=\"downloads\""))
            let firstChart = try #require(english.body.range(of: "<svg"))
            #expect(downloads.lowerBound < firstChart.lowerBound)
            #expect(english.body.contains("<dt>Desk code</dt><dd>The desk"))
        }
    }

    /// The spreadsheet download opens in columns in Dutch Excel: `;` between fields, a decimal
    /// comma, a byte order mark, names beside the codes and the unit in words.
    @Test func theSpreadsheetDownloadSuitsTheLanguagesSpreadsheet() async throws {
        try await TestServer.run(network: Self.network) { server, api in
            try await server.loket.forecasts.measure()
            let dutch = try await api.get("/wachttijden.csv")
            #expect(dutch.status == 200 && dutch.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(dutch.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"wachttijden-") == true)
            let lines = dutch.body.components(separatedBy: "\r\n")
            #expect(lines[0] == "\u{FEFF}Datum;Loket;Loketcode;Product;Productcode;Maat;Waarde;Eenheid")
            #expect(
                lines.contains {
                    $0.hasPrefix("2022-06-01;Raceloket;RACE;") && $0.hasSuffix(";Eerste vrije plek;1;werkdagen")
                })
            let english = try await api.get("/en/waiting-times.csv")
            #expect(english.body.hasPrefix("\u{FEFF}Date,Desk,Desk code,Product,Product code,Measure,Value,Unit\r\n"))
            #expect(english.body.contains(",First free slot,1,working days\r\n"))
        }
    }

    @Test func theDashboardIsForManagersOfTheDeskAndAdmins() async throws {
        try await TestServer.run(network: Self.network, options: Self.quickHashes) { server, api in
            try await Self.bookADay(server, api)
            try await server.loket.forecasts.measure()
            _ = try await server.loket.staff.createStaff(
                username: "chef", password: Self.password, role: .deskManager, desk: "RACE", by: nil)
            _ = try await server.loket.staff.createStaff(
                username: "balie", password: Self.password, role: .clerk, desk: "RACE", by: nil)
            #expect(try await get(api, "/staff/dashboard").headers[.location] == "/staff/sign-in")
            #expect(try await get(api, "/staff/dashboard.csv").headers[.location] == "/staff/sign-in")
            let clerk = try await signIn(api, "balie")
            #expect(try await get(api, "/staff/dashboard", cookies: [clerk]).status == 403)

            let manager = try await signIn(api, "chef")
            let page = try await get(api, "/staff/dashboard?weeks=12", cookies: [manager])
            #expect(page.status == 200)
            #expect(page.body.contains("<h3 id=\"dashboardWaits\">Waiting time</h3>"))
            // The network at a glance first: every desk the manager sees, the wait now, linked.
            let overview = try #require(page.body.range(of: "id=\"overview\""))
            #expect(overview.lowerBound < (page.body.range(of: "<svg")?.lowerBound ?? page.body.endIndex))
            #expect(
                page.body.contains(
                    "<th scope=\"row\">Raceloket</th><td><a href=\"/staff/dashboard?desk=RACE&amp;product=BIO\">"))
            #expect(page.body.contains("<svg") && page.body.contains("Norm: 10 working days"))
            #expect(
                page.body.contains(
                    "<tr><th scope=\"row\">week of Monday 30 May 2022</th><td>3</td><td>1</td><td>1</td><td>–</td><td>–</td></tr>"
                ))
            let csv = try await get(api, "/staff/dashboard.csv?desk=RACE&product=BIO&weeks=12", cookies: [manager])
            #expect(csv.status == 200 && csv.body.contains("2022-05-30,RACE,BIO,appointments_made,3,1"))
            #expect(try await get(api, "/staff/dashboard?weeks=7", cookies: [manager]).status == 422)
            #expect(try await get(api, "/staff/dashboard?desk=NOPE", cookies: [manager]).status == 404)
        }
    }
}

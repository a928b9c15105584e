import Foundation
import HTTPTypes
import Hummingbird
import LoketApp
import LoketDomain
import LoketTestSupport
import Testing

/// The draw pages (loting) over HTTP, as a browser uses them: a manager puts BIO at RACE in draw
/// mode, a draw opens for the day that comes into the horizon, customers read what a draw is,
/// enter through the form, follow their entry to its outcome, and anyone checks the result.
@Suite(.timeLimit(.minutes(3))) struct DrawPagesTests: PageTests {
    static let pageLanguage = "nl"

    /// Puts BIO at RACE in draw mode and opens the draw for the next day that comes into the horizon.
    func openDraw(_ server: TestServer) async throws -> Draw {
        let manager = try await server.loket.staff.createStaff(
            username: "chef", password: Self.password, role: .deskManager, desk: "RACE", by: nil)
        try await server.loket.draws.setMode(desk: "RACE", product: "BIO", on: true, staff: manager.id)
        server.clock.advance(minutes: 24 * 60)
        #expect(try await server.loket.draws.run().opened == 1)
        return try #require(try await server.loket.draws.listed(desk: "RACE", product: "BIO").first)
    }

    static func entrant(_ name: String, vNumber: String, extra: [String: String] = [:]) -> [String: String] {
        [
            "persons": "1", "vNumber": vNumber, "name": name,
            "email": "\(name.lowercased().replacingOccurrences(of: " ", with: "."))@example.org",
            "language": "nl",
        ]
        .merging(extra) { _, new in new }
    }

    @Test func aCustomerEntersADrawAndFollowsItToItsResult() async throws {
        try await TestServer.run(network: TestNetwork.single(counters: 1), options: Self.quickHashes) { server, api in
            let draw = try await openDraw(server)
            let day = try #require(draw.days.first)
            #expect(draw.places == 3)

            // The list, in both languages: what a draw is, and this one with its link.
            let nl = try await get(api, "/draws")
            #expect(nl.status == 200 && nl.body.contains("<html lang=\"nl\" dir=\"ltr\">"))
            for text in [
                "Afspraken door loting", "Snel zijn helpt niet", "Biometrie", "Raceloket, Renbaan 1",
                DateWording.date(day, .nl), "vrijdag 3 juni 2022 om 10:00 uur", "href=\"/draws/\(draw.id)/enter\"",
            ] {
                #expect(nl.body.contains(text), "Dutch list: \(text)")
            }
            let en = try await get(api, "/draws?desk=RACE&product=BIO", language: "en")
            for text in [
                "Appointments by draw", "Being fast does not help", "Biometrics", DateWording.date(day, .en),
                "Friday 3 June 2022 at 10:00", "href=\"/draws/\(draw.id)/enter\"",
            ] {
                #expect(en.body.contains(text), "English list: \(text)")
            }
            #expect(try await get(api, "/draws?desk=NOPE").status == 404)

            // The desk's calendar says that new appointments here are drawn.
            let calendar = try await get(api, "/book/BIO/desks/RACE")
            #expect(calendar.body.contains("id=\"draw-notice\"") && calendar.body.contains("/draws/\(draw.id)/enter"))
            #expect(try await get(api, "/").body.contains("href=\"/draws\""))

            // The form: the draw's day to tick; a bad V-number and an empty name are said next to their fields.
            let form = try await get(api, "/draws/\(draw.id)/enter")
            #expect(form.status == 200 && form.body.contains("name=\"day-\(day.iso)\""))
            let bad = try await post(
                api, "/draws/\(draw.id)/enter", Self.entrant("", vNumber: "12345"))
            #expect(bad.status == 422)
            #expect(bad.body.contains("id=\"vNumber-error\"") && bad.body.contains("Een V-nummer heeft 10 cijfers"))
            #expect(bad.body.contains("id=\"name-error\"") && bad.body.contains("href=\"#vNumber\""))
            #expect(bad.body.contains("value=\"@example.org\"")) // what was typed stays
            let empty = try await post(api, "/draws/\(draw.id)/enter", ["persons": "1"])
            #expect(empty.status == 422 && empty.body.contains("Vul uw V-nummer in (10 cijfers)"))
            #expect(empty.body.contains("id=\"name-error\"") && empty.body.contains("id=\"email-error\""))
            // A party size the form does not offer is refused at its field, not read as one person.
            let tampered = try await post(
                api, "/draws/\(draw.id)/enter",
                Self.entrant("Ada Lovelace", vNumber: "1000000001", extra: ["day-\(day.iso)": "1", "persons": "two"]))
            #expect(tampered.status == 422 && tampered.body.contains("id=\"persons-error\""))

            // Entering: the token goes into a cookie for the entry's own page; the address names nobody.
            let entered = try await post(
                api, "/draws/\(draw.id)/enter",
                Self.entrant("Ada Lovelace", vNumber: "1000000001", extra: ["day-\(day.iso)": "1"]))
            #expect(entered.status == 303)
            let location = try #require(entered.headers[.location])
            #expect(location.hasPrefix("/draws/\(draw.id)/entries/") && location.hasSuffix("?entered=1"))
            // (A surname: three letters like "Ada" turn up in a random identifier now and then.)
            #expect(
                !location.contains("Lovelace") && !location.contains("example") && !location.contains("1000000001"))
            let entryPath = String(location.dropLast("?entered=1".count))
            let setCookie = try #require(
                entered.headers[values: .setCookie].first { $0.hasPrefix("loket_draw_entry=") })
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
            #expect(setCookie.contains("Path=\(entryPath)"))
            let ada = try #require(entered.cookie("loket_draw_entry"))
            let confirmation = try await get(api, location, cookies: [ada])
            #expect(confirmation.status == 200 && confirmation.body.contains("U bent ingeschreven"))
            #expect(
                confirmation.body.contains("href=\"\(entryPath)\"") && confirmation.body.contains("Wat gebeurt er nu?"))
            let entryID = String(entryPath.split(separator: "/").last!)
            #expect(confirmation.body.contains(entryID))
            // Another browser, without the cookie, does not see it; with the token in the address it does.
            #expect(try await get(api, entryPath).status == 401)
            let token = String(ada.dropFirst("loket_draw_entry=".count))
            #expect(try await get(api, "\(entryPath)?token=\(token)").status == 200)

            // One entry per person.
            let again = try await post(api, "/draws/\(draw.id)/enter", Self.entrant("Adaa", vNumber: "1000000001"))
            #expect(again.status == 409 && again.body.contains("id=\"vNumber-error\""))
            #expect(again.body.contains("Deze persoon doet al mee aan deze loting"))

            // A group names every person; a missing one is said next to its field.
            #expect(
                try await get(api, "/draws/\(draw.id)/enter?persons=2").body.contains("name=\"companion1.vNumber\""))
            let group = try await post(
                api, "/draws/\(draw.id)/enter", Self.entrant("Bo", vNumber: "1000000002", extra: ["persons": "2"]))
            #expect(group.status == 422 && group.body.contains("id=\"companion1.name-error\""))
            // The summary at the top says whose field it is.
            #expect(group.body.contains("<a href=\"#companion1.name\">Persoon 2: "))

            // Three more people enter: four entries for three places.
            var cookies = [entryPath: ada]
            for (index, name) in ["Bo", "Cas", "Dirk"].enumerated() {
                let other = try await post(
                    api, "/draws/\(draw.id)/enter", Self.entrant(name, vNumber: "100000001\(index)"))
                let path = String(try #require(other.headers[.location]).dropLast("?entered=1".count))
                let cookie = try #require(other.cookie("loket_draw_entry"))
                cookies[path] = cookie
            }
            let pending = try await get(api, "/draws/\(draw.id)/result")
            #expect(pending.status == 200 && pending.body.contains("Er is nog niet geloot"))

            // The window closes and the places are drawn.
            server.clock.advance(minutes: 24 * 60 + 1)
            #expect(try await server.loket.draws.run().allocated == 1)
            var drawn = 0
            var waiting = 0
            for (path, cookie) in cookies {
                let status = try await get(api, path, cookies: [cookie], language: "en")
                #expect(status.status == 200)
                if status.body.contains("You have been drawn") {
                    #expect(
                        status.body.contains("id=\"appointment-code\"")
                            && status.body.contains(DateWording.date(day, .en)))
                    drawn += 1
                } else if status.body.contains("You were not drawn") {
                    #expect(
                        status.body.contains("You are on the waitlist") && !status.body.contains("appointment-code"))
                    waiting += 1
                }
            }
            #expect(drawn == 3 && waiting == 1)

            // The result: seed, counts, digest and every entry's place; no names.
            let published = try await server.loket.draws.result(id: draw.id)
            let result = try await get(api, "/draws/\(draw.id)/result", language: "en")
            #expect(result.status == 200)
            #expect(result.body.contains("<code id=\"seed\">\(try #require(published.draw.seed))</code>"))
            #expect(result.body.contains("<code id=\"digest\">\(published.digest)</code>"))
            #expect(result.body.contains(entryID) && result.body.contains("not drawn"))
            #expect(!result.body.contains("Lovelace") && !result.body.contains("example.org"))

            // Once closed, the form says so instead of taking entries.
            let late = try await post(api, "/draws/\(draw.id)/enter", Self.entrant("Eva", vNumber: "1000000009"))
            #expect(late.status == 409 && late.body.contains("Deze loting is gesloten"))
        }
    }

    /// The per-client limit of entries (`drawEntries`) is said at the top of the form, with when to come back.
    @Test func entriesFromOneAddressAreLimited() async throws {
        let network = TestNetwork.single(counters: 1, limits: "{drawEntries: {burst: 1, perMinute: 1}}")
        try await TestServer.run(network: network, options: Self.quickHashes) { server, api in
            let draw = try await openDraw(server)
            let first = try await post(api, "/draws/\(draw.id)/enter", Self.entrant("Ada", vNumber: "1000000001"))
            #expect(first.status == 303)
            let second = try await post(
                api, "/draws/\(draw.id)/enter", Self.entrant("Bo", vNumber: "1000000002"), language: "en")
            #expect(second.status == 429 && second.headers[.retryAfter] == "60")
            #expect(second.body.contains("id=\"draw-error\"") && second.body.contains("href=\"#draw\""))
            #expect(second.body.contains("Please try again in 60 seconds"))
            #expect(second.body.contains("value=\"Bo\"")) // what was typed stays
        }
    }

    @Test func withoutDrawsThePageExplainsAndUnknownDrawsAreNotFound() async throws {
        try await TestServer.run(network: TestNetwork.single(counters: 1)) { server, api in
            let page = try await get(api, "/draws", language: "en")
            #expect(page.status == 200 && page.body.contains("There is no open draw right now."))
            #expect(page.body.contains("Each person may enter a draw once"))
            #expect(!(try await get(api, "/book/BIO/desks/RACE").body.contains("draw-notice")))
            for path in ["/draws/nope/enter", "/draws/nope/result"] {
                #expect(try await get(api, path).status == 404, "\(path)")
            }
            #expect(try await post(api, "/draws/nope/enter", Self.entrant("Ada", vNumber: "1000000001")).status == 404)
        }
    }

    /// Signs in over the page and answers the session cookie.
    @Test func theDeskManagerSwitchesDrawModeAndNobodyElseCan() async throws {
        try await TestServer.run(network: TestNetwork.single(counters: 1), options: Self.quickHashes) { server, api in
            _ = try await server.loket.staff.createStaff(
                username: "chef", password: Self.password, role: .deskManager, desk: "RACE", by: nil)
            _ = try await server.loket.staff.createStaff(
                username: "balie", password: Self.password, role: .clerk, desk: "RACE", by: nil)
            let manager = try await signIn(api, "chef")
            let before = try await get(api, "/staff/desks/RACE/settings", cookies: [manager], language: "en")
            #expect(before.status == 200 && before.body.contains("<h2 id=\"drawMode\">Draw mode</h2>"))
            #expect(before.body.contains("<td>off</td><td>nobody</td>") && before.body.contains("Turn draw mode on"))

            // Without the form token nothing happens; a clerk may not; anonymous visitors sign in first.
            let switchOn = ["product": "BIO", "on": "1"]
            let path = "/staff/desks/RACE/settings/draw-mode"
            #expect(try await post(api, path, switchOn, cookies: [manager], csrf: nil).status == 403)
            let clerk = try await signIn(api, "balie")
            #expect(try await post(api, path, switchOn, cookies: [clerk]).status == 403)
            #expect(try await post(api, path, switchOn).headers[.location] == "/staff/sign-in")
            #expect(try await server.loket.draws.modes(desk: "RACE").isEmpty)

            let on = try await post(api, path, switchOn, cookies: [manager])
            #expect(on.status == 303 && on.headers[.location] == "/staff/desks/RACE/settings?notice=saved")
            let mode = try #require(try await server.loket.draws.modes(desk: "RACE").first)
            #expect(mode.on && mode.setBy == .manager && mode.product == "BIO")
            let after = try await get(api, "/staff/desks/RACE/settings", cookies: [manager], language: "en")
            // The manager is told when the first draw comes: days open now stay first-come.
            #expect(
                after.body.contains(
                    "<td>on. What is open now stays bookable as it is; the first draw opens on Thursday 2 June 2022 at midnight, for the days up to "
                ))
            #expect(after.body.contains("</td><td>a manager, since Wednesday 1 June 2022 at 10:00</td>"))
            #expect(after.body.contains("Turn draw mode off"))
            let nl = try await get(api, "/staff/desks/RACE/settings", cookies: [manager])
            #expect(nl.body.contains("<td>aan. Wat al te boeken is") && nl.body.contains("Loting uitzetten"))

            #expect(try await post(api, path, ["product": "BIO", "on": "0"], cookies: [manager]).status == 303)
            #expect(try await server.loket.draws.modes(desk: "RACE").first?.on == false)
            let unknown = try await post(api, path, ["product": "DOC", "on": "1"], cookies: [manager])
            #expect(unknown.status == 422 && unknown.body.contains("There is no product DOC"))
        }
    }
}

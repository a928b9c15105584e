import Foundation
import LoketApp
import LoketDomain
import LoketTestSupport
import Testing

/// The clerk's day on a big desk: the agenda lists the hours around now (and whoever is waiting
/// or at a counter), steps earlier and later, shows the whole day on request, and counts the
/// whole day above it; a bad `from` is refused at that field.
@Suite(.timeLimit(.minutes(3))) struct DeskDayPageTests: PageTests {
    @Test(arguments: TestDatabase.engines)
    func theAgendaListsTheHoursAroundNow(engine: TestDatabase.Engine) async throws {
        let clock = ManualClock(date: "2022-06-01", time: "08:00")
        try await TestServer.run(engine: engine, clock: clock, options: Self.quickHashes) { server, api in
            let loket = server.loket
            _ = try await loket.staff.createStaff(
                username: "balie", password: Self.password, role: .clerk, desk: "TS", by: nil)
            var codes: [String: String] = [:]
            for (time, name) in [
                ("0800", "Early Riser"), ("0900", "Nine Sharp"), ("1150", "Before Noon"), ("1300", "After Lunch"),
                ("1500", "Came Early"),
            ] {
                codes[name] = try await loket.bookBiometrics("20220602-\(time)-bio", name: name).appointment.code
            }
            // The next day, 10:17: the agenda runs from 09:00 to 12:00.
            clock.advance(minutes: 24 * 60 + 137)
            let clerk = try await signIn(api, "balie")
            // The 15:00 customer came five hours early: waiting, so listed whatever the window.
            let early = try await post(
                api, "/staff/desks/TS/check-in", ["code": codes["Came Early"]!, "from": ""], cookies: [clerk])
            #expect(early.status == 200)

            let now = try await get(api, "/staff/desks/TS", cookies: [clerk])
            #expect(now.status == 200)
            #expect(Self.names(now.body) == ["Nine Sharp", "Before Noon", "Came Early"])
            #expect(now.body.contains("Appointments from 09:00 to 12:00"))
            #expect(
                now.body.contains(
                    "Appointments today: 5 — 4 expected, 1 waiting, 0 at a counter, 0 served, 0 no-show."))
            #expect(now.body.contains("href=\"/staff/desks/TS?from=06:00\""))
            #expect(now.body.contains("href=\"/staff/desks/TS?from=12:00\""))
            // "No-show" is offered once an appointment has begun (09:00 at 10:17), not before (11:50).
            let rowIDs = try await loket.deskDay.agenda(desk: "TS").reduce(into: [String: String]()) {
                $0[$1.customerName] = $1.appointment.id
            }
            func offersNoShow(_ name: String) -> Bool {
                now.body.contains("action=\"/staff/desks/TS/visits/\(rowIDs[name]!)/no-show\"")
            }
            #expect(offersNoShow("Nine Sharp") && !offersNoShow("Before Noon"))
            // Forced anyway, it is refused in the page's language at that appointment's row.
            let tooSoon = try await post(
                api, "/staff/desks/TS/visits/\(rowIDs["Before Noon"]!)/no-show", ["counter": "2", "from": ""],
                cookies: [clerk], language: "nl")
            #expect(tooSoon.status == 422)
            #expect(tooSoon.body.contains("Deze afspraak is nog niet begonnen"))
            #expect(tooSoon.body.contains("href=\"#visit-\(rowIDs["Before Noon"]!)\""))
            #expect(tooSoon.body.contains("id=\"visit-\(rowIDs["Before Noon"]!)\""))
            #expect(try await loket.deskDay.agenda(desk: "TS").first { $0.customerName == "Before Noon" }?.visit == nil)
            #expect(now.body.contains("href=\"/staff/desks/TS?from=day\""))

            let later = try await get(api, "/staff/desks/TS?from=12:00", cookies: [clerk])
            #expect(Self.names(later.body) == ["After Lunch", "Came Early"])
            #expect(later.body.contains("name=\"from\" value=\"12:00\""))
            let day = try await get(api, "/staff/desks/TS?from=day", cookies: [clerk])
            #expect(
                Self.names(day.body) == ["Early Riser", "Nine Sharp", "Before Noon", "After Lunch", "Came Early"])
            #expect(day.body.contains("All of today&#39;s appointments.") && !day.body.contains("from=06:00"))
            let evening = try await get(api, "/staff/desks/TS?from=21:00", cookies: [clerk])
            #expect(Self.names(evening.body) == ["Came Early"])
            #expect(evening.body.contains("Appointments from 21:00 to 24:00") && !evening.body.contains("from=24:00"))

            // Called to a counter, they are listed whatever the window too; calling keeps the hours.
            let called = try await post(
                api, "/staff/desks/TS/call-next", ["counter": "2", "from": "12:00"], cookies: [clerk])
            #expect(called.status == 200 && called.body.contains("name=\"from\" value=\"12:00\""))
            // The counter stays in the links to other hours and in the check-in form.
            #expect(called.body.contains("href=\"/staff/desks/TS?counter=2&amp;from=09:00\""))
            #expect(called.body.contains(Self.checkInPlace(counter: "2", from: "12:00")))
            #expect(Self.names(called.body) == ["After Lunch", "Came Early"])
            #expect(called.body.contains("0 waiting, 1 at a counter"))
            // The workstation keeps its counter: the day opened afresh (a reload, a new tab) knows it.
            #expect(called.cookie("loket_counter") == "loket_counter=TS:2")
            let reopened = try await get(api, "/staff/desks/TS", cookies: [clerk, "loket_counter=TS:2"])
            #expect(reopened.body.contains("id=\"counter\" name=\"counter\" value=\"2\""))
            #expect(reopened.cookie("loket_counter") == nil)
            // So are the queues it calls from: ticked once, the day reopened calls from them alone.
            let documentsOnly = try await post(
                api, "/staff/desks/TS/call-next", ["counter": "2", "from": "12:00", "queue-D": "1"], cookies: [clerk])
            #expect(documentsOnly.cookie("loket_counter") == "loket_counter=TS:2:D")
            #expect(documentsOnly.body.contains("Nobody is waiting in the queues this counter calls from."))
            let documentsDay = try await get(api, "/staff/desks/TS", cookies: [clerk, "loket_counter=TS:2:D"])
            #expect(documentsDay.body.contains(#"id="queue-D" name="queue-D" value="1" checked>"#))
            #expect(documentsDay.body.contains(#"id="queue-B" name="queue-B" value="1">"#))
            // Another desk's counter, or one that is not a counter, is not taken.
            for kept in ["loket_counter=DH:2", "loket_counter=TS:<b>"] {
                let other = try await get(api, "/staff/desks/TS", cookies: [clerk, kept])
                #expect(other.body.contains("id=\"counter\" name=\"counter\" value=\"\""), "\(kept)")
            }
            let morning = try await get(api, "/staff/desks/TS?from=06:00", cookies: [clerk])
            #expect(Self.names(morning.body) == ["Early Riser", "Came Early"])
            // The desk opens at 08:00: no earlier hours are offered, later ones are.
            #expect(!morning.body.contains(">Earlier: ") && morning.body.contains(">Later: 09:00–12:00</a>"))

            // A no-show marked in a later window goes back to that window.
            let ids = try await loket.deskDay.agenda(desk: "TS").reduce(into: [String: String]()) {
                $0[$1.customerName] = $1.appointment.id
            }
            let marked = try await post(
                api, "/staff/desks/TS/visits/\(ids["Early Riser"]!)/no-show", ["counter": "2", "from": "06:00"],
                cookies: [clerk])
            #expect(marked.status == 303)
            #expect(marked.headers[.location] == "/staff/desks/TS?notice=no-show&counter=2&from=06:00")

            for bad in ["9", "25:00", "09:60", "noon"] {
                let refused = try await get(api, "/staff/desks/TS?from=\(bad)", cookies: [clerk])
                #expect(refused.status == 422, "from=\(bad)")
                #expect(refused.headers[.contentType]?.hasPrefix("text/html") == true, "from=\(bad)")
                #expect(refused.body.contains("Give a time like 09:00"), "from=\(bad)")
            }
            let dutch = try await get(api, "/staff/desks/TS?from=noon", cookies: [clerk], language: "nl")
            #expect(dutch.status == 422 && dutch.body.contains("Geef een tijd zoals 09:00"))
            let checkIn = try await post(
                api, "/staff/desks/TS/check-in", ["code": codes["Nine Sharp"]!, "from": "25:00"], cookies: [clerk])
            #expect(checkIn.status == 422 && checkIn.body.contains("Give a time like 09:00"))
            let refused = try await post(
                api, "/staff/desks/TS/visits/\(ids["Nine Sharp"]!)/no-show", ["counter": "2", "from": "later"],
                cookies: [clerk])
            #expect(refused.status == 422)
            // Neither the refused check-in nor the refused no-show changed anything.
            #expect(try await loket.deskDay.agenda(desk: "TS").first { $0.customerName == "Nine Sharp" }?.visit == nil)

            // A check-in keeps the counter and the hours for the next call.
            let checkedIn = try await post(
                api, "/staff/desks/TS/check-in", ["code": codes["Before Noon"]!, "counter": "2", "from": "12:00"],
                cookies: [clerk])
            #expect(checkedIn.status == 200 && checkedIn.body.contains("name=\"from\" value=\"12:00\""))
            #expect(checkedIn.body.contains(Self.checkInPlace(counter: "2", from: "12:00")))
            #expect(checkedIn.body.contains("id=\"counter\" name=\"counter\" value=\"2\""))
        }
    }

    /// The check-in form's hidden place, just above its code field.
    static func checkInPlace(counter: String, from: String) -> String {
        """
        <input type="hidden" name="counter" value="\(counter)">
        <input type="hidden" name="from" value="\(from)">
        <label for="code">
        """
    }

    /// The customer names in the agenda table, in order.
    static func names(_ body: String) -> [String] {
        guard let table = body.range(of: "aria-label=\"Today&#39;s appointments\"") else { return [] }
        // Each row opens `<tr id="visit-…" tabindex="-1"><td>`.
        let rows = body[table.upperBound...].components(separatedBy: "<tr id=\"visit-").dropFirst()
        return rows.compactMap { row in
            let cells = row.components(separatedBy: "<td>").dropFirst().joined(separator: "<td>")
                .components(separatedBy: "</td><td>")
            guard cells.count > 1 else { return nil }
            return cells[1].components(separatedBy: "<").first
        }
    }
}

import Foundation
import LoketApp
import LoketDomain
import LoketSimulation
import LoketTestSupport
import Testing

/// The forecast that starts from today (issue #12): a scenario built from what the database
/// holds, forecasts run in the background from the forecast page, kept and compared.
@Suite(.timeLimit(.minutes(3))) struct LiveForecastTests: PageTests {
    /// Two counters at RACE, 09:00–09:30 on weekdays: six places a day.
    static let network = TestNetwork.single(counters: 2)

    /// Eight weeks before Wednesday 1 June 2022, two appointments booked every working day, each
    /// for the tenth working day after it; then one person joins the waitlist.
    static func eightWeeksOfBookings(_ server: TestServer, _ api: APIClient) async throws -> [LocalDate: Int] {
        let workingDays = server.loket.rules.schedule.workingDays
        var booked: [LocalDate: Int] = [:]
        var person = 0
        while server.loket.today < LocalDate(iso: "2022-06-01")! {
            let today = server.loket.today
            if workingDays.isWorkingDay(today) {
                let day = workingDays.adding(10, to: today)
                let compact = day.iso.replacingOccurrences(of: "-", with: "")
                for time in ["0900", "0910"] {
                    person += 1
                    _ = try await WaitlistAPITests.book(api, slot: "\(compact)-\(time)-one", name: "P\(person)")
                }
                booked[day] = 2
            }
            server.clock.advance(minutes: 24 * 60)
        }
        let joined = try await api.post(
            "/api/v1/waitlist",
            #"{"desks":["RACE"],"product":"BIO","persons":1,"from":"2022-06-02","to":"2022-06-30","customer":\#(WaitlistAPITests.customer("Waiting"))}"#
        )
        #expect(joined.status == 201, "\(joined.body)")
        return booked.filter { $0.key >= LocalDate(iso: "2022-06-01")! }
    }

    @Test(arguments: TestDatabase.engines)
    func theLiveScenarioHasTheMeasuredDemandAndTheBacklog(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(
            engine: engine, network: Self.network, clock: ManualClock(date: "2022-04-06", time: "10:00")
        ) { server, api in
            let booked = try await Self.eightWeeksOfBookings(server, api)
            let scenario = try await server.loket.forecasts.liveScenario(weeks: 8)
            #expect(scenario.start == LocalDate(iso: "2022-06-01"))
            let desk = try #require(scenario.desks.first { $0.code == "RACE" })
            let bio = try #require(desk.products["BIO"])
            // Two requests every working day of the window, at two counters for half an hour.
            #expect(bio.demandPerWorkingDay == 2)
            #expect(bio.counters == 2)
            #expect(desk.hours.first?.weekdayHours == 0.5)
            #expect(bio.waiting == 1)
            #expect(
                Dictionary(uniqueKeysWithValues: (bio.booked ?? []).map { ($0.date, $0.appointments) }) == booked)
            #expect(!booked.isEmpty)
            // Easter Monday, King's Day (a Wednesday) and Ascension Day (a Thursday) had no bookings.
            let pattern = scenario.demand.weekdayPattern
            #expect(abs(pattern.reduce(0, +) - 5) < 1e-9)
            #expect(pattern[0] < pattern[1] && pattern[2] < pattern[1] && pattern[3] < pattern[1])
            #expect(pattern[1] == pattern[4])
            #expect(scenario.behaviour.cancellationShare == 0 && scenario.behaviour.noShowShare == 0)
            #expect(scenario.norm?.product == "BIO" && scenario.norm?.workingDays == 10)
            #expect(scenario.products["BIO"]?.minutesPerAppointment == 10)
            // The YAML file repeats it.
            let reread = try Scenario.parse(try scenario.yaml())
            #expect(reread.desks.first?.products["BIO"]?.booked?.count == booked.count)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aForecastRunsInTheBackgroundAndIsKept(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: Self.network) { server, api in
            let run = try await server.loket.forecasts.startForecast(
                name: " Baseline ", changes: WhatIf(), replications: 20, weeks: 8, seed: 7, staff: "planner")
            #expect(run.state == .queued && run.name == "Baseline" && run.isBaseline)
            #expect(try await server.loket.forecasts.runQueuedForecasts(workers: 1) == 1)
            #expect(try await server.loket.forecasts.runQueuedForecasts(workers: 1) == 0)
            let done = try await server.loket.forecasts.forecastRun(id: run.id)
            #expect(done.state == .done && done.progress == 20 && done.error == nil)
            let summary = try JSONDecoder().decode(ForecastSummary.self, from: Data(try #require(done.result).utf8))
            #expect(summary.weekStarts.count == 8 && summary.replications == 20)
            #expect(summary.line(desk: "RACE", product: "BIO", metric: .waitFirstSlot)?.bands.count == 8)
            #expect(summary.normAnswer?.probabilityMetWithinPeriod == 1)

            // The same seed and scenario give the same forecast on the command line.
            let again = try await Forecast.run(Scenario.parse(done.scenario), replications: 20, seed: 7, workers: 1)
            let line = summary.line(desk: "RACE", product: "BIO", metric: .waitFirstSlot)!
            #expect(line.bands[3] == again.band(desk: "RACE", product: "BIO", metric: .waitFirstSlot, week: 3))

            for (changes, field) in [
                (WhatIf(counters: ["NOPE": 1]), "counters.NOPE"), (WhatIf(courierShare: 2), "courierShare"),
                (WhatIf(counters: ["RACE": -5]), "counters.RACE"),
            ] {
                await #expect(throws: Refusal.self) {
                    do {
                        _ = try await server.loket.forecasts.startForecast(
                            name: "x", changes: changes, replications: 20, weeks: 8, staff: "planner")
                    } catch let error as Refusal {
                        #expect(error.field == field)
                        throw error
                    }
                }
            }
            await #expect(throws: Refusal.self) {
                try await server.loket.forecasts.startForecast(
                    name: "", changes: WhatIf(), replications: 20, weeks: 8, staff: "p")
            }
            #expect(try await server.loket.forecasts.forecastRuns().count == 1)
        }
    }

    @Test func aPlannerComparesABaselineWithAWhatIfOnThePage() async throws {
        try await TestServer.run(network: Self.network, options: Self.quickHashes) { server, api in
            _ = try await server.loket.staff.createStaff(
                username: "chef", password: Self.password, role: .deskManager, desk: "RACE", by: nil)
            _ = try await server.loket.staff.createStaff(
                username: "balie", password: Self.password, role: .clerk, desk: "RACE", by: nil)
            #expect(try await get(api, "/staff/forecast").headers[.location] == "/staff/sign-in")
            let clerk = try await signIn(api, "balie")
            #expect(try await get(api, "/staff/forecast", cookies: [clerk]).status == 403)
            #expect(try await post(api, "/staff/forecast/runs", ["name": "x"], cookies: [clerk]).status == 403)

            let manager = try await signIn(api, "chef")
            let form = try await get(api, "/staff/forecast", cookies: [manager])
            #expect(form.status == 200 && form.body.contains("name=\"counters.RACE\""))
            // Bad input names its field and starts nothing.
            let refused = try await post(
                api, "/staff/forecast/runs", ["name": "More", "courierShare": "150"], cookies: [manager])
            #expect(refused.status == 422 && refused.body.contains("id=\"courierShare-error\""))
            for (fields, field) in [
                (["phoneCalls": "900"], "phoneAgents"),
                (["phoneCalls": "900", "phoneAgents": "10", "phoneRedials": "100"], "phoneRedials"),
                (["phoneCalls": "900", "phoneAgents": "10", "phonePatience": "1000000000"], "phonePatience"),
                (["saturdayShare.RACE": "50"], "saturdayHours_RACE"),
                (["shockFrom": "2022-07-01"], "shockPercent"),
                (["counters.RACE": "-9"], "counters_RACE"),
            ] {
                let wrong = try await post(
                    api, "/staff/forecast/runs", fields.merging(["name": "Wrong"]) { $1 }, cookies: [manager])
                #expect(wrong.status == 422, "\(fields)")
                #expect(wrong.body.contains("<a href=\"#\(field)\">"), "\(fields)")
            }
            #expect(try await server.loket.forecasts.forecastRuns().isEmpty)

            var runs: [String] = []
            for fields in [
                ["name": "Baseline", "weeks": "8", "replications": "20"],
                [
                    "name": "Two more counters", "weeks": "8", "replications": "20", "counters.RACE": "2",
                    "phoneCalls": "900", "phonePerWaitingDay": "20", "phoneAgents": "12",
                ],
            ] {
                let started = try await post(api, "/staff/forecast/runs", fields, cookies: [manager])
                #expect(started.status == 303)
                // The planner who started it follows its progress.
                let location = try #require(started.headers[.location])
                #expect(location.hasSuffix("?follow=1"))
                runs.append(String(location.split(separator: "?")[0].split(separator: "/").last!))
            }
            // Opened from the list, it does not reload on its own (WCAG 2.2.1)...
            let queued = try await get(api, "/staff/forecast/runs/\(runs[1])", cookies: [manager])
            #expect(queued.body.contains("<progress id=\"progress\" value=\"0\" max=\"20\">"))
            #expect(!queued.body.contains("http-equiv=\"refresh\""))
            // ...followed, it reloads itself, with a way to stop.
            let following = try await get(api, "/staff/forecast/runs/\(runs[1])?follow=1", cookies: [manager])
            #expect(following.body.contains("<meta http-equiv=\"refresh\" content=\"2\">"))
            #expect(following.body.contains(">Stop refreshing</a>"))
            // The what-if in words, not as the JSON it is kept in.
            #expect(following.body.contains("<li>Raceloket: 2 more counters</li>"))
            #expect(
                following.body.contains("<li>Information line: 12 agents, 900 calls a working day without a wait</li>"))
            #expect(!following.body.contains("{&quot;counters"))

            #expect(try await server.loket.forecasts.runQueuedForecasts(workers: 1) == 2)
            let done = try await get(api, "/staff/forecast/runs/\(runs[1])?follow=1", cookies: [manager])
            #expect(!done.body.contains("http-equiv=\"refresh\"") && done.body.contains("<svg"))
            #expect(done.body.contains("back under the norm of 10 working days for good"))
            // The information line the planner described, beside the desks' wait.
            #expect(done.body.contains("<h2 id=\"phone\">Information line</h2>"))
            #expect(done.body.contains("<th scope=\"col\">Agents needed</th>"))
            let yaml = try await get(api, "/staff/forecast/runs/\(runs[1])/scenario.yaml", cookies: [manager])
            let scenario = try Scenario.parse(yaml.body)
            #expect(scenario.desks.first { $0.code == "RACE" }?.products["BIO"]?.counters == 4)

            let compared = try await get(
                api, "/staff/forecast/compare?run=\(runs[0])&run=\(runs[1])", cookies: [manager])
            #expect(compared.status == 200 && compared.body.contains("Two more counters"))
            #expect(compared.body.contains("P10–P90 of Baseline"))
            // Each forecast against the first, in a sentence.
            #expect(compared.body.contains("<h2>In words</h2>"))
            #expect(
                compared.body.contains(
                    #/<li>Baseline: the wait (is back under the norm for good in the week of \d+ \w+ \d{4}|does not come back under the norm for good within this period) \(median\)\.</li>/#
                ))
            #expect(
                compared.body.contains(
                    #/<li>Two more counters: (back under the norm for good in the week of \d+ \w+ \d{4}((, \d+ weeks? (earlier|later) than|, the same week as) Baseline|; Baseline does not get there)|the wait does not come back)/#
                ))
            #expect(try await get(api, "/staff/forecast/compare", cookies: [manager]).status == 422)
            let list = try await get(api, "/staff/forecast", cookies: [manager])
            #expect(list.body.contains("Baseline") && list.body.contains("Done"))

            // The capacity advisor: its own fields, checked; nobody waits here, so nothing is needed.
            let wrong = try await post(
                api, "/staff/forecast/advice",
                ["adviceName": "Advice", "adviceBy": "2022-08-01", "adviceProbability": "0"],
                cookies: [manager])
            #expect(wrong.status == 422 && wrong.body.contains("id=\"adviceProbability-error\""))
            let asked = try await post(
                api, "/staff/forecast/advice",
                [
                    "adviceName": "Advice", "adviceBy": "2022-08-01", "adviceProbability": "80",
                    "adviceReplications": "20",
                ],
                cookies: [manager])
            #expect(asked.status == 303)
            let advice = try #require(asked.headers[.location])
            #expect(try await server.loket.forecasts.runQueuedForecasts(workers: 1) == 1)
            let answered = try await get(api, advice, cookies: [manager])
            #expect(answered.body.contains("No extra capacity is needed"))
            // It says when the norm is met as the baseline of the same day does, over the same horizon.
            let baseline = try #require(
                try await server.loket.forecasts.forecastRun(id: runs[0]).result.map {
                    try JSONDecoder().decode(ForecastSummary.self, from: Data($0.utf8))
                }?.normAnswer?.medianWeek)
            #expect(answered.body.contains("(median: the week of \(baseline.iso))"))
            let adviceRun = try await server.loket.forecasts.forecastRun(
                id: String(advice.split(separator: "?")[0].split(separator: "/").last!))
            #expect(try Scenario.parse(adviceRun.scenario).weeks == Forecasts.baselineWeeks)
            #expect(answered.body.contains("<tr><th scope=\"row\">0</th><td>100%</td><td>yes</td></tr>"))

            // Advice on top of a what-if: the form offers the planner's what-ifs, and the advice
            // runs on that scenario and says what it started from.
            #expect(list.body.contains("<option value=\"\(runs[1])\">Two more counters</option>"))
            let unknown = try await post(
                api, "/staff/forecast/advice",
                ["adviceName": "On top", "adviceBy": "2022-08-01", "adviceProbability": "80", "adviceOn": "nope"],
                cookies: [manager])
            #expect(unknown.status == 422 && unknown.body.contains("id=\"adviceOn-error\""))
            let onTop = try await post(
                api, "/staff/forecast/advice",
                [
                    "adviceName": "On top", "adviceBy": "2022-08-01", "adviceProbability": "80",
                    "adviceReplications": "20", "adviceOn": runs[1],
                ],
                cookies: [manager])
            #expect(onTop.status == 303)
            let onTopID = String(
                try #require(onTop.headers[.location]).split(separator: "?")[0].split(separator: "/").last!)
            let onTopRun = try await server.loket.forecasts.forecastRun(id: onTopID)
            #expect(
                try Scenario.parse(onTopRun.scenario).desks.first { $0.code == "RACE" }?.products["BIO"]?.counters == 4)
            let onTopPage = try await get(api, "/staff/forecast/runs/\(onTopID)", cookies: [manager])
            #expect(onTopPage.body.contains("<li>Raceloket: 2 more counters</li>"))
        }
    }

    @Test func aBaselineIsHeldAgainstWhatHappened() async throws {
        try await TestServer.run(network: Self.network, options: Self.quickHashes) { server, api in
            let run = try await server.loket.forecasts.startForecast(
                name: "June", changes: WhatIf(), replications: 20, weeks: 8, seed: 3, staff: "planner")
            _ = try await server.loket.forecasts.startForecast(
                name: "What if", changes: WhatIf(counters: ["RACE": 1]), replications: 20, weeks: 8, staff: "planner")
            try await server.loket.forecasts.runQueuedForecasts(workers: 1)
            #expect(try await server.loket.forecasts.forecastChecks(desk: "RACE", product: "BIO").isEmpty)
            // Five weeks measured, every day.
            for _ in 0..<35 {
                try await server.loket.forecasts.measure()
                server.clock.advance(minutes: 24 * 60)
            }
            let checks = try await server.loket.forecasts.forecastChecks(desk: "RACE", product: "BIO")
            // Only the baseline is checked: a what-if describes a world that was not chosen.
            #expect(checks.map(\.run.id) == [run.id])
            let check = try #require(checks.first?.check)
            #expect(check.weekStarts.count == 5 && check.measured.allSatisfy { $0 != nil })
            // Nobody asked: the first free slot stayed the next working day, as forecast.
            #expect(check.measured.allSatisfy { $0 == 1 } && check.median.allSatisfy { $0 == 1 })
            #expect(check.coverage?.weeks == 5 && check.coverage?.inside == 1)

            _ = try await server.loket.staff.createStaff(
                username: "chef", password: Self.password, role: .deskManager, desk: "RACE", by: nil)
            let page = try await get(api, "/staff/dashboard", cookies: [try await signIn(api, "chef")])
            #expect(page.body.contains("Forecasts against what happened"))
            #expect(page.body.contains("In 5 measured weeks the wait was inside the band 100% of the time."))
        }
    }
}

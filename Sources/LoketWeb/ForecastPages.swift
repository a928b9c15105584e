import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer
import LoketSimulation

/// The forecast page (`/staff/forecast`): a planner starts a forecast from today's data, with or
/// without changes (what-if); runs go in the background and are kept, each with its own page
/// (which refreshes itself while it runs, no script), its scenario as YAML, and a comparison of
/// runs in one chart. Desk managers and admins only.
struct ForecastPages: PageRoutes {
    let app: WebApp

    func add(to router: Router<LoketRequestContext>) {
        router.get(PagePath.forecast.route, use: forecast)
        router.post(PagePath.forecastRuns.route, use: startRun)
        router.post(PagePath.forecastAdvice.route, use: startAdvice)
        router.get(PagePath.forecastRun.route, use: run)
        router.get(PagePath.forecastScenario.route, use: scenario)
        router.get(PagePath.forecastCompare.route, use: compare)
    }

    /// `GET /staff/forecast`
    @Sendable func forecast(_ request: Request, context: LoketRequestContext) async throws -> Response {
        try await asStaff(request, .deskManager, desk: nil) { _, web in
            try await forecastPage(web)
        }
    }

    /// `POST /staff/forecast/runs`
    @Sendable func startRun(_ request: Request, context: LoketRequestContext) async throws -> Response {
        try await asStaff(request, .deskManager, desk: nil) { account, web in
            let form = try await web.form(request)
            do {
                let changes = try ForecastForm.whatIf(form, network: loket.network)
                let run = try await loket.forecasts.startForecast(
                    name: form["name"] ?? "", changes: changes,
                    replications: try ForecastForm.integer(form, "replications") ?? 200,
                    weeks: try ForecastForm.integer(form, "weeks") ?? Forecasts.baselineWeeks, staff: account.id)
                // The planner who just started it follows its progress until it is done.
                return redirect(PagePath.forecastRun.link(run.id, query: ["follow": "1"]))
            } catch let error as Refusal {
                return try await forecastPage(web, form: form, error: error, prefix: "")
            }
        }
    }

    /// `POST /staff/forecast/advice`
    @Sendable func startAdvice(_ request: Request, context: LoketRequestContext) async throws -> Response {
        try await asStaff(request, .deskManager, desk: nil) { account, web in
            let form = try await web.form(request)
            do {
                // On top of one of the planner's what-ifs, if they chose one.
                var changes = WhatIf()
                if let id = form["adviceOn"], !id.isEmpty {
                    guard let run = try? await loket.forecasts.forecastRun(id: id), run.kind == .forecast,
                        let decoded = try? JSONDecoder().decode(WhatIf.self, from: Data(run.changes.utf8))
                    else {
                        throw Refusal.invalid("adviceOn", "unknown", "Choose one of the what-ifs listed.")
                    }
                    changes = decoded
                }
                let run = try await loket.forecasts.startAdvice(
                    name: form["adviceName"] ?? "", by: try ForecastForm.date(form, "adviceBy"),
                    probability: try ForecastForm.percent(form, "adviceProbability"),
                    from: try ForecastForm.date(form, "adviceFrom"), changes: changes,
                    replications: try ForecastForm.integer(form, "adviceReplications") ?? 100, staff: account.id)
                return redirect(PagePath.forecastRun.link(run.id, query: ["follow": "1"]))
            } catch let error as Refusal {
                return try await forecastPage(web, form: form, error: error, prefix: "advice")
            }
        }
    }

    /// `GET /staff/forecast/runs/{id}`
    @Sendable func run(_ request: Request, context: LoketRequestContext) async throws -> Response {
        try await asStaff(request, .deskManager, desk: nil) { _, web in
            let run = try await loket.forecasts.forecastRun(id: context.parameters.require("id"))
            return runPage(run, web, following: request.query("follow") == "1")
        }
    }

    /// `GET /staff/forecast/runs/{id}/scenario.yaml`
    @Sendable func scenario(_ request: Request, context: LoketRequestContext) async throws -> Response {
        try await asStaff(request, .deskManager, desk: nil) { _, _ in
            let run = try await loket.forecasts.forecastRun(id: context.parameters.require("id"))
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/yaml; charset=utf-8",
                    .contentDisposition: "attachment; filename=\"forecast-\(run.id).yaml\"",
                ],
                body: .init(byteBuffer: ByteBuffer(string: run.scenario)))
        }
    }

    /// `GET /staff/forecast/compare`
    @Sendable func compare(_ request: Request, context: LoketRequestContext) async throws -> Response {
        try await asStaff(request, .deskManager, desk: nil) { _, web in
            let ids = request.uri.queryParameters.getAll("run").map { String($0) }
            guard (1...Self.compareLimit).contains(ids.count) else {
                throw Refusal.invalid("run", "out_of_range", "Pick 1 to \(Self.compareLimit) runs to compare.")
            }
            var runs: [ForecastRun] = []
            for id in ids { runs.append(try await loket.forecasts.forecastRun(id: id)) }
            return comparePage(runs, web)
        }
    }
}

extension ForecastPages {
    static let compareLimit = 5

    /// The forecast page again with the refused form's `error` next to its field (the advisor's
    /// fields are named with `prefix`; a dot in a field's name becomes `_` for the template).
    private func forecastPage(
        _ web: WebRequest, form: [String: String], error: Refusal, prefix: String
    ) async throws -> Response {
        var field = error.field.replacingOccurrences(of: ".", with: "_")
        if !prefix.isEmpty, !field.hasPrefix(prefix) {
            field = prefix + field.prefix(1).uppercased() + field.dropFirst()
        }
        return try await forecastPage(
            web, form: form, errors: [FieldError(field: field, message: WebCopy.message(error, web.language))],
            status: .init(code: error.kind.statusCode))
    }

    private func forecastPage(
        _ web: WebRequest, form: [String: String] = [:], errors: [FieldError] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = web.language
        let runs = try await loket.forecasts.forecastRuns()
        let desks = loket.network.desks.filter { !$0.isClosedForGood(on: loket.today) }
        let page = ForecastPage(
            form: form,
            desks: desks.map { desk in
                ForecastPage.DeskFields(
                    code: desk.code, name: desk.name, counters: form["counters.\(desk.code)"] ?? "",
                    saturdayHours: form["saturdayHours.\(desk.code)"] ?? "",
                    saturdayShare: form["saturdayShare.\(desk.code)"] ?? "")
            },
            closeDesks: desks.map {
                DashboardPage.Option(value: $0.code, label: $0.name, selected: form["closeDesk"] == $0.code)
            },
            closeTos: desks.map {
                DashboardPage.Option(value: $0.code, label: $0.name, selected: form["closeTo"] == $0.code)
            },
            productOptions: loket.network.products.map {
                DashboardPage.Option(value: $0.key, label: $0.name(language), selected: form["shockProduct"] == $0.key)
            },
            whatIfs: [
                DashboardPage.Option(
                    value: "", label: WebCopy.text("adviceOnToday", language),
                    selected: (form["adviceOn"] ?? "").isEmpty)
            ]
                + runs.filter { $0.kind == .forecast && !$0.isBaseline }.map {
                    DashboardPage.Option(value: $0.id, label: $0.name, selected: form["adviceOn"] == $0.id)
                },
            runs: runs.map { run in
                ForecastPage.RunRow(
                    id: run.id, name: run.name, href: PagePath.forecastRun.link(run.id),
                    started: DateWording.moment(run.createdAt, language), state: runState(run, language),
                    answer: run.state == .done ? answerSummary(run, language) : "", kind: kindText(run, language))
            })
        return pages.render(
            "forecast", web, title: WebCopy.text("forecastTitle", language), page: page, errors: errors, status: status)
    }

    func kindText(_ run: ForecastRun, _ language: Customer.Language) -> String {
        WebCopy.text(
            run.kind == .advice ? "forecastAdvice" : run.isBaseline ? "forecastBaseline" : "forecastWhatIf", language)
    }

    func runState(_ run: ForecastRun, _ language: Customer.Language) -> String {
        switch run.state {
        case .queued: WebCopy.text("forecastQueued", language)
        case .running where run.kind == .advice: WebCopy.text("adviceRunning", language, String(run.progress))
        case .running:
            WebCopy.text("forecastRunning", language, "\(100 * run.progress / max(1, run.replications))")
        case .done: WebCopy.text("forecastDone", language)
        case .failed: WebCopy.text("forecastFailed", language)
        }
    }

    /// "median week of 2027-05-03; 84% chance within the period" for a finished run, or the
    /// advisor's counter-hours.
    func answerSummary(_ run: ForecastRun, _ language: Customer.Language) -> String {
        guard let text = run.answer, let answer = try? JSONDecoder().decode(RunAnswer.self, from: Data(text.utf8))
        else {
            return ""
        }
        switch (run.kind, answer.outcome) {
        case (.advice, "alreadyMet"): return WebCopy.text("adviceShortMet", language)
        case (.advice, "extraCapacityNeeded"):
            return WebCopy.text("adviceShort", language, String(answer.counterHoursPerWeek ?? 0))
        case (.advice, _): return WebCopy.text("adviceShortNot", language)
        case (.forecast, _):
            return WebCopy.text(
                "forecastAnswerShort", language, answer.medianWeek?.iso ?? WebCopy.text("forecastNever", language),
                Self.percent(answer.probability ?? 0))
        }
    }

    static func summary(_ run: ForecastRun) -> ForecastSummary? {
        run.result.flatMap { try? JSONDecoder().decode(ForecastSummary.self, from: Data($0.utf8)) }
    }

    static func advice(_ run: ForecastRun) -> CapacityAdvisor.Advice? {
        run.result.flatMap { try? JSONDecoder().decode(CapacityAdvisor.Advice.self, from: Data($0.utf8)) }
    }

    /// The advisor's answer in a sentence.
    func adviceAnswer(_ advice: CapacityAdvisor.Advice, _ language: Customer.Language) -> String {
        let target = [
            WeekChart.number(advice.normWorkingDays, language), advice.targetWeek.iso,
            Self.percent(advice.target.probability),
        ]
        // Advice stored before it kept when the norm is met says the target week.
        let metFrom = (advice.metFrom ?? advice.targetWeek).iso
        // Fewer than half the replications meeting it within the forecast have no median week.
        let median =
            advice.metFrom == nil
            ? metFrom
            : advice.medianWeek.map { WebCopy.text("adviceWeekOf", language, $0.iso) }
                ?? WebCopy.text("forecastNever", language)
        switch advice.outcome {
        case .alreadyMet:
            return WebCopy.text("adviceAlreadyMet", language, target[2], target[0], metFrom, median, target[1])
        case .extraCapacityNeeded:
            return WebCopy.text(
                "adviceNeeded", language, String(advice.counterHoursPerWeek ?? 0), advice.from.iso, target[0],
                target[1], target[2], Self.percent(advice.probability ?? 0), metFrom)
        case .notWithinBound:
            return WebCopy.text("adviceNotWithin", language, String(advice.upperBound), target[0], target[1], target[2])
        }
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    /// The command line that repeats `run` from its scenario file.
    func repeatCommand(_ run: ForecastRun) -> String {
        let file = "forecast-\(run.id).yaml --replications \(run.replications) --seed \(run.seed)"
        guard run.kind == .advice, let text = run.target,
            let target = try? JSONDecoder().decode(CapacityAdvisor.Target.self, from: Data(text.utf8))
        else { return "loket forecast \(file)" }
        return "loket advise \(file) --by \(target.by.iso) --probability \(target.probability)"
            + (target.from.map { " --from \($0.iso)" } ?? "")
    }

    /// One run; while it runs, a link reloads it, and the planner who started it (`following`)
    /// gets a page that reloads itself every two seconds, with a link at the top to stop that:
    /// a page that reloads on its own takes a screen reader back to the top (WCAG 2.2.1), so a
    /// run opened from the list does not.
    private func runPage(_ run: ForecastRun, _ web: WebRequest, following: Bool) -> Response {
        let language = web.language
        var page = ForecastRunPage(
            name: run.name, state: runState(run, language), started: DateWording.moment(run.createdAt, language),
            kind: kindText(run, language),
            changes: WhatIfWording.sentences(run.changes, network: loket.network, language),
            replications: run.replications, seed: String(run.seed),
            yamlHref: PagePath.forecastScenario.link(run.id),
            command: repeatCommand(run),
            running: run.state == .queued || run.state == .running, progress: run.progress, total: run.replications,
            error: run.error, isAdvice: run.kind == .advice, path: PagePath.forecastRun.link(run.id))
        page.following = following && page.running
        if run.kind == .advice, let advice = Self.advice(run) {
            page.advice = adviceFields(advice, language)
        } else if let summary = Self.summary(run) {
            page.result = resultFields(summary, language)
        }
        return pages.render(
            "forecast-run", web,
            title: WebCopy.text("forecastRunTitle", language, run.name), page: page)
    }

    private func resultFields(_ summary: ForecastSummary, _ language: Customer.Language) -> ForecastRunPage.Result {
        let product = summary.norm?.product ?? loket.network.products.first?.key ?? ""
        let line = summary.line(desk: "NL", product: product, metric: .waitFirstSlot)
        var chart = WeekChart(
            title: WebCopy.text("forecastChartTitle", language, productName(product, language)),
            weeks: summary.weekStarts, yLabel: WebCopy.text("chartWorkingDays", language), language: language)
        if let line {
            chart.band = .init(
                label: WebCopy.text("forecastBand", language), low: line.bands.map { Self.value($0.p10) },
                high: line.bands.map { Self.value($0.p90) })
            chart.lines = [
                .init(
                    label: WebCopy.text("forecastMedian", language), values: line.bands.map { Self.value($0.p50) },
                    colour: WeekChart.colours[0])
            ]
        }
        if let norm = summary.norm {
            chart.norm = (
                WebCopy.text("chartNorm", language, WeekChart.number(norm.workingDays, language)), norm.workingDays
            )
        }
        let answer = summary.normAnswer.map { a in
            WebCopy.text(
                "forecastAnswer", language, WeekChart.number(a.normWorkingDays, language),
                a.medianWeek?.iso ?? WebCopy.text("forecastNever", language),
                a.p10Week?.iso ?? "–", a.p90Week?.iso ?? WebCopy.text("forecastNever", language),
                Self.percent(a.probabilityMetWithinPeriod))
        }
        let rows = (line?.bands ?? []).enumerated().map { week, band in
            ForecastRunPage.Row(
                week: summary.weekStarts[week].iso, p10: WeekChart.number(band.p10, language),
                p50: WeekChart.number(band.p50, language), p90: WeekChart.number(band.p90, language),
                metBy: summary.normAnswer.map { Self.percent($0.cumulativeProbability[week]) } ?? "–")
        }
        return ForecastRunPage.Result(
            chart: chart.svg, answer: answer ?? "", rows: rows, phone: phoneFields(summary, language),
            weeksTable: WebCopy.text("forecastWeeksTable", language, String(rows.count)))
    }

    private func adviceFields(_ advice: CapacityAdvisor.Advice, _ language: Customer.Language) -> ForecastRunPage.Advice
    {
        ForecastRunPage.Advice(
            answer: adviceAnswer(advice, language),
            desks: advice.outcome == .extraCapacityNeeded
                ? advice.desks.map { share in
                    ForecastRunPage.AdviceDesk(
                        desk: loket.network.desk(share.desk)?.name ?? share.desk,
                        hours: String(share.counterHoursPerWeek),
                        saturdays: share.saturdaySessionsPerWeek.map { WeekChart.number($0, language) } ?? "–")
                } : [],
            candidates: advice.candidates.sorted { $0.counterHoursPerWeek < $1.counterHoursPerWeek }.map {
                ForecastRunPage.Candidate(
                    hours: String($0.counterHoursPerWeek), probability: Self.percent($0.probability),
                    meets: WebCopy.text($0.meetsTarget ? "adviceYes" : "adviceNo", language))
            })
    }

    /// The information line beside the desk wait, when the scenario has one: the median of
    /// each measure, every fourth week.
    private func phoneFields(_ summary: ForecastSummary, _ language: Customer.Language) -> ForecastRunPage.Phone? {
        let metrics = Metric.phoneMetrics.filter { summary.line(desk: "PHONE", product: "CALLS", metric: $0) != nil }
        guard !metrics.isEmpty else { return nil }
        let national = summary.line(desk: "NL", product: summary.norm?.product ?? "", metric: .waitFirstSlot)
        return ForecastRunPage.Phone(
            heads: [WebCopy.text("phoneDeskWait", language)]
                + metrics.map { WebCopy.text("phone.\($0.rawValue)", language) },
            rows: stride(from: 0, to: summary.weekStarts.count, by: 4).map { week in
                DashboardPage.Row(
                    week: summary.weekStarts[week].iso,
                    cells: [national.map { WeekChart.number($0.bands[week].p50, language) } ?? "–"]
                        + metrics.map { metric in
                            let p50 = summary.line(desk: "PHONE", product: "CALLS", metric: metric)!.bands[week].p50
                            return metric.rawValue.hasSuffix("_share") || metric == .serviceLevel
                                ? Self.percent(p50) : WeekChart.number(p50, language)
                        })
            })
    }

    /// A band's value for a chart: nothing where a desk was closed.
    static func value(_ v: Double) -> Double? { v.isNaN ? nil : v }
}

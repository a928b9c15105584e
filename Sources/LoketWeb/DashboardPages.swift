import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer
import LoketSimulation

/// The managers' dashboard (`/staff/dashboard`): per desk and product, weekly charts of the
/// measured history with the norm, a table under each chart and the same numbers as CSV
/// (`/staff/dashboard.csv`). Desk managers see their own desk, admins every desk.
struct DashboardPages: PageRoutes {
    let app: WebApp

    func add(to router: Router<LoketRequestContext>) {
        router.get(PagePath.dashboard.route, use: dashboard)
        router.get(PagePath.dashboardCSV.route, use: dashboardCSV)
    }

    /// `GET /staff/dashboard`
    @Sendable func dashboard(_ request: Request, context: LoketRequestContext) async throws -> Response {
        try await asStaff(request, .deskManager, desk: nil) { account, web in
            let choice = try dashboardChoice(request, account: account)
            let weeks = try await dashboardWeeks(choice)
            var page = dashboardPage(choice, weeks: weeks, account: account, language: web.language)
            try await addOverview(to: &page, desks: choice.desks, language: web.language)
            page.checks = try await loket.forecasts.forecastChecks(desk: choice.desk, product: choice.product).map {
                checkFields($0.run, $0.check, web.language)
            }
            return pages.render("dashboard", web, title: WebCopy.text("dashboardTitle", web.language), page: page)
        }
    }

    /// `GET /staff/dashboard.csv`
    @Sendable func dashboardCSV(_ request: Request, context: LoketRequestContext) async throws -> Response {
        try await asStaff(request, .deskManager, desk: nil) { account, _ in
            let choice = try dashboardChoice(request, account: account)
            let weeks = try await dashboardWeeks(choice)
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/csv; charset=utf-8",
                    .contentDisposition:
                        "attachment; filename=\"dashboard-\(choice.desk)-\(choice.product)-\(choice.range.lowerBound.iso).csv\"",
                ],
                body: .init(byteBuffer: ByteBuffer(string: HistoryCSV.text(weeks))))
        }
    }
}

extension DashboardPages {
    /// The charts, each a few measures that belong together, with the unit of its axis. The
    /// urgent reserve is measured for all of a desk's products at once.
    static let dashboardGroups: [(title: String, unit: String, measures: [Measure])] = [
        ("dashboardWaits", "dashboardWaitsUnit", [.waitFirstSlot, .waitThirdSlot]),
        ("dashboardFree", "dashboardFreeUnit", [.freeNext4Weeks, .freeNext8Weeks]),
        ("dashboardAppointments", "dashboardAppointmentsUnit", [.made, .cancelled, .moved, .served, .noShow]),
        ("dashboardWaitlist", "dashboardWaitlistUnit", [.waitlistSize, .waitlistJoined, .offersMade, .offersAccepted]),
        ("dashboardUrgent", "dashboardUrgentUnit", [.urgentHeld, .urgentUsed, .urgentReleased]),
        ("dashboardDraws", "dashboardDrawsUnit", [.drawEntries, .drawPlaces]),
        ("dashboardCollection", "dashboardCollectionUnit", [.collectionWaitP50, .collectionWaitP90]),
    ]

    /// Every desk the manager sees against every product, at a glance: the wait now against the
    /// norm, each linking to its charts.
    private func addOverview(to page: inout DashboardPage, desks: [Desk], language: Customer.Language) async throws {
        let today = loket.today
        let open = desks.filter { !$0.isClosedForGood(on: today) }
        let products = loket.network.products.filter { product in open.contains { $0.offers(product.key) } }
        let waits = try await loket.availability.waitTimes()
        let norm = loket.network.norm
        page.overviewIntro = WebCopy.text("overviewIntro", language, WeekChart.number(norm, language))
        page.overviewProducts = products.map { $0.name(language) }
        page.overview = open.map { desk in
            DashboardPage.OverviewRow(
                desk: desk.name,
                cells: products.map { product in
                    guard desk.offers(product.key) else { return .init(text: "–", href: nil, over: false) }
                    let wait = waits.first { $0.desk == desk.code && $0.product == product.key }?.workingDaysToFirstSlot
                    return .init(
                        text: wait.map(String.init) ?? WebCopy.text("openDataNoSlot", language),
                        href: PagePath.dashboard.link(query: ["desk": desk.code, "product": product.key]),
                        over: wait.map { Double($0) > norm } ?? true)
                })
        }
    }

    /// Which desk, product and weeks the dashboard shows: checked, and limited to what the
    /// member of staff may see.
    struct DashboardChoice {
        let desk: String
        let product: String
        let weeks: Int
        let range: ClosedRange<LocalDate>
        let desks: [Desk]
    }

    static let dashboardSpans = [12, 26, 52, 104]

    func dashboardChoice(_ request: Request, account: StaffAccount) throws -> DashboardChoice {
        let desks = loket.network.desks.filter { account.may(.deskManager, at: $0.code) }
        guard let first = desks.first else {
            throw Refusal(.forbidden, field: "desk", code: "no_desk", "You manage no desk.")
        }
        let code = request.query("desk") ?? first.code
        guard let desk = desks.first(where: { $0.code == code }) else {
            throw Refusal(
                loket.network.desk(code) == nil ? .notFound : .forbidden, field: "desk", code: "unknown_desk",
                "No desk \(code) for you.")
        }
        let product = request.query("product") ?? desk.products.first ?? ""
        guard desk.offers(product) else {
            throw Refusal(
                .notFound, field: "product", code: "not_offered", "Desk \(code) does not offer \(product).")
        }
        let weeks = request.query("weeks").map { Int($0) ?? 0 } ?? 26
        guard Self.dashboardSpans.contains(weeks) else {
            throw Refusal.invalid("weeks", "out_of_range", "Show 12, 26, 52 or 104 weeks.")
        }
        let today = loket.today
        return DashboardChoice(
            desk: desk.code, product: product, weeks: weeks,
            range: today.weekStart.adding(days: -7 * (weeks - 1))...today, desks: desks)
    }

    private func dashboardWeeks(_ choice: DashboardChoice) async throws -> [MeasuredWeek] {
        let own = try await loket.forecasts.history(dates: choice.range, desk: choice.desk, product: choice.product)
        let desk = try await loket.forecasts.history(dates: choice.range, desk: choice.desk, product: Measure.wholeDesk)
        return MeasuredWeek.weeks(of: own + desk)
    }

    private func dashboardPage(
        _ choice: DashboardChoice, weeks: [MeasuredWeek], account: StaffAccount, language: Customer.Language
    ) -> DashboardPage {
        let starts = (0..<choice.weeks).map { choice.range.lowerBound.adding(days: 7 * $0) }
        let norm = loket.network.norm
        let charts = Self.dashboardGroups.map { group -> DashboardPage.Chart in
            let title = WebCopy.text(group.title, language)
            var chart = WeekChart(
                title: title, weeks: starts, yLabel: WebCopy.text(group.unit, language), language: language)
            var columns: [[Double?]] = []
            for (index, measure) in group.measures.enumerated() {
                let values = starts.map { week in
                    weeks.first { $0.week == week && $0.measure == measure }?.value
                }
                columns.append(values)
                chart.lines.append(
                    .init(
                        label: WebCopy.text("measure.\(measure.rawValue)", language), values: values,
                        colour: WeekChart.style(index).colour, dashed: WeekChart.style(index).dashed))
            }
            if group.measures.contains(.waitFirstSlot) {
                chart.norm = (WebCopy.text("chartNorm", language, WeekChart.number(norm, language)), norm)
            }
            let rows = starts.indices.reversed().compactMap { i -> DashboardPage.Row? in
                let cells = columns.map { $0[i] }
                guard cells.contains(where: { $0 != nil }) else { return nil }
                return DashboardPage.Row(
                    week: WebCopy.text("dashboardWeekOf", language, DateWording.date(starts[i], language)),
                    cells: cells.map { $0.map { WeekChart.number($0, language) } ?? "–" })
            }
            return DashboardPage.Chart(
                id: group.title, title: title, svg: chart.svg,
                heads: group.measures.map { WebCopy.text("measure.\($0.rawValue)", language) }, rows: rows,
                empty: rows.isEmpty)
        }
        let desk = loket.network.desk(choice.desk)!
        return DashboardPage(
            desks: choice.desks.map { .init(value: $0.code, label: $0.name, selected: $0.code == choice.desk) },
            products: desk.products.map {
                .init(value: $0, label: productName($0, language), selected: $0 == choice.product)
            },
            spans: Self.dashboardSpans.map {
                .init(
                    value: String($0), label: WebCopy.text("dashboardWeeksOption", language, String($0)),
                    selected: $0 == choice.weeks)
            },
            heading: WebCopy.text("dashboardHeading", language, desk.name, productName(choice.product, language)),
            charts: charts,
            csvHref: PagePath.dashboardCSV.link(
                query: ["desk": choice.desk, "product": choice.product, "weeks": choice.weeks]))
    }

    /// A stored baseline beside what was measured: its band, its median and the measured wait.
    private func checkFields(
        _ run: ForecastRun, _ check: ForecastCheck, _ language: Customer.Language
    )
        -> DashboardPage.Check
    {
        var chart = WeekChart(
            title: WebCopy.text("checkChartTitle", language, run.name), weeks: check.weekStarts,
            yLabel: WebCopy.text("chartWorkingDays", language), language: language)
        chart.band = .init(label: WebCopy.text("forecastBand", language), low: check.low, high: check.high)
        chart.lines = [
            .init(
                label: WebCopy.text("forecastMedian", language), values: check.median, colour: WeekChart.colours[0],
                dashed: true),
            .init(label: WebCopy.text("checkMeasured", language), values: check.measured, colour: WeekChart.colours[1]),
        ]
        let number = { (v: Double?) in v.map { WeekChart.number($0, language) } ?? "–" }
        return DashboardPage.Check(
            id: "check-\(run.id)",
            title: WebCopy.text("checkTitle", language, run.name, DateWording.moment(run.createdAt, language)),
            svg: chart.svg,
            coverage: check.coverage.map {
                WebCopy.text("checkCoverage", language, String($0.weeks), ForecastPages.percent($0.inside))
            } ?? WebCopy.text("checkNothingMeasured", language),
            rows: check.weekStarts.indices.reversed().map { i in
                DashboardPage.Row(
                    week: WebCopy.text("dashboardWeekOf", language, DateWording.date(check.weekStarts[i], language)),
                    cells: [
                        number(check.low[i]), number(check.median[i]), number(check.high[i]), number(check.measured[i]),
                    ])
            })
    }
}

/// dashboard.mustache: the desk, product and span to show, and a chart with its table per group.
struct DashboardPage {
    struct Option { let value: String, label: String, selected: Bool }
    struct Row { let week: String, cells: [String] }
    struct Chart { let id: String, title: String, svg: String, heads: [String], rows: [Row], empty: Bool }
    let desks: [Option]
    let products: [Option]
    let spans: [Option]
    let heading: String
    let charts: [Chart]
    let csvHref: String
    /// Baselines of four weeks ago and more against what happened.
    var checks: [Check] = []
    /// The network at a glance: per desk, per product the wait now and whether it is over the norm.
    struct OverviewRow { let desk: String, cells: [OverviewCell] }
    struct OverviewCell { let text: String, href: String?, over: Bool }
    var overview: [OverviewRow] = []
    var overviewProducts: [String] = []
    var overviewIntro = ""

    struct Check { let id: String, title: String, svg: String, coverage: String, rows: [Row] }
}

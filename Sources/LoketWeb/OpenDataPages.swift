import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// The public waiting times (open data): `/wachttijden` in Dutch and `/en/waiting-times` in
/// English. Per product, the wait at each desk now and its trend over 12 weeks as a chart and a
/// table, with the whole history to download: what people who poll the planner to build their
/// own trackers can have without polling.
struct OpenDataPages: PageRoutes {
    let app: WebApp

    func add(to router: Router<LoketRequestContext>) {
        for (language, path) in Self.openDataPaths {
            router.get(path.route) { request, context in try await waitingTimes(request, context, in: language) }
            router.get(Self.spreadsheetPath(language).route) { _, context in
                try await spreadsheet(context, in: language)
            }
        }
    }

    /// The page in `language` (the address decides it: one answer ready per language).
    func waitingTimes(
        _ request: Request, _ context: LoketRequestContext, in language: Customer.Language
    ) async throws -> Response {
        var web = web(request)
        web.language = language
        web.languages = WebRequest.dutchAndEnglish
        web.backPath = Self.openDataPaths[language == .nl ? .en : .nl]!.link()
        let forecasts = loket.forecasts
        let generation = forecasts.measuredGeneration()
        let made = try await publicPages.made(web.pageKey("open-data"), generation: generation, now: loket.now()) {
            [web] in
            pages.prepare(
                "open-data", web, title: WebCopy.text("openDataTitle", web.language),
                page: try await openDataPage(web.language), headers: [.contentLanguage: language.rawValue])
        }
        return app.send(
            made, of: publicPages, web: web, to: request, context: context,
            canonical: Self.openDataPaths[language]!.link(), while: { forecasts.measuredGeneration() == generation })
    }

    /// The last 12 weeks for a spreadsheet in the page's language (`;` and 12,5 in Dutch), made
    /// for each download: under the client's limit, as the API's own ranges are.
    func spreadsheet(_ context: LoketRequestContext, in language: Customer.Language) async throws -> Response {
        try loket.admit(.slotReads, client: context.client)
        let (dates, values) = try await loket.forecasts.openData(from: nil, to: nil, desk: nil, product: nil)
        let name = WebCopy.text("openDataFileName", language)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .cacheControl: "public, max-age=300",
                .contentDisposition:
                    "attachment; filename=\"\(name)-\(dates.lowerBound.iso)-\(dates.upperBound.iso).csv\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: spreadsheet(values, language))))
    }
}

extension OpenDataPages {
    static let openDataPaths: [Customer.Language: PagePath] = [.nl: .waitingTimesDutch, .en: .waitingTimesEnglish]

    /// The page's history as a spreadsheet, beside the page in its language.
    static func spreadsheetPath(_ language: Customer.Language) -> PagePath {
        PagePath(openDataPaths[language]!.pattern + ".csv")
    }

    /// Measured values as spreadsheet rows: names beside the codes, the measure in words and its
    /// unit, numbers as the language writes them.
    func spreadsheet(_ values: [MeasuredValue], _ language: Customer.Language) -> String {
        let header = OpenDataPage.columns.map { WebCopy.text("openDataColumn.\($0)", language) }
        let rows = values.map { value -> [String] in
            [
                value.date.iso, loket.network.desk(value.desk)?.name ?? value.desk, value.desk,
                productName(value.product, language), value.product,
                WebCopy.text("measure.\(value.measure.rawValue)", language), WeekChart.number(value.value, language),
                WebCopy.text("unit.\(value.measure.unit)", language),
            ]
        }
        // Where the decimal mark is a comma (Dutch), the fields are separated by semicolons.
        let separator: Character = language == .en ? "," : ";"
        return SpreadsheetCSV.text([header] + rows, separator: separator)
    }

    private func openDataPage(_ language: Customer.Language) async throws -> OpenDataPage {
        let today = loket.today
        let weeks = (0..<12).map { today.weekStart.adding(days: -7 * (11 - $0)) }
        let history = MeasuredWeek.weeks(
            of: try await loket.forecasts.history(dates: weeks[0]...today, measures: [.waitFirstSlot]))
        let now = try await loket.availability.waitTimes()
        let norm = loket.network.norm
        let products = loket.network.products.compactMap { product -> OpenDataPage.Product? in
            let desks = loket.network.desks.filter { $0.offers(product.key) && !$0.isClosedForGood(on: today) }
            guard !desks.isEmpty else { return nil }
            var chart = WeekChart(
                title: WebCopy.text("openDataChartTitle", language, product.name(language)), weeks: weeks,
                yLabel: WebCopy.text("chartWorkingDays", language), language: language)
            chart.norm = (WebCopy.text("chartNorm", language, WeekChart.number(norm, language)), norm)
            var rows: [OpenDataPage.Row] = []
            for (index, desk) in desks.enumerated() {
                let values = weeks.map { week in
                    history.first { $0.week == week && $0.desk == desk.code && $0.product == product.key }?.value
                }
                let style = WeekChart.style(index)
                chart.lines.append(.init(label: desk.name, values: values, colour: style.colour, dashed: style.dashed))
                let wait = now.first { $0.desk == desk.code && $0.product == product.key }
                let then = values.first { $0 != nil } ?? nil
                let current = wait?.workingDaysToFirstSlot.map(Double.init)
                rows.append(
                    OpenDataPage.Row(
                        desk: desk.name,
                        now: current.map { WeekChart.number($0, language) } ?? WebCopy.text("openDataNoSlot", language),
                        third: wait?.workingDaysToThirdSlot.map(String.init)
                            ?? WebCopy.text("openDataNoSlot", language),
                        then: then.map { WeekChart.number($0, language) } ?? "–",
                        trend: Self.trend(from: then, to: current, language),
                        overNorm: (current ?? .infinity) > norm))
            }
            return OpenDataPage.Product(key: product.key, name: product.name(language), chart: chart.svg, rows: rows)
        }
        let api = "/api/v1/open-data/wait-times"
        let first = try await loket.forecasts.firstMeasuredDate() ?? today
        return OpenDataPage(
            intro: WebCopy.text("openDataIntro", language, WeekChart.number(norm, language)),
            products: products,
            spreadsheetHref: Self.spreadsheetPath(language).link(),
            columns: OpenDataPage.columns.map {
                .init(
                    name: WebCopy.text("openDataColumn.\($0)", language),
                    meaning: WebCopy.text("openDataMeaning.\($0)", language))
            },
            csvHref: "\(api)?format=csv", jsonHref: api,
            allCSVHref: "\(api)?from=\(max(first, today.adding(days: -3 * 366)).iso)&to=\(today.iso)&format=csv")
    }

    /// Shorter, longer or about the same as 12 weeks ago (a working day either way is the same).
    static func trend(from then: Double?, to now: Double?, _ language: Customer.Language) -> String {
        guard let then, let now else { return "–" }
        if now < then - 1 { return WebCopy.text("trendShorter", language) }
        if now > then + 1 { return WebCopy.text("trendLonger", language) }
        return WebCopy.text("trendSame", language)
    }
}

/// open-data.mustache: per product a chart and a table of the desks' waits, and the downloads.
struct OpenDataPage {
    struct Row { let desk: String, now: String, third: String, then: String, trend: String, overNorm: Bool }
    struct Product { let key: String, name: String, chart: String, rows: [Row] }
    /// A column of the spreadsheet download and what it means.
    struct Column { let name: String, meaning: String }
    static let columns = ["date", "desk", "deskCode", "product", "productCode", "measure", "value", "unit"]
    let intro: String
    let products: [Product]
    let spreadsheetHref: String
    let columns: [Column]
    let csvHref: String
    let jsonHref: String
    let allCSVHref: String
}

import Hummingbird
import LoketApp
import LoketDomain
import LoketSimulation

/// Forecasts compared: one chart of their medians, and a sentence for each against the first.
extension ForecastPages {
    func comparePage(_ runs: [ForecastRun], _ web: WebRequest) -> Response {
        let language = web.language
        let summaries = runs.compactMap { run in Self.summary(run).map { (run, $0) } }
        let longest = summaries.max { $0.1.weekStarts.count < $1.1.weekStarts.count }
        let weeks = longest?.1.weekStarts ?? []
        let product = longest?.1.norm?.product ?? loket.network.products.first?.key ?? ""
        var chart = WeekChart(
            title: WebCopy.text("forecastCompareChart", language, productName(product, language)), weeks: weeks,
            yLabel: WebCopy.text("chartWorkingDays", language), language: language)
        for (index, (run, summary)) in summaries.enumerated() {
            guard let line = summary.line(desk: "NL", product: product, metric: .waitFirstSlot) else { continue }
            // Runs started on other days line up by the week each of their weeks begins in.
            func at(_ week: LocalDate, _ pick: (Forecast.Band) -> Double) -> Double? {
                summary.weekStarts.firstIndex { $0 <= week && $0 > week.adding(days: -7) }
                    .flatMap { Self.value(pick(line.bands[$0])) }
            }
            let values = weeks.map { at($0, \.p50) }
            chart.lines.append(
                .init(
                    label: run.name, values: values, colour: WeekChart.style(index).colour, dashed: index > 0))
            if index == 0 {
                chart.band = .init(
                    label: WebCopy.text("forecastBandOf", language, run.name),
                    low: weeks.map { w in
                        summary.weekStarts.firstIndex(of: w).map { Self.value(line.bands[$0].p10) } ?? nil
                    },
                    high: weeks.map { w in
                        summary.weekStarts.firstIndex(of: w).map { Self.value(line.bands[$0].p90) } ?? nil
                    })
            }
        }
        if let norm = longest?.1.norm {
            chart.norm = (
                WebCopy.text("chartNorm", language, WeekChart.number(norm.workingDays, language)), norm.workingDays
            )
        }
        let page = ForecastComparePage(
            chart: chart.svg, inWords: Self.inWords(runs, language),
            runs: runs.map { run in
                ForecastComparePage.Run(
                    name: run.name, href: PagePath.forecastRun.link(run.id),
                    kind: kindText(run, language),
                    changes: WhatIfWording.sentences(run.changes, network: loket.network, language),
                    state: runState(run, language),
                    answer: answerSummary(run, language))
            })
        return pages.render("forecast-compare", web, title: WebCopy.text("forecastCompareTitle", language), page: page)
    }

    /// Each run's median week of meeting the norm for good, and the later ones against the first:
    /// "…, 6 weeks earlier than Baseline".
    static func inWords(_ runs: [ForecastRun], _ language: Customer.Language) -> [String] {
        let weeks = runs.map { run in Self.summary(run).map { $0.normAnswer?.medianWeek } }
        return runs.indices.map { index in
            let name = runs[index].name
            guard let week = weeks[index] else { return WebCopy.text("compareUnfinished", language, name) }
            guard let week else { return WebCopy.text("compareNever", language, name) }
            let when = DateWording.dayMonthYear(week, language)
            guard index > 0, case .some(let firstWeek) = weeks[0] else {
                return WebCopy.text("compareFirst", language, name, when)
            }
            // The first never met within its period: this one does, which says more than weeks.
            guard let first = firstWeek else {
                return WebCopy.text("compareFirstNever", language, name, when, runs[0].name)
            }
            let apart = (week.dayNumber - first.dayNumber) / 7
            let key = apart < 0 ? "compareEarlier" : apart > 0 ? "compareLater" : "compareSame"
            let count = WebCopy.text(abs(apart) == 1 ? "weekCountOne" : "weekCount", language, String(abs(apart)))
            return apart == 0
                ? WebCopy.text(key, language, name, when, runs[0].name)
                : WebCopy.text(key, language, name, when, count, runs[0].name)
        }
    }
}

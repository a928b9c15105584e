import Foundation
import LoketDomain
import LoketSimulation

/// A what-if in words for the planners who read it: one sentence per change, desks by name and
/// dates written out, rather than the JSON the run keeps for repeating it.
enum WhatIfWording {
    /// The sentences of the changes kept with a run (`ForecastRun.changes`); none for a baseline.
    static func sentences(_ json: String, network: DeskNetwork, _ language: Customer.Language) -> [String] {
        guard let changes = try? JSONDecoder().decode(WhatIf.self, from: Data(json.utf8)) else { return [] }
        func desk(_ code: String) -> String { network.desk(code)?.name ?? code }
        func number(_ value: Double) -> String { WeekChart.number(value, language) }
        func percent(_ share: Double) -> String { ForecastPages.percent(share) }
        func date(_ day: LocalDate) -> String { DateWording.dayMonthYear(day, language) }
        func text(_ key: String, _ values: String...) -> String { WebCopy.text(key, language, arguments: values) }
        var lines: [String] = []
        for (code, extra) in (changes.counters ?? [:]).sorted(by: { $0.key < $1.key }) {
            lines.append(text(extra > 0 ? "whatIfMoreCounters" : "whatIfFewerCounters", desk(code), number(abs(extra))))
        }
        for (code, opening) in (changes.saturdays ?? [:]).sorted(by: { $0.key < $1.key }) {
            lines.append(text("whatIfSaturday", desk(code), number(opening.hours), percent(opening.counterShare)))
        }
        if let hiring = changes.hiring {
            lines.append(
                text(
                    "whatIfHiring", String(hiring.perMonth), String(hiring.months),
                    String(hiring.recruitmentDelayWeeks),
                    String(hiring.trainingWeeks), percent(hiring.trainingProductivity),
                    String(hiring.maxInTrainingPerDesk)))
        }
        if let share = changes.courierShare { lines.append(text("whatIfCourier", percent(share))) }
        if let share = changes.biometricsReuseShare { lines.append(text("whatIfReuse", percent(share))) }
        if let closure = changes.closure {
            lines.append(
                text(
                    "whatIfClosure", desk(closure.desk), date(closure.date), percent(closure.countersMoved),
                    desk(closure.to)))
        }
        if let shock = changes.shock {
            let products = shock.product.flatMap { network.product($0)?.name(language) } ?? text("whatIfAllProducts")
            lines.append(
                text("whatIfShock", percent(shock.factor), products, date(shock.from), date(shock.until)))
        }
        if let line = changes.informationLine {
            lines.append(text("whatIfPhone", String(line.agents), number(line.callsPerWorkingDay)))
        }
        return lines
    }
}

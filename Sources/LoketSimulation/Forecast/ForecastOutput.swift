import Foundation
import LoketDomain

/// The forecast written for people and for other programs: CSV (one row per week, desk,
/// product and metric), JSON, and a plain-text summary table.
extension Forecast {
    public var csv: String {
        var lines = ["week_start,desk,product,metric,p10,p50,p90"]
        lines.reserveCapacity(rows.count + 1)
        for row in rows {
            lines.append(
                "\(row.weekStart.iso),\(row.desk),\(row.product),\(row.metric.rawValue),\(Self.number(row.band.p10)),\(Self.number(row.band.p50)),\(Self.number(row.band.p90))"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    struct Document: Encodable {
        let scenario: String
        let replications: Int
        let seed: UInt64
        let norm: NormAnswer?
        let normMetWeeks: [String?]
        let rows: [Row]
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(
            Document(
                scenario: scenario.name, replications: replications, seed: seed, norm: normAnswer,
                normMetWeeks: normMetWeek.map { $0.map { weekStarts[$0].iso } }, rows: rows))
    }

    /// A summary for the terminal: the national waits every four weeks, the last week per desk,
    /// and the answer about the norm.
    public func table(product: String) -> String {
        var out =
            "Scenario \(scenario.name): \(replications) replication(s), seed \(seed), \(scenario.weeks) weeks from \(scenario.start.iso)\n\n"
        out += "National \(product) wait in working days (P10 / P50 / P90)\n"
        out += pad("week", 12) + pad("first free slot", 24) + pad("third free slot", 24) + "backlog (P50)\n"
        for week in stride(from: 0, to: scenario.weeks, by: 4) {
            guard let first = band(desk: "NL", product: product, metric: .waitFirstSlot, week: week),
                let third = band(desk: "NL", product: product, metric: .waitThirdSlot, week: week),
                let backlog = band(desk: "NL", product: product, metric: .backlog, week: week)
            else { continue }
            out +=
                pad(weekStarts[week].iso, 12) + pad(triple(first), 24) + pad(triple(third), 24)
                + Self.number(backlog.p50.rounded()) + "\n"
        }
        let last = scenario.weeks - 1
        out += "\nWeek of \(weekStarts[last].iso), per desk (P50 working days to the first free slot)\n"
        let products = Array(Set(series.filter { $0.desk != "NL" && $0.desk != "PHONE" }.map(\.product))).sorted()
        out += pad("desk", 8) + products.map { pad($0, 8) }.joined() + "\n"
        for desk in Array(Set(series.filter { $0.desk != "NL" && $0.desk != "PHONE" }.map(\.desk))).sorted() {
            out +=
                pad(desk, 8)
                + products.map { p in
                    pad(
                        band(desk: desk, product: p, metric: .waitFirstSlot, week: last).flatMap {
                            $0.p50.isNaN ? nil : Self.number($0.p50)
                        } ?? "closed", 8)
                }.joined() + "\n"
        }
        if let phone = band(desk: "PHONE", product: "CALLS", metric: .answerWaitMinutes, week: last),
            let calls = band(desk: "PHONE", product: "CALLS", metric: .callsPerDay, week: last),
            let answered = band(desk: "PHONE", product: "CALLS", metric: .answeredShare, week: last),
            let level = band(desk: "PHONE", product: "CALLS", metric: .serviceLevel, week: last),
            let needed = band(desk: "PHONE", product: "CALLS", metric: .agentsNeeded, week: last)
        {
            out +=
                "\nInformation line, last week (P50): \(Self.number(calls.p50.rounded())) calls a day with redials, \(Self.percent(answered.p50)) answered after \(Self.number(phone.p50)) minutes on average, \(Self.percent(level.p50)) within the target time; \(Self.number(needed.p50.rounded())) agents needed for the service level\n"
        }
        if let answer = normAnswer {
            out +=
                "\nNorm: \(answer.product) wait at most \(Self.number(answer.normWorkingDays)) working days, for good.\n"
            if let median = answer.medianWeek {
                out +=
                    "Met in the week of \(median.iso) (median); P10 \(answer.p10Week?.iso ?? "-"), P90 \(answer.p90Week?.iso ?? "after \(weekStarts[last].iso)").\n"
            } else {
                out += "Not met within the period in most replications.\n"
            }
            out +=
                "Probability it is met by \(weekStarts[last].iso): \(Int((answer.probabilityMetWithinPeriod * 100).rounded()))%.\n"
        }
        return out
    }

    private func triple(_ band: Band) -> String {
        "\(Self.number(band.p10)) / \(Self.number(band.p50)) / \(Self.number(band.p90))"
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    static func number(_ value: Double) -> String {
        if value.isNaN { return "" }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        return String(format: "%.2f", value)
    }
}

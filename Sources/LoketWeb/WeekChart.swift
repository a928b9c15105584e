import Foundation
import LoketDomain

/// A chart of values by week, drawn on the server as inline SVG (no script): lines, an optional
/// P10–P90 band and a dashed norm line, with labelled axes and a legend. The page puts a table
/// of the same numbers under it, which is what a screen reader reads; the SVG itself is one
/// image with a title. Written by hand: no listed package draws charts, and SVG is text.
struct WeekChart: Sendable {
    struct Line: Sendable {
        let label: String
        /// One value per week of `weeks`; nil where nothing was measured.
        let values: [Double?]
        let colour: String
        var dashed = false
    }

    struct Band: Sendable {
        let label: String
        let low: [Double?]
        let high: [Double?]
    }

    let title: String
    let weeks: [LocalDate]
    let yLabel: String
    /// Numbers are written as the page's language writes them (12,5 in Dutch).
    let language: Customer.Language
    var lines: [Line] = []
    var band: Band?
    var norm: (label: String, value: Double)?

    /// Nine colours apart enough for the network's desks (Okabe–Ito's and ColorBrewer's dark
    /// hues); a tenth line and on repeats them dashed (`style`).
    static let colours = [
        "#08519c", "#b35806", "#1b7837", "#762a83", "#4d4d4d", "#d95f02", "#e7298a", "#66a61e", "#a6761d",
    ]

    /// The colour and dash of the `index`-th line, so that every desk has a line of its own.
    static func style(_ index: Int) -> (colour: String, dashed: Bool) {
        (colours[index % colours.count], index >= colours.count)
    }

    var svg: String {
        let (width, height) = (720.0, 320.0)
        let (left, right, top, bottom) = (56.0, 16.0, 40.0, 56.0)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let everything =
            lines.flatMap { $0.values.compactMap { $0 } } + (band?.high.compactMap { $0 } ?? []) + [norm?.value ?? 0]
        // Four gridlines a whole, round step apart: 0, 5, 10, 15, 20 rather than 6,2 and 12,5.
        let step = max(1, Self.niceStep(max(everything.max() ?? 1, 1) * 1.05 / 4))
        let yMax = step * 4
        let last = max(1, weeks.count - 1)
        func x(_ week: Int) -> Double { left + plotWidth * Double(week) / Double(last) }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - value / yMax) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="14"><title>\(HTMLText.escape(title))</title>
            <rect width="100%" height="100%" fill="#fff"/>

            """
        for i in 0...4 {
            let value = step * Double(i)
            svg +=
                "<line x1=\"\(f(left))\" y1=\"\(f(y(value)))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(y(value)))\" stroke=\"#ddd\"/>"
            svg +=
                "<text x=\"\(f(left - 6))\" y=\"\(f(y(value) + 4))\" text-anchor=\"end\" fill=\"#333\">\(Self.number(value, language))</text>\n"
        }
        let every = max(1, weeks.count / 6)
        for week in stride(from: 0, to: weeks.count, by: every) {
            svg +=
                "<text x=\"\(f(x(week)))\" y=\"\(f(top + plotHeight + 18))\" text-anchor=\"middle\" fill=\"#333\">\(Self.day(weeks[week], language))</text>\n"
        }
        svg +=
            "<line x1=\"\(f(left))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(top + plotHeight))\" stroke=\"#333\"/>"
        svg +=
            "<text x=\"\(f(left))\" y=\"\(f(top - 24))\" fill=\"#333\">\(HTMLText.escape(yLabel))</text>\n"
        var legend: [(String, String, Bool)] = []
        if let band {
            // The band as one polygon per stretch of weeks that have both ends.
            for run in Self.runs(band.low.indices.filter { band.low[$0] != nil && band.high[$0] != nil }) {
                let upper = run.map { "\(f(x($0))),\(f(y(band.high[$0]!)))" }
                let lower = run.reversed().map { "\(f(x($0))),\(f(y(band.low[$0]!)))" }
                svg +=
                    "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"#9ecae1\" fill-opacity=\"0.6\"/>\n"
            }
            legend.append((band.label, "#9ecae1", false))
        }
        for line in lines {
            for run in Self.runs(line.values.indices.filter { line.values[$0] != nil }) {
                let points = run.map { "\(f(x($0))),\(f(y(line.values[$0]!)))" }.joined(separator: " ")
                svg +=
                    run.count == 1
                    ? "<circle cx=\"\(f(x(run[0])))\" cy=\"\(f(y(line.values[run[0]]!)))\" r=\"3\" fill=\"\(line.colour)\"/>\n"
                    : "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(line.colour)\" stroke-width=\"2.5\"\(line.dashed ? " stroke-dasharray=\"3 3\"" : "")/>\n"
            }
            legend.append((line.label, line.colour, line.dashed))
        }
        if let norm {
            svg +=
                "<line x1=\"\(f(left))\" y1=\"\(f(y(norm.value)))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(y(norm.value)))\" stroke=\"#d62728\" stroke-width=\"2\" stroke-dasharray=\"8 5\"/>\n"
            legend.append((norm.label, "#d62728", true))
        }
        // The legend under the plot, wrapped into as many rows as it needs (the image grows).
        var lx = left
        var ly = height - 14
        for (label, colour, dashed) in legend {
            let shown = label.count > 60 ? String(label.prefix(59)) + "…" : label
            let entryWidth = 40 + Double(shown.count) * 7.6
            if lx > left && lx + entryWidth > width - right {
                lx = left
                ly += 20
            }
            svg +=
                "<line x1=\"\(f(lx))\" y1=\"\(f(ly - 4))\" x2=\"\(f(lx + 20))\" y2=\"\(f(ly - 4))\" stroke=\"\(colour)\" stroke-width=\"\(dashed ? 2 : 6)\"\(dashed ? " stroke-dasharray=\"5 3\"" : "")/>"
            svg += "<text x=\"\(f(lx + 26))\" y=\"\(f(ly))\" fill=\"#333\">\(HTMLText.escape(shown))</text>\n"
            lx += entryWidth
        }
        let total = Int(ly + 14)
        svg = svg.replacingOccurrences(
            of: "viewBox=\"0 0 \(Int(width)) \(Int(height))\"", with: "viewBox=\"0 0 \(Int(width)) \(total)\"")
        return svg + "</svg>"
    }

    /// Consecutive stretches of `indices` (ascending).
    static func runs(_ indices: [Int]) -> [[Int]] {
        var runs: [[Int]] = []
        for i in indices {
            if let last = runs.last?.last, last == i - 1 { runs[runs.count - 1].append(i) } else { runs.append([i]) }
        }
        return runs
    }

    /// The smallest of 1, 2 or 5 times a power of ten that is at least `value`.
    static func niceStep(_ value: Double) -> Double {
        let magnitude = pow(10, log10(max(value, 1e-9)).rounded(.down))
        for factor in [1.0, 2, 5, 10] where factor * magnitude >= value { return factor * magnitude }
        return 10 * magnitude
    }

    /// A week's first day as an axis labels it: "7 sep", "7 Sep".
    static func day(_ date: LocalDate, _ language: Customer.Language) -> String {
        let month = DateWording.monthName(date.components.month, language)
        return "\(date.components.day) \(month.prefix(3))"
    }

    /// A value as a table or axis shows it: whole numbers without decimals, others with one.
    static func number(_ value: Double, _ language: Customer.Language) -> String {
        guard value.isFinite else { return "–" }
        let text = value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
        return language == .nl ? text.replacingOccurrences(of: ".", with: ",") : text
    }
}

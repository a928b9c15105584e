import Foundation
import LoketDomain

/// An SVG chart of a waiting time by week: the P10–P90 band, the median and the norm line, with
/// labelled axes. Written by hand: no listed package draws charts, and SVG is text.
extension Forecast {
    public func svgChart(desk: String = "NL", product: String, metric: Metric = .waitFirstSlot) -> String {
        let width = 900.0
        let height = 480.0
        let left = 70.0
        let right = 50.0
        let top = 50.0
        let bottom = 70.0
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let bands = (0..<scenario.weeks).compactMap { band(desk: desk, product: product, metric: metric, week: $0) }
        let norm = scenario.norm.flatMap { $0.product == product ? $0.workingDays : nil }
        let maxValue = max(bands.map(\.p90).max() ?? 1, norm ?? 0, 1)
        let yMax = Self.niceCeiling(maxValue * 1.05)
        let weeks = max(1, bands.count - 1)
        func x(_ week: Int) -> Double { left + plotWidth * Double(week) / Double(weeks) }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - value / yMax) }
        func point(_ week: Int, _ value: Double) -> String { String(format: "%.1f,%.1f", x(week), y(value)) }

        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="13">
            <title>\(desk) \(product): \(metric.rawValue), \(scenario.name)</title>
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(Int(width / 2))" y="28" text-anchor="middle" font-size="16">\(HTMLText.escape(scenario.name)): \(desk == "NL" ? "national" : desk) \(product) wait, working days (\(replications) runs)</text>

            """
        // Grid and y axis labels.
        let step = yMax / 5
        for i in 0...5 {
            let value = step * Double(i)
            svg += String(
                format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", left, y(value),
                left + plotWidth, y(value))
            svg += String(
                format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%@</text>\n", left - 8, y(value) + 4,
                Self.number(value))
        }
        // x axis labels: about eight dates.
        let every = max(1, bands.count / 8)
        for week in stride(from: 0, to: bands.count, by: every) {
            svg += String(
                format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\"/>\n", x(week),
                top + plotHeight, x(week), top + plotHeight + 5)
            svg += String(
                format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%@</text>\n", x(week),
                top + plotHeight + 20, weekStarts[week].iso)
        }
        svg += String(
            format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>\n", left, top + plotHeight,
            left + plotWidth, top + plotHeight)
        svg += String(
            format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>\n", left, top, left,
            top + plotHeight)
        svg +=
            "<text x=\"\(Int(left + plotWidth / 2))\" y=\"\(Int(height - 18))\" text-anchor=\"middle\">week starting</text>\n"
        svg += String(
            format:
                "<text transform=\"translate(20,%.1f) rotate(-90)\" text-anchor=\"middle\">working days until a free slot</text>\n",
            top + plotHeight / 2)
        // The band, the median and the norm.
        let upper = bands.indices.map { point($0, bands[$0].p90) }
        let lower = bands.indices.reversed().map { point($0, bands[$0].p10) }
        svg +=
            "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"#9ecae1\" fill-opacity=\"0.6\" stroke=\"none\"><title>P10–P90</title></polygon>\n"
        svg +=
            "<polyline points=\"\(bands.indices.map { point($0, bands[$0].p50) }.joined(separator: " "))\" fill=\"none\" stroke=\"#08519c\" stroke-width=\"2.5\"><title>median</title></polyline>\n"
        if let norm {
            svg += String(
                format:
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d62728\" stroke-width=\"2\" stroke-dasharray=\"8 5\"/>\n",
                left, y(norm), left + plotWidth, y(norm))
        }
        // Legend.
        let lx = left + plotWidth - 230
        let ly = top + 10
        svg += String(
            format:
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"22\" height=\"12\" fill=\"#9ecae1\"/><text x=\"%.1f\" y=\"%.1f\">P10–P90 band</text>\n",
            lx, ly, lx + 30, ly + 11)
        svg += String(
            format:
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#08519c\" stroke-width=\"2.5\"/><text x=\"%.1f\" y=\"%.1f\">median (P50)</text>\n",
            lx, ly + 26, lx + 22, ly + 26, lx + 30, ly + 30)
        if let norm {
            svg += String(
                format:
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d62728\" stroke-width=\"2\" stroke-dasharray=\"8 5\"/><text x=\"%.1f\" y=\"%.1f\">norm: %@ working days</text>\n",
                lx, ly + 45, lx + 22, ly + 45, lx + 30, ly + 49, Self.number(norm))
        }
        svg += "</svg>\n"
        return svg
    }

    static func niceCeiling(_ value: Double) -> Double {
        let magnitude = pow(10, (log10(max(value, 1e-9))).rounded(.down))
        for factor in [1.0, 2, 2.5, 5, 10] where factor * magnitude >= value { return factor * magnitude }
        return 10 * magnitude
    }
}

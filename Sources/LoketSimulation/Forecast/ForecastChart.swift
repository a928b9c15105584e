import Foundation
import LoketDomain

/// An SVG chart of a waiting time by week: the P10–P90 band, the median and the norm line, with
/// labelled axes. Written by hand: no listed package draws charts, and SVG is text.
extension Forecast {
    public func svgChart(desk: String = "NL", product: String, metric: Metric = .waitFirstSlot) -> String {
        let bands = (0..<scenario.weeks).compactMap { band(desk: desk, product: product, metric: metric, week: $0) }
        let norm = scenario.norm.flatMap { $0.product == product ? $0.workingDays : nil }
        let maxValue = max(bands.map(\.p90).max() ?? 1, norm ?? 0, 1)
        let frame = ChartFrame(yMax: Self.niceCeiling(maxValue * 1.05), weeks: max(1, bands.count - 1))
        let width = ChartFrame.width
        let height = ChartFrame.height
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="13">
            <title>\(desk) \(product): \(metric.rawValue), \(scenario.name)</title>
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(Int(width / 2))" y="28" text-anchor="middle" font-size="16">\(HTMLText.escape(scenario.name)): \(desk == "NL" ? "national" : desk) \(product) wait, working days (\(replications) runs)</text>

            """
        svg += Self.axes(frame, weekStarts: bands.indices.map { weekStarts[$0] })
        svg += Self.series(frame, bands: bands, norm: norm)
        svg += Self.legend(frame, norm: norm)
        svg += "</svg>\n"
        return svg
    }

    /// The grid with the y axis's labels, about eight dates along the x axis, and both axes with
    /// their titles.
    private static func axes(_ frame: ChartFrame, weekStarts: [LocalDate]) -> String {
        let (left, top, plotWidth, plotHeight) = (ChartFrame.left, ChartFrame.top, frame.plotWidth, frame.plotHeight)
        var svg = ""
        let step = frame.yMax / 5
        for i in 0...5 {
            let value = step * Double(i)
            svg += String(
                format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n",
                left, frame.y(value), left + plotWidth, frame.y(value))
            svg += String(
                format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%@</text>\n", left - 8, frame.y(value) + 4,
                number(value))
        }
        let every = max(1, weekStarts.count / 8)
        for week in stride(from: 0, to: weekStarts.count, by: every) {
            svg += String(
                format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\"/>\n", frame.x(week),
                top + plotHeight, frame.x(week), top + plotHeight + 5)
            svg += String(
                format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%@</text>\n", frame.x(week),
                top + plotHeight + 20, weekStarts[week].iso)
        }
        svg += String(
            format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>\n", left, top + plotHeight,
            left + plotWidth, top + plotHeight)
        svg += String(
            format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>\n", left, top, left,
            top + plotHeight)
        svg +=
            "<text x=\"\(Int(left + plotWidth / 2))\" y=\"\(Int(ChartFrame.height - 18))\" text-anchor=\"middle\">week starting</text>\n"
        svg += String(
            format:
                "<text transform=\"translate(20,%.1f) rotate(-90)\" text-anchor=\"middle\">working days until a free slot</text>\n",
            top + plotHeight / 2)
        return svg
    }

    /// The P10–P90 band, the median over it and the norm across.
    private static func series(_ frame: ChartFrame, bands: [Band], norm: Double?) -> String {
        let upper = bands.indices.map { frame.point($0, bands[$0].p90) }
        let lower = bands.indices.reversed().map { frame.point($0, bands[$0].p10) }
        var svg =
            "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"#9ecae1\" fill-opacity=\"0.6\" stroke=\"none\"><title>P10–P90</title></polygon>\n"
        svg +=
            "<polyline points=\"\(bands.indices.map { frame.point($0, bands[$0].p50) }.joined(separator: " "))\" fill=\"none\" stroke=\"#08519c\" stroke-width=\"2.5\"><title>median</title></polyline>\n"
        if let norm {
            svg += String(
                format:
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d62728\" stroke-width=\"2\" stroke-dasharray=\"8 5\"/>\n",
                ChartFrame.left, frame.y(norm), ChartFrame.left + frame.plotWidth, frame.y(norm))
        }
        return svg
    }

    /// The legend in the plot's top right corner.
    private static func legend(_ frame: ChartFrame, norm: Double?) -> String {
        let lx = ChartFrame.left + frame.plotWidth - 230
        let ly = ChartFrame.top + 10
        var svg = String(
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
                lx, ly + 45, lx + 22, ly + 45, lx + 30, ly + 49, number(norm))
        }
        return svg
    }

    static func niceCeiling(_ value: Double) -> Double {
        let magnitude = pow(10, (log10(max(value, 1e-9))).rounded(.down))
        for factor in [1.0, 2, 2.5, 5, 10] where factor * magnitude >= value { return factor * magnitude }
        return 10 * magnitude
    }
}

/// Where the plot sits in the chart, with its margins for the title and the axes' labels, and
/// where a week and a number of working days fall on it.
private struct ChartFrame {
    static let width = 900.0
    static let height = 480.0
    static let left = 70.0
    static let right = 50.0
    static let top = 50.0
    static let bottom = 70.0

    /// The top of the y axis.
    let yMax: Double
    /// The last week's index, at the right edge (at least 1).
    let weeks: Int

    var plotWidth: Double { Self.width - Self.left - Self.right }
    var plotHeight: Double { Self.height - Self.top - Self.bottom }

    func x(_ week: Int) -> Double { Self.left + plotWidth * Double(week) / Double(weeks) }
    func y(_ value: Double) -> Double { Self.top + plotHeight * (1 - value / yMax) }
    func point(_ week: Int, _ value: Double) -> String { String(format: "%.1f,%.1f", x(week), y(value)) }
}

/// The history as CSV, one row per day, desk, product and measure: what the open data and the
/// dashboard's downloads give.
public enum HistoryCSV {
    public static func text(_ values: [MeasuredValue]) -> String {
        var text = "date,desk,product,measure,value\n"
        for v in values {
            text += "\(v.date.iso),\(v.desk),\(v.product),\(v.measure.rawValue),\(number(v.value))\n"
        }
        return text
    }

    /// Weeks as CSV, one row per week, desk, product and measure.
    public static func text(_ weeks: [MeasuredWeek]) -> String {
        var text = "week,desk,product,measure,value,days\n"
        for w in weeks {
            text += "\(w.week.iso),\(w.desk),\(w.product),\(w.measure.rawValue),\(number(w.value)),\(w.days)\n"
        }
        return text
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

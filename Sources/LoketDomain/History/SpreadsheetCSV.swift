/// Rows written for a spreadsheet program rather than for a program that parses CSV: a byte
/// order mark, without which Excel reads UTF-8 as Windows-1252; `;` between fields where the
/// decimal mark is a comma (Dutch Excel reads a comma-separated file as one column); fields
/// quoted when they hold the separator, a quote or a line break (RFC 4180); and a text a
/// spreadsheet would run as a formula kept as text with a leading apostrophe (OWASP's advice on
/// CSV injection). Written by hand: no listed package writes CSV.
public enum SpreadsheetCSV {
    public static func text(_ rows: [[String]], separator: Character) -> String {
        "\u{FEFF}"
            + rows.map { $0.map { field($0, separator) }.joined(separator: String(separator)) }
            .joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ text: String, _ separator: Character) -> String {
        var text = text
        if let first = text.first, "=+@\t\r".contains(first) || (first == "-" && Double(text) == nil) {
            text = "'" + text
        }
        guard text.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

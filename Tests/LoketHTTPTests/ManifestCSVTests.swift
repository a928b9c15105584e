import LoketDomain
import Testing

@testable import LoketHTTP

/// The courier's manifest opens in a spreadsheet: a cell that would run as a formula is text.
@Suite(.timeLimit(.minutes(3))) struct ManifestCSVTests {
    static let cells: [(typed: String, written: String)] = [
        ("=HYPERLINK(\"http://evil.example\",\"x\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("Lange Voorhout", "Lange Voorhout"),
        ("Dorp, 't Zand", "\"Dorp, 't Zand\""),
    ]

    @Test(arguments: cells) func aFormulaIsWrittenAsText(typed: String, written: String) {
        let line = ManifestLine(
            delivery: Delivery(
                id: "d1", date: LocalDate(iso: "2022-06-07")!,
                window: TimeRange(from: LocalTime(minutes: 540), to: LocalTime(minutes: 720)),
                address: DutchAddress(street: typed, houseNumber: "1", postcode: "2514 EA", city: "Den Haag"),
                status: .scheduled, reason: nil),
            document: "doc", desk: "DH", holderName: "Ana")
        let row = CourierRoutes.csv([line]).split(separator: "\r\n")[1]
        #expect(row.hasPrefix("d1,doc,DH,Ana,\(written),1,"))
    }
}

import LoketDomain
import Testing

/// What a spreadsheet needs to open a file in columns, safely.
struct SpreadsheetCSVTests {
    @Test func fieldsAreSeparatedQuotedAndNeverRunAsFormulas() {
        let text = SpreadsheetCSV.text(
            [["Naam", "Waarde"], ["Biometrie; foto", "12,5"], ["=HYPERLINK(\"x\")", "-3"], ["-x", "@a"]], separator: ";"
        )
        #expect(
            text
                == "\u{FEFF}Naam;Waarde\r\n\"Biometrie; foto\";12,5\r\n\"'=HYPERLINK(\"\"x\"\")\";-3\r\n'-x;'@a\r\n")
        // With a comma between fields, a comma in a name is quoted instead.
        #expect(
            SpreadsheetCSV.text([["Biometrics (fingerprints, photo)", "2.5"]], separator: ",")
                == "\u{FEFF}\"Biometrics (fingerprints, photo)\",2.5\r\n")
    }
}

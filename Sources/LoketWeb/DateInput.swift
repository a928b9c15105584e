/// A date asked as three boxes, day, month and year (GOV.UK's date input pattern), for a date a
/// person knows rather than picks: a date of birth, the day a photo was taken. A browser's date
/// picker makes someone born in 1961 scroll back sixty years on a phone, and shows its format
/// in the browser's language, not the page's. The form posts `<field>-day`, `-month` and
/// `-year`; `combined` turns them back into the one `YYYY-MM-DD` field every use case reads, so
/// a wrong date is refused by the same check, naming the same field.
struct DateInput {
    let field: String
    let day: String, month: String, year: String
    let error: String?
    /// The visitor's own date of birth: their browser may fill it in (`bday-day`, …). Not a
    /// companion's, and not on a staff page, where it would be the clerk's.
    let birthday: Bool

    /// The boxes of `field` as the form sent them, or as `value` (`YYYY-MM-DD`) fills them.
    init(field: String, form: [String: String], value: String?, error: String?, birthday: Bool = false) {
        self.field = field
        self.error = error
        self.birthday = birthday
        if let year = form["\(field)-year"] {
            (day, month, self.year) = (form["\(field)-day"] ?? "", form["\(field)-month"] ?? "", year)
        } else {
            let parts = (value ?? form[field] ?? "").split(separator: "-").map(String.init)
            if parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) {
                (day, month, year) = (String(d), String(m), String(y))
            } else {
                (day, month, year) = ("", "", "")
            }
        }
    }

    /// `form` with each date sent as three boxes also under its own name, as `YYYY-MM-DD`: empty
    /// when all three are, and as typed (so refused as no date) when a box is missing or not a
    /// number.
    static func combined(_ form: [String: String]) -> [String: String] {
        var form = form
        for key in form.keys where key.hasSuffix("-year") {
            let field = String(key.dropLast("-year".count))
            let parts = ["-year", "-month", "-day"].map {
                asciiDigits((form[field + $0] ?? "").trimmingCharacters(in: .whitespaces))
            }
            if parts.allSatisfy(\.isEmpty) {
                form[field] = ""
            } else if parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy { $0.isASCII && $0.isNumber } })
            {
                let padded = [parts[0]] + parts.dropFirst().map { $0.count == 1 ? "0" + $0 : $0 }
                form[field] = padded.joined(separator: "-")
            } else {
                form[field] = parts.joined(separator: "-")
            }
        }
        return form
    }

    /// `text` with Arabic-Indic and Eastern Arabic-Indic digits (٠–٩, ۰–۹, as an Arabic or
    /// Persian phone keyboard types them) written as 0–9; anything else as it is.
    static func asciiDigits(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    for zero: UInt32 in [0x0660, 0x06F0] where (zero...zero + 9).contains(scalar.value) {
                        return Unicode.Scalar(scalar.value - zero + 0x30)!
                    }
                    return scalar
                }))
    }
}

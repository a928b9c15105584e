import Testing

@testable import LoketWeb

/// A date typed as day, month and year boxes reaches the use cases as the one `YYYY-MM-DD` field
/// they check, and a page shows the boxes again as they were typed.
@Suite struct DateInputTests {
    @Test(arguments: [
        ("1", "4", "1990", "1990-04-01"),
        ("31", "12", "1961", "1961-12-31"),
        (" 07 ", "09", "2004", "2004-09-07"),
        ("", "", "", ""),
        // Anything else reaches the check as typed, which refuses it as no date.
        ("1", "", "1990", "1990--1"),
        ("1", "april", "1990", "1990-april-1"),
        ("1", "4", "90", "90-04-01"),
    ])
    func theBoxesBecomeOneDate(day: String, month: String, year: String, combined: String) {
        let form = DateInput.combined([
            "dateOfBirth-day": day, "dateOfBirth-month": month, "dateOfBirth-year": year, "name": "Ada",
        ])
        #expect(form["dateOfBirth"] == combined)
        #expect(form["name"] == "Ada")
    }

    @Test func digitsFromAnArabicOrPersianKeyboardAreRead() {
        let form = DateInput.combined([
            "dateOfBirth-day": "٣١", "dateOfBirth-month": "۳", "dateOfBirth-year": "٢٠٠٤",
        ])
        #expect(form["dateOfBirth"] == "2004-03-31")
    }

    @Test func aFormWithoutBoxesIsLeftAsItIs() {
        #expect(DateInput.combined(["dateOfBirth": "1990-04-01"]) == ["dateOfBirth": "1990-04-01"])
    }

    @Test func theBoxesShowWhatWasTypedOrTheDateGiven() {
        let typed = DateInput(
            field: "dateOfBirth", form: ["dateOfBirth-day": "2", "dateOfBirth-month": "x", "dateOfBirth-year": "1990"],
            value: nil, error: "wrong", birthday: true)
        #expect((typed.day, typed.month, typed.year) == ("2", "x", "1990") && typed.birthday)
        let given = DateInput(field: "faceDate", form: [:], value: "2022-06-01", error: nil)
        #expect((given.day, given.month, given.year) == ("1", "6", "2022") && !given.birthday)
    }
}

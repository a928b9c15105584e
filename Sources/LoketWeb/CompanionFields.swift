import LoketDomain

/// The name and V-number of another person in a group booking, as the customer's details form
/// and the clerk's urgent booking form ask them (companions.mustache): fields
/// `companion<n>.name` and `companion<n>.vNumber`, for products with one live booking per person.
struct CompanionFields {
    let legend: String
    let nameField: String, nameValue: String, nameError: String?
    let vNumberField: String, vNumberValue: String, vNumberError: String?

    /// The rows for `count` other persons, with what was typed and the errors next to each field.
    static func rows(
        count: Int, form: [String: String], errors: [FieldError], _ language: Customer.Language
    ) -> [CompanionFields] {
        (0..<max(0, count)).map { offset in
            let index = offset + 1
            let name = "companion\(index).name"
            let vNumber = "companion\(index).vNumber"
            return CompanionFields(
                legend: WebCopy.text("companionLegend", language, "\(index + 1)"),
                nameField: name, nameValue: form[name] ?? "", nameError: errors.first { $0.field == name }?.message,
                vNumberField: vNumber, vNumberValue: form[vNumber] ?? "",
                vNumberError: errors.first { $0.field == vNumber }?.message)
        }
    }

    /// The `count` other persons as posted, or what is wrong with them.
    static func read(count: Int, form: [String: String]) -> (companions: [Companion], problems: [BookingError]) {
        var companions: [Companion] = []
        var problems: [BookingError] = []
        for index in stride(from: 1, through: count, by: 1) {
            switch Companion.checked(
                name: form["companion\(index).name"], vNumber: form["companion\(index).vNumber"],
                prefix: "companion\(index).")
            {
            case .success(let valid): companions.append(valid)
            case .failure(let found): problems += found.errors
            }
        }
        return (companions, problems)
    }
}

import LoketDomain

/// The name and V-number of another person in a group booking, as the customer's details form
/// and the clerk's urgent booking form ask them (companions.mustache): fields
/// `companion<n>.name` and `companion<n>.vNumber`, for products with one live booking per person,
/// and `companion<n>.dateOfBirth` for products that require an invitation.
struct CompanionFields {
    let legend: String
    let nameField: String, nameValue: String, nameError: String?
    let vNumberField: String, vNumberValue: String, vNumberError: String?
    /// A date of birth, for products whose people must match their invitation.
    let birth: DateInput?

    /// The rows for `count` other persons, with what was typed and the errors next to each field.
    static func rows(
        count: Int, form: [String: String], errors: [FieldError], _ language: Customer.Language,
        asksBirth: Bool = false
    ) -> [CompanionFields] {
        (0..<max(0, count)).map { offset in
            let index = offset + 1
            let name = "companion\(index).name"
            let vNumber = "companion\(index).vNumber"
            let birth = "companion\(index).dateOfBirth"
            return CompanionFields(
                legend: WebCopy.text("companionLegend", language, "\(index + 1)"),
                nameField: name, nameValue: form[name] ?? "", nameError: errors.first { $0.field == name }?.message,
                vNumberField: vNumber, vNumberValue: form[vNumber] ?? "",
                vNumberError: errors.first { $0.field == vNumber }?.message,
                birth: asksBirth
                    ? DateInput(
                        field: birth, form: form, value: nil, error: errors.first { $0.field == birth }?.message)
                    : nil)
        }
    }

    /// A refusal's field as the form names it: the API's `companions[0].vNumber` is the form's
    /// `companion1.vNumber` (the customer is person 1 on the page).
    static func formField(_ field: String) -> String {
        guard field.hasPrefix("companions["), let close = field.firstIndex(of: "]"),
            let index = Int(field[field.index(field.startIndex, offsetBy: "companions[".count)..<close])
        else { return field }
        return "companion\(index + 1)" + field[field.index(after: close)...]
    }

    /// `message` about the form field `field`, naming the person when it is a companion's
    /// ("Person 2: …"): the error summary lists the fields of everyone at once.
    static func naming(_ message: String, field: String, _ language: Customer.Language) -> String {
        guard field.hasPrefix("companion"), let dot = field.firstIndex(of: "."),
            let index = Int(field[field.index(field.startIndex, offsetBy: "companion".count)..<dot])
        else { return message }
        return "\(WebCopy.text("companionLegend", language, "\(index + 1)")): \(message)"
    }

    /// The `count` other persons as posted, or what is wrong with them.
    static func read(count: Int, form: [String: String]) -> (companions: [Companion], problems: [Refusal]) {
        var companions: [Companion] = []
        var problems: [Refusal] = []
        for index in stride(from: 1, through: count, by: 1) {
            switch Companion.checked(
                name: form["companion\(index).name"], vNumber: form["companion\(index).vNumber"],
                dateOfBirth: form["companion\(index).dateOfBirth"], prefix: "companion\(index).")
            {
            case .success(let valid): companions.append(valid)
            case .failure(let found): problems += found.errors
            }
        }
        return (companions, problems)
    }
}
